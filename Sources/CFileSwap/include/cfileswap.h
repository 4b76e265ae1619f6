#ifndef CFILESWAP_H
#define CFILESWAP_H
/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0, or -1 with errno set
/// (for example EINVAL/ENOSYS on file systems or systems without support).
int niemyet_exchange_paths(const char *a, const char *b);

/// Opens (creating or truncating) `path` for writing past the page cache (Linux O_DIRECT): 0644, close-on-exec.
/// Returns the descriptor, or -1 with errno set (EINVAL where the file system has no direct I/O, such as tmpfs).
int niemyet_open_direct(const char *path);

/// Turns direct I/O off on `fd` (for a last piece whose length is not a multiple of the block size).
/// Returns 0, or -1 with errno set.
int niemyet_end_direct(int fd);

/// The alignment direct writes need for their memory, offset and length.
#define NIEMYET_DIRECT_ALIGNMENT 4096
#endif

#ifndef CFILESWAP_H
#define CFILESWAP_H
/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0, or -1 with errno set
/// (for example EINVAL/ENOSYS on file systems or systems without support).
int niemyet_exchange_paths(const char *a, const char *b);
#endif

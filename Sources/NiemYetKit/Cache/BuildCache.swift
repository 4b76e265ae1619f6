import Crypto
import Foundation

/// Results of the expensive steps of a build, remembered by a hash of everything each step depends on, so a
/// rebuild after one article changed does only that article's work again:
///
/// - **front matter**: the parsed YAML tree of a file (key: the YAML text, the file's path and the line it starts
///   on — positions in messages depend on both);
/// - **Markdown**: the rendered body (key: the Markdown text, path, first line, the site's base path and the
///   names of the embeds on offer). A body that mentions an embed's name (```` ```thong-ke ````) is never cached:
///   its HTML may depend on other content;
/// - **pages**: for each HTML page, the hash of the bytes it rendered to, keyed by a fingerprint of the template
///   texts and every value the template saw (`PageMemo`). A page whose fingerprint is known is not rendered
///   again: the bytes are taken from the previous output file, after checking that file still hashes to what was
///   recorded.
///
/// The cache file records the identity of the program that wrote it (version, size and date of the executable)
/// and is ignored by any other, so a new niemyet never trusts what an older one computed. What is cached is only
/// ever a faster way to the same bytes: deleting `.niemyet-cache/` gives identical output. Failed steps (YAML
/// errors, Markdown with problems) are not cached; they are simply done again.
///
/// One cache serves one site. It is safe to use from the parallel loaders and renderers.
public final class BuildCache: @unchecked Sendable {
    /// The folder in the site that holds the cache (git-ignored).
    public static let folderName = ".niemyet-cache"
    static let fileName = "build-cache.bin"
    static let formatVersion: UInt32 = 1

    /// Content files already read by this process, reused while unchanged on disk (never saved; see
    /// `ParsedFileMemo`). Only for a cache that serves several builds in one process (`serve`): a single build
    /// never reads a file twice, and keeping every file's text until the end cost it ~50 MB on the 10k site.
    let files: ParsedFileMemo?
    private let lock = NSLock()
    private var frontMatter: [Key: YAMLValue?] = [:]
    private var markdown: [Key: RenderedMarkdown] = [:]
    private var pages: [Key: PageRecord] = [:]
    /// Keys looked up or stored since `beginBuild`; the rest is dropped after a successful build.
    private var used: Set<Key> = []
    /// Hit and miss counts of the current build, for `niemyet build --verbose`-style reporting and tests.
    private var counters = Statistics()

    public struct Statistics: Sendable, Equatable {
        public var frontMatterHits = 0, frontMatterMisses = 0
        public var markdownHits = 0, markdownMisses = 0
        public var pageHits = 0, pageMisses = 0
        public init() {}
    }

    struct PageRecord: Sendable, Equatable {
        var sha: Key
        var size: Int
    }

    /// `rememberingFiles`: keep the files read for the next build in this process (see `files`).
    public init(rememberingFiles: Bool = false) {
        files = rememberingFiles ? ParsedFileMemo() : nil
    }

    // MARK: build lifecycle

    /// Starts counting what the next build uses.
    public func beginBuild() {
        lock.lock(); defer { lock.unlock() }
        used.removeAll(keepingCapacity: true)
        counters = Statistics()
    }

    /// After a successful build, forgets everything it did not use (old versions of edited files, deleted
    /// pages), so the cache stays the size of the site.
    public func prune() {
        lock.lock(); defer { lock.unlock() }
        frontMatter = frontMatter.filter { used.contains($0.key) }
        markdown = markdown.filter { used.contains($0.key) }
        pages = pages.filter { used.contains($0.key) }
    }

    public var statistics: Statistics {
        lock.lock(); defer { lock.unlock() }
        return counters
    }

    public var isEmpty: Bool {
        lock.lock(); defer { lock.unlock() }
        return frontMatter.isEmpty && markdown.isEmpty && pages.isEmpty
    }

    // MARK: front matter

    /// The parsed front matter of `yaml`, from the cache or from `parse` (whose successes are remembered).
    func frontMatter(_ yaml: String, path: String, firstLine: Int,
                     parse: () throws(Diagnostic) -> YAMLValue?) throws(Diagnostic) -> YAMLValue? {
        var hasher = KeyHasher("front-matter")
        hasher.add(path); hasher.add(firstLine); hasher.add(yaml)
        let key = hasher.finish()
        lock.lock()
        if let hit = frontMatter[key] {
            used.insert(key)
            counters.frontMatterHits += 1
            lock.unlock()
            return hit
        }
        counters.frontMatterMisses += 1
        lock.unlock()
        let value = try parse()
        lock.lock()
        frontMatter[key] = .some(value)
        used.insert(key)
        lock.unlock()
        return value
    }

    // MARK: Markdown

    /// The rendered body, from the cache or from `render`. `render` reports its own problems; a body that
    /// could use an embed is rendered every time.
    func markdown(_ source: MarkdownSource, renderer: MarkdownRenderer,
                  render: () -> (RenderedMarkdown, [Diagnostic])) -> (RenderedMarkdown, [Diagnostic]) {
        // Conservative: any mention of an embed's name may be a fenced block using it.
        if renderer.embeds.keys.contains(where: { Self.mentions(source.text, $0) }) { return render() }
        var hasher = KeyHasher("markdown")
        hasher.add(source.path); hasher.add(source.firstLine); hasher.add(renderer.basePath)
        hasher.add(renderer.embeds.keys.sorted().joined(separator: "\n")); hasher.add(source.text)
        let key = hasher.finish()
        lock.lock()
        if let hit = markdown[key] {
            used.insert(key)
            counters.markdownHits += 1
            lock.unlock()
            return (hit, [])
        }
        counters.markdownMisses += 1
        lock.unlock()
        let (rendered, problems) = render()
        if problems.isEmpty {
            lock.lock()
            markdown[key] = rendered
            used.insert(key)
            lock.unlock()
        }
        return (rendered, problems)
    }

    /// `text` contains `word` (bytes compared; Foundation's `contains` was a tenth of a warm build).
    static func mentions(_ text: String, _ word: String) -> Bool {
        var text = text, word = word
        return text.withUTF8 { haystack in
            word.withUTF8 { needle in
                needle.isEmpty || ByteSearch.firstOffset(of: needle, in: haystack) != nil
            }
        }
    }

    // MARK: pages

    /// The job being made, set by `OutputFolder` while it runs the job: where the previous bytes of a page are,
    /// and whether they were taken as they are (then the writer need not compare them again).
    @TaskLocal static var currentJob: JobContext?

    /// The page's bytes: the previous output's when `fingerprint` was rendered before and that file still holds
    /// exactly those bytes, otherwise freshly rendered (and remembered).
    func page(fingerprint: Key, previousOutput: URL, render: () -> Data) -> Data {
        lock.lock()
        let known = pages[fingerprint]
        lock.unlock()
        if let known, let job = Self.currentJob,
           let old = Self.contents(of: previousOutput.path + "/" + job.filePath, size: known.size),
           Key.sha256(old) == known.sha {
            lock.lock()
            used.insert(fingerprint)
            counters.pageHits += 1
            lock.unlock()
            job.reusedPreviousFile = true
            return old
        }
        let data = render()
        let record = PageRecord(sha: Key.sha256(data), size: data.count)
        lock.lock()
        pages[fingerprint] = record
        used.insert(fingerprint)
        counters.pageMisses += 1
        lock.unlock()
        return data
    }

    /// The file's bytes when it is a regular file of exactly `size` bytes (a cheap first check).
    private static func contents(of path: String, size: Int) -> Data? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == size else {
            return nil
        }
        return FileManager.default.contents(atPath: path)
    }

    // MARK: on disk

    /// The cache of the site at `site`, or an empty one when there is none or it was written by another
    /// version of niemyet (or is damaged: a cache is never worth an error).
    public static func load(site: URL, rememberingFiles: Bool = false) -> BuildCache {
        let cache = BuildCache(rememberingFiles: rememberingFiles)
        let url = site.appendingPathComponent(folderName).appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else { return cache }
        var reader = CacheReader(data)
        do {
            guard try reader.uint32() == formatVersion, try reader.string() == programIdentity else { return cache }
            for _ in 0..<(try reader.count()) {
                cache.frontMatter[try reader.key()] = .some(try reader.optionalYAML())
            }
            for _ in 0..<(try reader.count()) {
                cache.markdown[try reader.key()] = try reader.rendered()
            }
            for _ in 0..<(try reader.count()) {
                let key = try reader.key()
                cache.pages[key] = PageRecord(sha: try reader.key(), size: try reader.count())
            }
        } catch {
            return BuildCache()
        }
        return cache
    }

    /// Writes the cache into the site's `.niemyet-cache/` (atomically: a reader never sees half a file).
    /// Failing to write it only costs speed next time, so errors are ignored. The file is written a megabyte at a
    /// time: held whole (57 MB for the 10k benchmark site, twice that while the buffer grows) it was most of
    /// what the cache added to a build's peak memory.
    public func save(site: URL) {
        let folder = site.appendingPathComponent(Self.folderName)
        let url = folder.appendingPathComponent(Self.fileName)
        let temporary = folder.appendingPathComponent(".\(Self.fileName).\(getpid()).tmp")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard var file = CacheFile(path: temporary.path) else { return }
        var writer = CacheWriter()
        writer.bytes.reserveCapacity(Self.flushSize + (64 << 10))
        lock.lock()
        writer.uint32(Self.formatVersion)
        writer.string(Self.programIdentity)
        writer.count(frontMatter.count)
        for (key, value) in frontMatter.sorted(by: { $0.key < $1.key }) {
            writer.key(key); writer.optionalYAML(value ?? nil)
            writer.flush(to: &file, atLeast: Self.flushSize)
        }
        writer.count(markdown.count)
        for (key, value) in markdown.sorted(by: { $0.key < $1.key }) {
            writer.key(key); writer.rendered(value)
            writer.flush(to: &file, atLeast: Self.flushSize)
        }
        writer.count(pages.count)
        for (key, value) in pages.sorted(by: { $0.key < $1.key }) {
            writer.key(key); writer.key(value.sha); writer.count(value.size)
            writer.flush(to: &file, atLeast: Self.flushSize)
        }
        lock.unlock()
        writer.flush(to: &file, atLeast: 0)
        if !file.close() || rename(temporary.path, url.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }

    private static let flushSize = 1 << 20

    /// What makes one niemyet program different from another: its version and its executable file, so a cache
    /// written by an older (or a freshly recompiled) niemyet is never used.
    static let programIdentity: String = {
        var identity = "niemyet \(NiemYet.version)"
        let path = Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        var info = stat()
        if stat(path, &info) == 0 {
            identity += " \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return identity
    }()
}

/// A SHA-256 digest as four words: cheap to hash and compare as a dictionary key.
struct Key: Hashable, Comparable, Sendable {
    var a: UInt64, b: UInt64, c: UInt64, d: UInt64

    init(a: UInt64, b: UInt64, c: UInt64, d: UInt64) {
        self.a = a; self.b = b; self.c = c; self.d = d
    }

    init<D: Digest>(_ digest: D) {
        var words: [UInt64] = [0, 0, 0, 0]
        digest.withUnsafeBytes { raw in
            for i in 0..<4 { words[i] = raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self) }
        }
        self.init(a: words[0], b: words[1], c: words[2], d: words[3])
    }

    static func sha256(_ data: Data) -> Key { Key(SHA256.hash(data: data)) }

    static func < (x: Key, y: Key) -> Bool { (x.a, x.b, x.c, x.d) < (y.a, y.b, y.c, y.d) }
}

/// Builds a key from typed parts; each part is framed (tag and length) so `("ab", "c")` and `("a", "bc")`
/// never collide.
struct KeyHasher {
    private var bytes: [UInt8] = []

    init(_ domain: String) {
        add(domain)
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            add(tag: 0x73, length: utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func add(_ number: Int) {
        bytes.append(0x69)
        withUnsafeBytes(of: Int64(number).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func add(_ key: Key) {
        bytes.append(0x6B)
        for word in [key.a, key.b, key.c, key.d] {
            withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) }
        }
    }

    mutating func add(tag: UInt8, length: Int) {
        bytes.append(tag)
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func add(raw byte: UInt8) { bytes.append(byte) }

    func finish() -> Key { Key(SHA256.hash(data: bytes)) }
}

/// One output file being made (see `BuildCache.currentJob`).
final class JobContext: @unchecked Sendable {
    /// Path inside the output folder (`tin-tuc/abc/index.html`).
    let filePath: String
    /// Set when the bytes are exactly the previous output file at `filePath`, read and checked by the page memo.
    var reusedPreviousFile = false

    init(filePath: String) { self.filePath = filePath }
}

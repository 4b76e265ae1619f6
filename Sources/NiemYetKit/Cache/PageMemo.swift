import Foundation

/// Skips rendering HTML pages whose inputs did not change. A page is `theme.render(template, values)`: its
/// bytes depend only on the template texts and on the values, so a fingerprint of both identifies them. The
/// values are walked and hashed (strings, numbers, booleans, lists, dictionaries with sorted keys, optionals);
/// a value of any other type (a lambda, an object rendered through reflection) makes the page unfingerprintable,
/// and it is simply rendered every time — never guessed.
struct PageMemo: Sendable {
    let cache: BuildCache
    /// The template texts (`Theme.templatesDigest`) and the site-wide layout values of one language, hashed once.
    let baseDigest: Key
    let previousOutput: URL

    /// Fingerprinting every page only pays when a previous output can give the bytes back: a first build (a
    /// fresh CI clone, a new output folder) would hash all values and pages for nothing, a third of its time on
    /// the benchmark site. Its next build fingerprints and records them; `OutputFolder` still keeps the bytes and
    /// times of unchanged files by comparing them.
    static func applies(to options: BuildOptions) -> Bool {
        options.cache != nil && FileManager.default.fileExists(atPath: options.output.path)
    }

    init?(cache: BuildCache, templates: Key, layout: [String: Any], previousOutput: URL) {
        var values = ValueHasher("layout")
        values.add(key: templates)
        guard values.add(layout) else { return nil }
        self.cache = cache
        self.baseDigest = values.finish()
        self.previousOutput = previousOutput
    }

    /// The page's bytes, from the previous output when its fingerprint is known, else from `render`.
    func bytes(template: String, values: [String: Any], render: () -> Data) -> Data {
        var hasher = ValueHasher("page")
        hasher.add(key: baseDigest)
        hasher.add(string: template)
        guard hasher.add(values) else { return render() }
        return cache.page(fingerprint: hasher.finish(), previousOutput: previousOutput, render: render)
    }
}

/// Hashes template values deterministically (same values → same key in every process).
struct ValueHasher {
    private var hasher: KeyHasher

    init(_ domain: String) { hasher = KeyHasher(domain) }

    mutating func add(key: Key) { hasher.add(key) }
    mutating func add(string: String) { hasher.add(string) }

    /// Adds `value`; false when it holds something that cannot be fingerprinted.
    mutating func add(_ value: Any) -> Bool {
        // The types template values are made of, recognised by identity first: a failed `as?` cast costs a
        // walk of the runtime's type metadata, and `[String: String]` as `[String: Any]` a copy.
        let type = ObjectIdentifier(Swift.type(of: value))
        if type == Self.stringType {
            hasher.add(value as! String)
            return true
        }
        if type == Self.mappingType {
            return add(mapping: value as! [String: Any])
        }
        if type == Self.mappingListType {
            let list = value as! [[String: Any]]
            hasher.add(tag: 0x5B, length: list.count)
            for item in list where !add(mapping: item) { return false }
            return true
        }
        if type == Self.stringMappingType {
            let dictionary = value as! [String: String]
            hasher.add(tag: 0x7B, length: dictionary.count)
            for key in dictionary.keys.sorted() {
                hasher.add(key)
                hasher.add(dictionary[key]!)
            }
            return true
        }
        if type == Self.stringListType {
            let list = value as! [String]
            hasher.add(tag: 0x5B, length: list.count)
            for item in list { hasher.add(item) }
            return true
        }
        if type == Self.boolType {
            hasher.add(raw: (value as! Bool) ? 0x54 : 0x46)
            return true
        }
        if type == Self.intType {
            hasher.add(value as! Int)
            return true
        }
        return addOther(value)
    }

    private static let stringType = ObjectIdentifier(String.self)
    private static let mappingType = ObjectIdentifier([String: Any].self)
    private static let mappingListType = ObjectIdentifier([[String: Any]].self)
    private static let stringMappingType = ObjectIdentifier([String: String].self)
    private static let stringListType = ObjectIdentifier([String].self)
    private static let boolType = ObjectIdentifier(Bool.self)
    private static let intType = ObjectIdentifier(Int.self)

    private mutating func add(mapping dictionary: [String: Any]) -> Bool {
        hasher.add(tag: 0x7B, length: dictionary.count)
        for key in dictionary.keys.sorted() {
            hasher.add(key)
            guard add(dictionary[key]!) else { return false }
        }
        return true
    }

    /// Everything else, by casting (the same encoding as above for the same values).
    private mutating func addOther(_ value: Any) -> Bool {
        switch value {
        case let text as String:
            hasher.add(text)
        case let flag as Bool:
            hasher.add(raw: flag ? 0x54 : 0x46)
        case let number as Int:
            hasher.add(number)
        case let number as Double:
            hasher.add(raw: 0x64)
            hasher.add(Int(truncatingIfNeeded: number.bitPattern))
        case let dictionary as [String: Any]:
            return add(mapping: dictionary)
        case let list as [Any]:
            hasher.add(tag: 0x5B, length: list.count)
            for item in list {
                guard add(item) else { return false }
            }
        default:
            // Optionals arrive wrapped in Any: unwrap one level, nil is "absent" for Mustache.
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .optional else { return false }
            guard let wrapped = mirror.children.first?.value else {
                hasher.add(raw: 0x30)
                return true
            }
            hasher.add(raw: 0x3F)
            return add(wrapped)
        }
        return true
    }

    func finish() -> Key { hasher.finish() }
}

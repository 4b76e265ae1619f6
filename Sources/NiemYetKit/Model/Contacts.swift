import Foundation

/// The contact directory (danh bạ): `content/contacts.yml` with the centre's `hotline` and the officials a citizen
/// may call, `people: [{name, position, unit, phone, email}]`, published at `/lien-he/danh-ba/` grouped by unit.
/// The law asks for each official's name, position, phone and email. A person's `en: {position, unit}` gives their
/// position and unit in English for the English directory; names are never translated.
public struct Contacts: ContentKind, SourceFiled {
    public static let path = "content/contacts.yml"
    static let knownKeys: Set<String> = ["hotline", "people"]
    static let personKeys: Set<String> = ["name", "position", "unit", "phone", "email"]

    public struct Person: Sendable {
        public var name: String
        public var position: String
        public var unit: String?
        public var phone: String?
        public var email: String?
        /// `position` and `unit` in the site's other languages: `translations["en"]["position"]`.
        public var translations: [String: [String: String]] = [:]

        /// `key` (`position`, `unit`) in `language` and the language it is actually written in.
        public func text(_ key: String, in language: String, defaultLanguage: String) -> (String, String)? {
            if let translated = translations[language]?[key] { return (translated, language) }
            let original = key == "position" ? position : unit
            return original.map { ($0, defaultLanguage) }
        }
    }
    static let translatedKeys: Set<String> = ["position", "unit"]

    public var source: String
    public var hotline: String?
    public var people: [Person]

    public static let url = "/lien-he/danh-ba/"

    /// Units in the order they first appear in the file (the editor's order: leadership first, usually).
    public var units: [(name: String?, people: [Person])] {
        var order: [String?] = []
        var groups: [String?: [Person]] = [:]
        for person in people {
            if groups[person.unit] == nil { order.append(person.unit) }
            groups[person.unit, default: []].append(person)
        }
        return order.map { ($0, groups[$0] ?? []) }
    }

    public static func load(_ context: LoadContext) -> [Contacts] {
        guard context.files.exists(path) else { return [] }
        let value: YAMLValue?
        do {
            value = try YAMLValue.parse(try context.files.text(path), path: path)
        } catch let diagnostic as Diagnostic {
            context.log.report(diagnostic)
            return []
        } catch {
            context.log.error("cannot read: \(error.localizedDescription)", at: SourceLocation(path: path))
            return []
        }
        let f = Fields(value, path: path, at: SourceLocation(path: path), log: context.log)
        f.warnUnknownKeys(allowed: knownKeys)
        let hotline = phone(f, "hotline")
        if hotline == nil && f.value("hotline") == nil && context.config.hotline == nil {
            context.log.warning("no `hotline`: give the number citizens should call, so every page shows it",
                                at: SourceLocation(path: path))
        }
        if let hotline, let configured = context.config.hotline,
           PhoneNumber.digits(hotline) != PhoneNumber.digits(configured) {
            context.log.warning("the hotline here (\(hotline)) differs from `hotline` in \(SiteConfig.path) "
                                + "(\(configured)); pages show this one: correct or remove the other",
                                at: f.location(of: "hotline"))
        }
        let people = (f.list("people") ?? []).compactMap { entry -> Person? in
            let languages = context.config.languages.dropFirst()
            entry.warnUnknownKeys(allowed: personKeys.union(languages))
            let name = entry.string("name", required: true)
            let position = entry.string("position", required: true)
            let phone = phone(entry, "phone")
            let email = entry.string("email")
            if let email, !isEmail(email) {
                entry.error("`email` is not an email address: \(email)", key: "email")
            }
            if entry.value("phone") == nil && email == nil {
                context.log.warning("give a `phone` or an `email`: the law asks for both", at: entry.location)
            }
            var translations: [String: [String: String]] = [:]
            for language in languages {
                guard let group = entry.group(language) else { continue }
                group.warnUnknownKeys(allowed: translatedKeys)
                for key in translatedKeys.sorted() { if let text = group.string(key) { translations[language, default: [:]][key] = text } }
                if group.string("unit") != nil && entry.string("unit") == nil {
                    group.warning("`unit` translates the person's `unit`, which is not given", key: "unit")
                }
            }
            guard let name, let position else { return nil }
            return Person(name: name, position: position, unit: entry.string("unit"), phone: phone, email: email,
                          translations: translations)
        }
        return [Contacts(source: path, hotline: hotline, people: people)]
    }

    /// A phone field, checked: an invalid number is an error on its line.
    private static func phone(_ f: Fields, _ key: String) -> String? {
        guard let number = f.string(key) else { return nil }
        if let problem = PhoneNumber.problem(number) {
            f.error("`\(key)` \(number) is not a Vietnamese phone number: \(problem)", key: key)
            return nil
        }
        return number
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
    }
}

extension Site {
    /// The hotline every page shows: `contacts.yml`'s when it gives one, else `site.yml`'s.
    public var hotline: String? {
        items(Contacts.self).first?.hotline ?? config.hotline
    }
}

/// English pages mirror the Vietnamese paths under `/en/`, so a page's translations are found from its path alone.
enum Translations {
    /// The language of a full site-root path and the path without its language prefix.
    static func split(_ path: String, languages: [String]) -> (language: String, path: String) {
        for language in languages.dropFirst() where path == "/\(language)/" || path.hasPrefix("/\(language)/") {
            return (language, String(path.dropFirst(language.count + 1)))
        }
        return (languages.first ?? "vi", path)
    }

    /// The same page in every language (full site-root paths), whether or not it exists.
    static func paths(of path: String, languages: [String]) -> [(String, String)] {
        let bare = split(path, languages: languages).path
        return languages.enumerated().map { i, language in (language, i == 0 ? bare : "/\(language)" + bare) }
    }
}

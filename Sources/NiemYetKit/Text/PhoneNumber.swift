/// Vietnamese phone numbers as printed on notices: `0238 3851 234`, `0912 345 678`, `+84 238 3851 234`,
/// `1900 1234`, `1800 1234`, and short emergency numbers such as `113`.
public enum PhoneNumber {
    public static func digits(_ text: String) -> String {
        String(text.filter { $0.isASCII && $0.isNumber })
    }

    public static func isValid(_ text: String) -> Bool {
        let allowed = Set("0123456789 .-()+")
        guard !text.isEmpty, text.allSatisfy({ allowed.contains($0) }) else { return false }
        if text.dropFirst().contains("+") { return false }
        let d = digits(text)
        if text.hasPrefix("+84") {
            let national = d.dropFirst(2)
            return (9...10).contains(national.count) && national.first != "0"
        }
        if text.hasPrefix("+") { return false }
        if d.hasPrefix("1900") || d.hasPrefix("1800") { return d.count == 8 || d.count == 10 }
        if ["111", "112", "113", "114", "115"].contains(d) { return true }
        return d.hasPrefix("0") && (10...11).contains(d.count)
    }

    /// The `tel:` form: digits with the country code, so it dials from any phone.
    public static func telURI(_ text: String) -> String {
        let d = digits(text)
        if text.hasPrefix("+") { return "tel:+" + d }
        if d.hasPrefix("0") { return "tel:+84" + d.dropFirst() }
        return "tel:" + d
    }
}

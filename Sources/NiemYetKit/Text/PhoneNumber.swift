/// Vietnamese phone numbers as printed on notices: `0238 3851 234`, `0912 345 678`, `+84 238 3851 234`,
/// `1900 1234`, `1800 1234`, and short emergency numbers such as `113`.
///
/// Since the 2017–2018 renumbering, a national number is 10 digits for mobiles (03x, 05x, 07x, 08x, 09x) and
/// 11 digits for landlines (02xx area codes); the old 11-digit mobile prefixes (012x, 016x, ...) no longer dial.
public enum PhoneNumber {
    public static func digits(_ text: String) -> String {
        String(text.filter { $0.isASCII && $0.isNumber })
    }

    public static func isValid(_ text: String) -> Bool { problem(text) == nil }

    /// Why `text` is not a Vietnamese phone number, in words an editor can act on; nil when it is one.
    public static func problem(_ text: String) -> String? {
        let allowed = Set("0123456789 .-()+")
        guard !text.isEmpty else { return "the number is empty" }
        guard text.allSatisfy({ allowed.contains($0) }) else {
            return "only digits, spaces, dots, dashes, brackets and a leading + may be used"
        }
        if text.dropFirst().contains("+") { return "a + may only stand at the start (+84 ...)" }
        let d = digits(text)
        var national: Substring
        if text.hasPrefix("+") {
            guard d.hasPrefix("84") else { return "only Vietnamese numbers (+84 ...) are accepted" }
            national = "0" + d.dropFirst(2)
            if d.dropFirst(2).first == "0" { return "after +84 the leading 0 of the area code is left out" }
        } else {
            if d.hasPrefix("1900") || d.hasPrefix("1800") {
                return d.count == 8 || d.count == 10 ? nil : "1900/1800 numbers have 8 or 10 digits"
            }
            if ["111", "112", "113", "114", "115"].contains(d) { return nil }
            guard d.hasPrefix("0") else { return "a number starts with 0 (or +84)" }
            national = Substring(d)
        }
        switch national.count {
        case 10:
            let second = national.dropFirst().first
            return second.map({ "35789".contains($0) }) == true ? nil
                : "a 10-digit number is a mobile number and starts with 03, 05, 07, 08 or 09"
        case 11:
            return national.hasPrefix("02") ? nil
                : "an 11-digit number is a landline and starts with the area code 02xx"
        default:
            return "it has \(national.count) digits; mobile numbers have 10 and landlines 11 (with the 0)"
        }
    }

    /// The `tel:` form: digits with the country code, so it dials from any phone.
    public static func telURI(_ text: String) -> String {
        let d = digits(text)
        if text.hasPrefix("+") { return "tel:+" + d }
        if d.hasPrefix("0") { return "tel:+84" + d.dropFirst() }
        return "tel:" + d
    }
}

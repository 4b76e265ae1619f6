/// Numbers and dates the way readers of each language expect them: `1.005`, `99,2%`, `Thứ Năm, 31/07/2025` in
/// Vietnamese; `1,005`, `99.2%`, `Thursday, 31 July 2025` in English.
public struct LanguageFormat: Sendable, Hashable {
    public let code: String

    public static let vietnamese = LanguageFormat(code: "vi")
    public static let english = LanguageFormat(code: "en")

    public init(code: String) { self.code = code }

    private var isVietnamese: Bool { code != "en" }
    private var groupSeparator: String { isVietnamese ? "." : "," }
    private var decimalSeparator: String { isVietnamese ? "," : "." }

    public func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += groupSeparator }
            out.append(ch)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A share with one decimal, rounded half up (1832 of 1881 is 97,395…% and reads 97,4%), except that only
    /// a full share may read 100%: 1999 of 2000 reads 99,9%, never 100,0%, since "all dossiers on time" must
    /// never be claimed when one was late. Returns "—" when there is nothing to divide by.
    public func percent(_ part: Int, of whole: Int) -> String {
        guard let tenths = Self.permille(part, of: whole) else { return "—" }
        return integer(tenths / 10) + decimalSeparator + "\(tenths % 10)%"
    }

    /// Tenths of a percent, rounded as `percent` shows them (half up, 1000 only for the whole), for charts and
    /// data files; nil when the denominator is zero.
    public static func permille(_ part: Int, of whole: Int) -> Int? {
        guard whole > 0 else { return nil }
        let rounded = (part * 2000 + whole) / (2 * whole)
        return rounded >= 1000 && part < whole ? 999 : rounded
    }

    public func decimal(tenths: Int) -> String {
        integer(tenths / 10) + decimalSeparator + "\(abs(tenths) % 10)"
    }

    private static let viWeekdays = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
    private static let enWeekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let enMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                   "September", "October", "November", "December"]

    public func weekday(_ isoWeekday: Int) -> String {
        (isVietnamese ? Self.viWeekdays : Self.enWeekdays)[(isoWeekday - 1) % 7]
    }

    /// 31/07/2025 or 31 July 2025.
    public func date(_ d: CivilDate) -> String {
        isVietnamese ? pad2(d.day) + "/" + pad2(d.month) + "/" + pad4(d.year)
                     : "\(d.day) \(Self.enMonths[d.month - 1]) \(d.year)"
    }

    /// Thứ Năm, 31/07/2025 or Thursday, 31 July 2025.
    public func longDate(_ d: CivilDate) -> String { weekday(d.weekday) + ", " + date(d) }

    /// Tháng 7/2025 or July 2025.
    public func month(year: Int, month: Int) -> String {
        isVietnamese ? "Tháng \(month)/\(year)" : "\(Self.enMonths[month - 1]) \(year)"
    }

    public func time(_ d: CivilDate) -> String { pad2(d.hour) + ":" + pad2(d.minute) }
}

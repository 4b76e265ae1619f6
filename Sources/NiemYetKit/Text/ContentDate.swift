import Foundation

/// A date or date-time from content. Editors usually write a plain date; when they give no offset the commune's
/// own time (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving) is meant, never the build machine's.
///
/// Parsed by hand rather than with DateFormatter: the format is fixed (ISO 8601), and creating formatters for
/// ten thousand articles cost more than the rest of loading.
public struct ContentDate: Hashable, Sendable, Comparable {
    public static let vietnamOffset = 7 * 3600

    /// Seconds since 1970-01-01T00:00:00Z.
    public let epochSeconds: Int
    public let hasTime: Bool

    public init(epochSeconds: Int, hasTime: Bool) {
        self.epochSeconds = epochSeconds
        self.hasTime = hasTime
    }

    public init(year: Int, month: Int, day: Int) {
        self.init(epochSeconds: CivilDate.daysFromCivil(year, month, day) * 86_400 - ContentDate.vietnamOffset,
                  hasTime: false)
    }

    public init?(parsing raw: String) {
        let s = Array(raw.trimming(.whitespaces).utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= s.count else { return nil }
            var value = 0
            for k in i..<(i + digits) {
                guard s[k] >= 48 && s[k] <= 57 else { return nil }
                value = value * 10 + Int(s[k] - 48)
            }
            i += digits
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }
        guard let y = number(4), expect(45), let mo = number(2), expect(45), let d = number(2),
              (1...12).contains(mo), d >= 1, d <= CivilDate.daysIn(month: mo, year: y) else { return nil }
        var seconds = 0
        var offset = ContentDate.vietnamOffset
        let hasTime = i < s.count
        if hasTime {
            guard expect(84) || expect(32), let h = number(2), expect(58), let mi = number(2),
                  h < 24, mi < 60 else { return nil }
            seconds = h * 3600 + mi * 60
            if expect(58) {
                guard let sec = number(2), sec < 60 else { return nil }
                seconds += sec
                if expect(46) { while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 } }
            }
            if expect(90) {
                offset = 0
            } else if i < s.count, s[i] == 43 || s[i] == 45 {
                let sign = s[i] == 45 ? -1 : 1
                i += 1
                guard let oh = number(2) else { return nil }
                _ = expect(58)
                guard let om = number(2), oh < 24, om < 60 else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            }
            guard i == s.count else { return nil }
        }
        self.init(epochSeconds: CivilDate.daysFromCivil(y, mo, d) * 86_400 + seconds - offset, hasTime: hasTime)
    }

    public static func < (a: Self, b: Self) -> Bool { a.epochSeconds < b.epochSeconds }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(epochSeconds)) }

    /// Calendar fields as read in Vietnam.
    public var civil: CivilDate { CivilDate(epochSeconds: epochSeconds + ContentDate.vietnamOffset) }

    /// RFC 3339 in Vietnam's offset, for `<time datetime>`, feeds and sitemaps.
    public var iso8601: String {
        let c = civil
        if !hasTime { return c.isoDate }
        return c.isoDate + "T" + pad2(c.hour) + ":" + pad2(c.minute) + ":" + pad2(c.second) + "+07:00"
    }

    /// Full RFC 3339 date-time (feeds require one even for plain dates: midnight in Vietnam).
    public var rfc3339: String {
        let c = civil
        return c.isoDate + "T" + pad2(c.hour) + ":" + pad2(c.minute) + ":" + pad2(c.second) + "+07:00"
    }
}

@inline(__always) func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
@inline(__always) func pad4(_ n: Int) -> String {
    n >= 1000 ? "\(n)" : String(repeating: "0", count: 4 - String(n).count) + "\(n)"
}

/// Year, month, day (and time of day) as a person in Vietnam reads them off a calendar.
public struct CivilDate: Hashable, Sendable, Comparable {
    public var year: Int, month: Int, day: Int
    public var hour: Int, minute: Int, second: Int
    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    public var weekday: Int

    /// From seconds counted in local wall-clock time since 1970-01-01 00:00.
    init(epochSeconds local: Int) {
        let days = Int((Double(local) / 86_400).rounded(.down))
        let rest = local - days * 86_400
        (year, month, day) = CivilDate.civilFromDays(days)
        hour = rest / 3600; minute = rest % 3600 / 60; second = rest % 60
        weekday = ((days % 7 + 7) % 7 + 3) % 7 + 1  // 1970-01-01 was a Thursday
    }

    public init(year: Int, month: Int, day: Int) {
        self.init(epochSeconds: CivilDate.daysFromCivil(year, month, day) * 86_400)
    }

    public var isoDate: String { pad4(year) + "-" + pad2(month) + "-" + pad2(day) }
    public var dayNumber: Int { CivilDate.daysFromCivil(year, month, day) }

    public func adding(days: Int) -> CivilDate { CivilDate(epochSeconds: (dayNumber + days) * 86_400) }

    public static func < (a: Self, b: Self) -> Bool {
        (a.year, a.month, a.day, a.hour, a.minute, a.second) < (b.year, b.month, b.day, b.hour, b.minute, b.second)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension ContentDate {
    /// The commands' `--now`: nil when it is not given (today), the date when it is one.
    public static func option(_ text: String?) throws(InvalidDateOption) -> ContentDate? {
        guard let text else { return nil }
        guard let date = ContentDate(parsing: text) else { throw InvalidDateOption() }
        return date
    }
}

/// `--now` was given something that is not a date.
public struct InvalidDateOption: Error, CustomStringConvertible {
    public var description: String { "--now must be a date such as 2025-07-31" }
}

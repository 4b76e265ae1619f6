/// An ISO 8601 week (`2025-W31`): weeks start on Monday, and week 1 is the one holding the year's first Thursday,
/// so the last days of December can belong to week 1 of the next year and the first days of January to week 52
/// or 53 of the previous one. Work schedules are filed by these weeks.
public struct ISOWeek: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var week: Int

    public init?(year: Int, week: Int) {
        guard week >= 1, week <= ISOWeek.weeks(in: year) else { return nil }
        self.year = year
        self.week = week
    }

    /// The week a calendar day falls in.
    public init(containing day: CivilDate) {
        // The Thursday of the day's week decides the year.
        let thursday = day.adding(days: 4 - day.weekday)
        let jan1 = CivilDate(year: thursday.year, month: 1, day: 1)
        year = thursday.year
        week = (thursday.dayNumber - jan1.dayNumber) / 7 + 1
    }

    /// `2025-W31` (also accepts a lower-case `w`).
    public init?(parsing text: String) {
        let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), parts[1].count == 3,
              parts[1].hasPrefix("W"), let week = Int(parts[1].dropFirst()), parts[1].dropFirst().allSatisfy(\.isNumber)
        else { return nil }
        self.init(year: year, week: week)
    }

    /// 52 or 53: a year has 53 ISO weeks when 28 December falls in week 53.
    public static func weeks(in year: Int) -> Int {
        let dec28 = CivilDate(year: year, month: 12, day: 28)
        let thursday = dec28.adding(days: 4 - dec28.weekday)
        let jan1 = CivilDate(year: thursday.year, month: 1, day: 1)
        return (thursday.dayNumber - jan1.dayNumber) / 7 + 1
    }

    public var monday: CivilDate {
        let jan4 = CivilDate(year: year, month: 1, day: 4)
        let firstMonday = jan4.adding(days: 1 - jan4.weekday)
        return firstMonday.adding(days: (week - 1) * 7)
    }

    public var sunday: CivilDate { monday.adding(days: 6) }

    /// Monday ... Sunday of the week.
    public var days: [CivilDate] { (0..<7).map { monday.adding(days: $0) } }

    public func contains(_ day: CivilDate) -> Bool { ISOWeek(containing: day) == self }

    public func adding(weeks: Int) -> ISOWeek { ISOWeek(containing: monday.adding(days: 7 * weeks)) }

    public var description: String { pad4(year) + "-W" + pad2(week) }

    public static func < (a: Self, b: Self) -> Bool { (a.year, a.week) < (b.year, b.week) }
}

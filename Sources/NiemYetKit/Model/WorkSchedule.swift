import Foundation

/// The leaders' work schedule (lịch làm việc) of one ISO week: `content/schedule/<yyyy>-W<ww>.yml`, a list of
/// entries `{date, time, title, location, host, participants}`.
public struct WorkSchedule: ContentKind, SourceFiled {
    public static let folder = "content/schedule"
    static let entryKeys: Set<String> = ["date", "time", "title", "location", "host", "participants"]

    public struct Entry: Sendable {
        public var date: CivilDate
        /// `07:30` or `07:30–11:00`; nil for the whole day.
        public var time: String?
        /// Minutes after midnight of the start, for ordering within the day.
        public var start: Int?
        public var title: String
        public var location: String?
        public var host: String?
        public var participants: [String]
    }

    public var source: String
    public var week: ISOWeek
    /// In day and time order; entries without a time come first in their day (they hold all day).
    public var entries: [Entry]

    public var url: String { Self.url(week) }
    public static func url(_ week: ISOWeek) -> String { "/lich-lam-viec/\(week)/" }

    public static func load(_ context: LoadContext) -> [WorkSchedule] {
        context.files.files(in: folder, suffix: ".yml").parallelMap { path -> WorkSchedule? in
            let name = String(path.dropFirst(folder.count + 1).dropLast(4))
            guard let week = ISOWeek(parsing: name) else {
                context.log.error("a schedule file is named after its ISO week, such as 2025-W31.yml "
                                  + "(week 31 of 2025, Monday 28/07 to Sunday 03/08)", at: SourceLocation(path: path))
                return nil
            }
            let value: YAMLValue?
            do {
                value = try YAMLValue.parse(try context.files.text(path), path: path)
            } catch let diagnostic as Diagnostic {
                context.log.report(diagnostic)
                return nil
            } catch {
                context.log.error("cannot read: \(error.localizedDescription)", at: SourceLocation(path: path))
                return nil
            }
            var items: [YAMLValue] = []
            switch value {
            case nil, .null?: break
            case .sequence(let list, _)?: items = list
            case let other?:
                context.log.error("a schedule file is a list of entries, each starting with `- date:`; found "
                                  + other.kindName, at: other.location)
                return nil
            }
            let entries = items.compactMap { Self.entry($0, path: path, week: week, context: context) }
            let ordered = entries.enumerated().sorted { a, b in
                (a.element.date.dayNumber, a.element.start ?? -1, a.offset)
                    < (b.element.date.dayNumber, b.element.start ?? -1, b.offset)
            }.map(\.element)
            return WorkSchedule(source: path, week: week, entries: ordered)
        }
        .compactMap { $0 }
        .sorted { $0.week < $1.week }
    }

    private static func entry(_ value: YAMLValue, path: String, week: ISOWeek, context: LoadContext) -> Entry? {
        let f = Fields(value, path: path, at: value.location, log: context.log)
        f.warnUnknownKeys(allowed: entryKeys)
        let date = f.date("date", required: true)
        let title = f.string("title", required: true)
        var time: String?, start: Int?
        if let raw = f.string("time") {
            if let parsed = parseTime(raw) { (time, start) = parsed } else {
                f.error("`time` must be a time such as 07:30, 7h30 or 14:00 - 16:30 (leave it out for the whole day)",
                        key: "time")
            }
        }
        if let date, !week.contains(date.civil) {
            f.error("\(date.civil.isoDate) is not in week \(week) (\(LanguageFormat.vietnamese.date(week.monday)) – "
                    + "\(LanguageFormat.vietnamese.date(week.sunday))): move the entry to the file of its week",
                    key: "date")
            return nil
        }
        guard let date, let title else { return nil }
        return Entry(date: date.civil, time: time, start: start, title: title, location: f.string("location"),
                     host: f.string("host"), participants: f.stringList("participants") ?? [])
    }

    /// `7:30`, `07:30`, `7h30`, `7h` and ranges of two of them joined by `-` or `–`, shown as `07:30–11:00`.
    static func parseTime(_ raw: String) -> (String, Int)? {
        let parts = raw.replacingEvery("–", with: "-").split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count) else { return nil }
        var minutes: [Int] = []
        for part in parts {
            let lower = part.lowercased()
            guard let separator = lower.firstIndex(where: { $0 == ":" || $0 == "h" || $0 == "g" }) else { return nil }
            let hourText = lower[..<separator]
            let minuteText = lower[lower.index(after: separator)...]
            guard (1...2).contains(hourText.count), hourText.allSatisfy(\.isNumber), let hour = Int(hourText),
                  hour < 24 else { return nil }
            var minute = 0
            if minuteText.isEmpty {
                guard lower[separator] != ":" else { return nil }  // "7h" is fine, "7:" is not
            } else {
                guard minuteText.count == 2, minuteText.allSatisfy(\.isNumber), let m = Int(minuteText), m < 60
                else { return nil }
                minute = m
            }
            minutes.append(hour * 60 + minute)
        }
        if minutes.count == 2 && minutes[1] <= minutes[0] { return nil }
        let text = minutes.map { pad2($0 / 60) + ":" + pad2($0 % 60) }.joined(separator: "–")
        return (text, minutes[0])
    }

    public static func validate(_ items: [WorkSchedule], context: LoadContext) {
        var byWeek: [ISOWeek: [String]] = [:]
        for item in items { byWeek[item.week, default: []].append(item.source) }
        for (week, sources) in byWeek where sources.count > 1 {
            for source in sources {
                let others = sources.filter { $0 != source }.joined(separator: ", ")
                context.log.error("two files for week \(week): this one and \(others)", at: SourceLocation(path: source))
            }
        }
    }
}

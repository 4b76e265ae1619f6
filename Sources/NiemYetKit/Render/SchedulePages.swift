/// `/lich-lam-viec/` (the week of the build's "now") and `/lich-lam-viec/<yyyy>-W<ww>/` per week.
///
/// Pages exist for every week with a file, the current week, and the weeks just before and after each of
/// them, so "previous week" and "next week" from any filled week lead to a real page (saying "Chưa có lịch" if
/// nothing was filed). From a page, the previous/next links go to the nearest week that has a page: no link
/// ever ends on a 404.
struct SchedulePages: SiteOutput {
    var templates: Set<String> { ["schedule"] }
    static let base = "/lich-lam-viec/"

    func jobs(for site: Site) -> [OutputJob] {
        let schedules = site.items(WorkSchedule.self)
        let current = ISOWeek(containing: site.options.now.civil)
        guard !schedules.isEmpty else { return [] }
        let byWeek = Dictionary(schedules.map { ($0.week, $0) }, uniquingKeysWith: { a, _ in a })
        var weeks = Set<ISOWeek>()
        for week in Array(byWeek.keys) + [current] {
            weeks.formUnion([week.adding(weeks: -1), week, week.adding(weeks: 1)])
        }
        let ordered = weeks.sorted()
        var jobs: [OutputJob] = []
        for (i, week) in ordered.enumerated() {
            let prev = i > 0 ? ordered[i - 1] : nil
            let next = i + 1 < ordered.count ? ordered[i + 1] : nil
            let schedule = byWeek[week]
            jobs.append(OutputJob(path: WorkSchedule.url(week), inSitemap: schedule != nil,
                                  source: schedule?.source) {
                page(week, schedule: schedule, prev: prev, next: next, current: current, isIndex: false, site: site)
            })
            if week == current {
                jobs.append(OutputJob(path: Self.base, inSitemap: true) {
                    page(week, schedule: schedule, prev: prev, next: next, current: current, isIndex: true, site: site)
                })
            }
        }
        return jobs
    }

    private func page(_ week: ISOWeek, schedule: WorkSchedule?, prev: ISOWeek?, next: ISOWeek?, current: ISOWeek,
                      isIndex: Bool, site: Site) -> OutputJob.Body {
        let f = site.format
        let heading = "\(site.t("schedule_title")) – \(Self.weekName(week, site: site))"
        var values: [String: Any] = [
            "title": heading,
            "range": f.date(week.monday) + " – " + f.date(week.sunday),
            "is_current": week == current,
            "is_index": isIndex,
        ]
        let entries = schedule?.entries ?? []
        values["has_entries"] = !entries.isEmpty
        if !entries.isEmpty {
            values["days"] = week.days.compactMap { day -> [String: Any]? in
                let todays = entries.filter { $0.date == day }
                // Monday to Friday always show, so a free working day reads as free; weekends only when used.
                if todays.isEmpty && day.weekday > 5 { return nil }
                return [
                    "label": f.longDate(day), "iso": day.isoDate, "empty": todays.isEmpty,
                    "entries": todays.map { entry -> [String: Any] in
                        var e: [String: Any] = ["title": entry.title, "time": entry.time ?? site.t("schedule_all_day")]
                        if let location = entry.location { e["location"] = location }
                        if let host = entry.host { e["host"] = host }
                        if !entry.participants.isEmpty { e["participants"] = entry.participants.joined(separator: ", ") }
                        return e
                    },
                ]
            }
        }
        if let prev { values["prev"] = ["url": site.link(WorkSchedule.url(prev)), "name": Self.weekName(prev, site: site)] }
        if let next { values["next"] = ["url": site.link(WorkSchedule.url(next)), "name": Self.weekName(next, site: site)] }
        if isIndex {
            values["permalink"] = site.link(WorkSchedule.url(week))
        } else if week != current {
            values["current_url"] = site.link(Self.base)
        }
        let path = isIndex ? Self.base : WorkSchedule.url(week)
        var meta = PageMeta(title: heading, path: path, section: Self.base)
        // An empty week exists only so "previous/next week" never ends on a 404; search engines need not list it.
        meta.noindex = schedule == nil && !isIndex
        return site.renderPage("schedule", meta: meta, data: ["schedule": values])
    }

    /// "Tuần 31/2025".
    static func weekName(_ week: ISOWeek, site: Site) -> String {
        "\(site.t("schedule_week")) \(week.week)/\(week.year)"
    }
}

/// Splits a list over pages `/base/`, `/base/trang/2/`, ... and describes the pager for templates.
struct Pagination {
    let base: String
    let perPage: Int
    let total: Int

    var pageCount: Int { max(1, (total + perPage - 1) / perPage) }

    func path(_ number: Int) -> String { number == 1 ? base : "\(base)trang/\(number)/" }

    func range(_ number: Int) -> Range<Int> {
        let start = (number - 1) * perPage
        return start..<min(start + perPage, total)
    }

    func values(_ number: Int, site: Site) -> [String: Any] {
        var pager: [String: Any] = [
            "current": number, "count": pageCount, "multiple": pageCount > 1,
            "pages": (1...pageCount).map { ["number": $0, "url": site.link(path($0)), "current": $0 == number] },
        ]
        if number > 1 { pager["prev_url"] = site.link(path(number - 1)) }
        if number < pageCount { pager["next_url"] = site.link(path(number + 1)) }
        return pager
    }
}

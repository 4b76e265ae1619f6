/// Splits a list over pages `/base/`, `/base/trang/2/`, ... and describes the pager for templates.
/// The pager links the first and last pages and a window around the current one, with gaps (`…`) between:
/// listing every page number on every page made a 10,000-article archive (500 pages) cost the square of its
/// size to build and pushed each list page far over the page-weight budget.
struct Pagination {
    /// Pages on each side of the current one that the pager links.
    static let window = 2
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
            "pages": shownNumbers(around: number).map { shown -> [String: Any] in
                guard let n = shown else { return ["gap": true] }
                return ["number": n, "url": site.link(path(n)), "current": n == number, "gap": false]
            },
        ]
        if number > 1 { pager["prev_url"] = site.link(path(number - 1)) }
        if number < pageCount { pager["next_url"] = site.link(path(number + 1)) }
        return pager
    }

    /// Page numbers the pager shows around `number`, nil for a gap: all of them when they fit in first + last +
    /// the window and its two neighbours, otherwise 1 … window … last. A gap of a single page shows that page.
    func shownNumbers(around number: Int) -> [Int?] {
        let span = 2 * Self.window + 5
        if pageCount <= span { return Array(1...pageCount) }
        let low = max(2, number - Self.window), high = min(pageCount - 1, number + Self.window)
        var shown: [Int?] = [1]
        if low == 3 { shown.append(2) } else if low > 3 { shown.append(nil) }
        shown += (low...high).map { $0 }
        if high == pageCount - 2 { shown.append(pageCount - 1) } else if high < pageCount - 2 { shown.append(nil) }
        shown.append(pageCount)
        return shown
    }
}

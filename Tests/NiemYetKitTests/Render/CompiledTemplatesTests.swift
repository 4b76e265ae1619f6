import Foundation
import Mustache
import Testing
@testable import NiemYetKit

/// The compiled templates must print exactly what swift-mustache prints for the same theme and values: it is
/// the reference the theme was written against. Each case is rendered by both and compared.
@Suite struct CompiledTemplatesTests {
    nonisolated(unsafe) static let values: [String: Any] = [
        "title": "Tin <mới> & \"quan trọng\" 'nhất'",
        "html": "<p>Đã <b>in đậm</b></p>",
        "empty": "",
        "zero": 0,
        "year": 2025,
        "yes": true,
        "no": false,
        "t": ["read_more": "Xem tiếp", "home": "Trang chủ"] as [String: String],
        "site": ["title": "Xã Sơn Mai", "home": "/", "hotline": ["number": "0912", "tel": "tel:0912"]] as [String: Any],
        "items": [
            ["title": "Một", "url": "/a/", "current": true],
            ["title": "Hai", "url": "/b/", "current": false, "tags": ["x", "y"]],
        ] as [[String: Any]],
        "none": [] as [[String: Any]],
        "words": ["một", "hai", "ba"],
        "counts": ["a": 1, "b": 2] as [String: Int],
        "nested": [["inner": [["name": "sâu"]]]] as [[String: Any]],
        "links": [["name": "Một & hai", "url": "/a/"], ["name": "Ba"]] as [[String: String]],
        "no_links": [] as [[String: String]],
        // Escaped characters at every place in an eight-byte word, and in a tail shorter than a word.
        "long": "abcdefg<abcdef>g&abcde\"fg'abcd<>efg&\"'ab x<y",
    ]

    static let partials: [String: String] = [
        "item": "<li>{{title}}</li>\n",
        "two-lines": "<p>{{title}}</p>\n<p>{{site.title}}</p>\n",
        "layout": "<html>\n{{$head}}{{/head}}\n<main>\n{{$content}}mặc định{{/content}}\n</main>\n  {{$indented}}\n  a\n  {{/indented}}\n</html>\n",
        "frame": "<div>\n{{> item}}\n{{$inner}}khung{{/inner}}\n</div>\n",
    ]

    static let cases: [String] = [
        "{{title}} {{{title}}} {{&title}} {{html}} {{{html}}}",
        "{{year}} {{zero}} {{yes}} {{no}} {{missing}} [{{empty}}]",
        "{{site.title}} {{site.hotline.number}} {{site.missing.deep}} {{t.read_more}} {{counts.b}}",
        "{{#yes}}có{{/yes}}{{#no}}không{{/no}}{{^no}}phủ định{{/no}}{{^yes}}x{{/yes}}",
        "{{#empty}}chuỗi rỗng vẫn đúng{{/empty}}{{#zero}}số 0 vẫn đúng {{.}}{{/zero}}{{^empty}}x{{/empty}}",
        "{{#missing}}x{{/missing}}{{^missing}}không có{{/missing}}",
        "<ul>\n{{#items}}\n  <li><a href=\"{{url}}\"{{#current}} aria-current=\"page\"{{/current}}>{{title}}</a></li>\n{{/items}}\n</ul>\n",
        "{{#items}}{{title}}: {{#tags}}{{.}},{{/tags}}{{^tags}}(không){{/tags}} {{site.title}}\n{{/items}}",
        "{{#none}}x{{/none}}{{^none}}danh sách rỗng{{/none}}",
        "{{#words}}[{{.}}]{{/words}} {{#site}}{{title}} {{home}}{{/site}} {{#site.hotline}}{{tel}}{{/site.hotline}}",
        "{{#nested}}{{#inner}}{{name}} {{title}}{{/inner}}{{/nested}}",
        "{{#items}}{{.title}}|{{.missing}}|{{title}}{{/items}}",
        "  {{#yes}}  \n  thụt lề\n  {{/yes}}  \nsau\n",
        "a\n   {{! chú thích }}\nb {{! giữa dòng }} c\n",
        "<ul>\n  {{> item}}\n  {{#items}}\n    {{> item}}\n  {{/items}}\n</ul>\n",
        "<div>\n    {{> two-lines}}\n</div>\n",
        "{{> item}}{{> missing-partial}}x",
        "{{<layout}}\n{{$content}}\n<p>{{title}}</p>\n{{#items}}\n{{> item}}\n{{/items}}\n{{/content}}\n{{/layout}}\n",
        "{{<layout}}{{$head}}<meta name=\"x\">{{/head}}{{/layout}}",
        "{{<layout}}\n  {{$indented}}\n    một\n      hai\n  {{/indented}}\n{{/layout}}\n",
        "{{<frame}}\n{{$inner}}ghi đè{{/inner}}\n{{/frame}}\n",
        "{{<layout}}\n{{$content}}\n{{<frame}}\n{{$inner}}lồng{{/inner}}\n{{/frame}}\n{{/content}}\n{{/layout}}\n",
        "  {{title}}\n\t{{#items}}{{title}}{{/items}}\t\n{{ title }}{{# yes }}!{{/ yes }}\n   ",
        "{{#site}}{{#hotline}}{{number}} {{title}}{{/hotline}}{{/site}}",
        "{{#links}}<a href=\"{{url}}\">{{name}}</a> {{title}} {{.name}}|{{/links}}{{^links}}x{{/links}}",
        "{{#no_links}}x{{/no_links}}{{^no_links}}không có liên kết{{/no_links}} {{links.name}}",
        "không có thẻ nào\nchỉ là chữ { và } và {x}\n",
        "{{long}}|{{{long}}}|{{#items}}{{long}}{{/items}}",
        // Texts on both sides of section bodies, whose own texts lie between them in the program's byte arena:
        // only texts next to each other in a block are rendered as one.
        "a\nb\n{{#yes}}\nc\nd\n{{/yes}}\ne\nf\n{{#items}}\n{{title}}\ng\n{{/items}}\nh\n",
        "<div>\n  {{> two-lines}}\n  x\n  y\n</div>\n",
    ]

    func reference(_ template: String) throws -> String {
        var library = MustacheLibrary()
        for (name, source) in Self.partials { try library.register(source, named: name) }
        try library.register(template, named: "page")
        return library.render(Self.values, withTemplate: "page") ?? ""
    }

    func compiled(_ template: String) throws -> String? {
        var sources = Self.partials
        sources["page"] = template
        let templates = try #require(CompiledTemplates(sources: sources), "template compiles: \(template)")
        return templates.render("page", Self.values).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(arguments: cases)
    func printsWhatSwiftMustachePrints(_ template: String) throws {
        let expected = try reference(template)
        let actual = try compiled(template)
        #expect(actual == expected, "template: \(template.debugDescription)")
    }

    /// Pages render their own values over the layout's without merging them (`LayoutValues`): what they print
    /// must be what the merged values print, also when a page's own value has a layout value's name.
    @Test(arguments: cases)
    func pagesOverTheLayoutPrintWhatTheMergedValuesPrint(_ template: String) throws {
        let expected = try reference(template)
        var sources = Self.partials
        sources["page"] = template
        let templates = try #require(CompiledTemplates(sources: sources))
        let layoutNames: Set<String> = ["t", "site", "year", "yes", "html", "counts", "words", "nested"]
        let layout = Self.values.filter { layoutNames.contains($0.key) }
        let own = Self.values.filter { !layoutNames.contains($0.key) }
        let resolved = try #require(templates.layoutValues(layout))
        let actual = templates.render("page", own: own, layout: resolved).map { String(decoding: $0, as: UTF8.self) }
        #expect(actual == expected, "template: \(template.debugDescription)")

        var shadowed = layout
        shadowed["site"] = ["title": "Khác", "home": "/khac/"] as [String: Any]
        shadowed["title"] = "không được in"
        var shadowing = own
        shadowing["site"] = Self.values["site"]
        let overShadowed = try #require(templates.layoutValues(shadowed))
        let actualShadowed = templates.render("page", own: shadowing, layout: overShadowed)
            .map { String(decoding: $0, as: UTF8.self) }
        #expect(actualShadowed == expected, "template: \(template.debugDescription)")
    }

    /// List items shared by pages (`SharedItems`) are rendered once per section and reused only where the bytes
    /// cannot differ: an item whose rendering looks a name up outside itself is rendered again on every page.
    /// The same holds with the whole list kept too (`lists`): its bytes are reused only where every item's are.
    @Test(arguments: [false, true])
    func sharedItemsPrintWhatEachPagePrints(wholeLists: Bool) throws {
        let items: [[String: Any]] = [["title": "Một <1>", "url": "/a/"], ["title": "Hai", "url": "/b/", "note": "riêng"]]
        let shared = SharedItems(items, lists: wholeLists ? [items] : [])
        let page = "{{#items}}<a href=\"{{url}}\">{{title}}</a> {{note}} {{t.x}}\n{{/items}}"
            + "{{#again}}[{{title}}]{{/again}}{{#items}}{{#note}}({{.}}){{/note}}{{/items}}\n"
            + "<ul>\n{{#again}}\n  {{> item}}\n{{/again}}\n</ul>\n"
        let sources = ["page": page, "item": "<li>{{title}} {{note}}</li>\n"]
        let templates = try #require(CompiledTemplates(sources: sources))
        for (note, word) in [("một", "x"), ("hai", "y"), ("một", "z")] {
            let layoutValues: [String: Any] = ["t": ["x": word] as [String: String]]
            let own: [String: Any] = ["items": items, "again": items, "note": note]
            var library = MustacheLibrary()
            for (name, source) in sources { try library.register(source, named: name) }
            let expected = library.render(layoutValues.merging(own) { _, own in own }, withTemplate: "page")
            let layout = try #require(templates.layoutValues(layoutValues))
            let actual = templates.render("page", own: own, layout: layout, shared: shared)
                .map { String(decoding: $0, as: UTF8.self) }
            #expect(actual == expected, "note \(note), word \(word)")
        }
    }

    /// Shared items are kept by section body, in any template (`Block.number`): bodies of the same text reuse
    /// each other's bytes, also under another section name, while a body whose text or closing tag's line
    /// differs (blanks before a closing tag that does not stand alone are printed) prints what it prints alone.
    @Test func sharedItemsAreReusedByEqualSectionBodiesOnly() throws {
        let items: [[String: Any]] = [["title": "Một <1>", "url": "/a/"], ["title": "Hai", "url": "/b/"]]
        let sources = [
            "list": "<ul>\n{{#items}}\n<li>{{title}}</li>\n  {{/items}}\n</ul>\n",
            "same": "{{#articles}}\n<li>{{title}}</li>\n  {{/articles}}\n",
            "inline": "{{#items}}\n<li>{{title}}</li>\n  {{/items}} sau\n",
            "other": "{{#items}}\n<li>{{url}}</li>\n  {{/items}}\n",
        ]
        let templates = try #require(CompiledTemplates(sources: sources))
        var library = MustacheLibrary()
        for (name, source) in sources { try library.register(source, named: name) }
        let shared = SharedItems(items, lists: [items])
        let layout = try #require(templates.layoutValues([:]))
        let own: [String: Any] = ["items": items, "articles": items]
        for name in ["list", "same", "inline", "other", "list", "inline"] {
            let expected = library.render(own, withTemplate: name)
            let actual = templates.render(name, own: own, layout: layout, shared: shared)
                .map { String(decoding: $0, as: UTF8.self) }
            #expect(actual == expected, "template \(name)")
        }
    }

    /// A partial whose bytes depend on the layout's values alone (the footer) is rendered once and reused by
    /// the pages of that layout; one that reads a page's own value, misses a name the page could hold, finds a
    /// name in a section around it, is indented, or is rendered for a page shadowing a layout name, is rendered
    /// for each page. Each page is compared with swift-mustache over its merged values, one after the other, so
    /// bytes wrongly kept from one page would show in the next.
    @Test func partialsOfTheLayoutAloneArePrintedAsEachPagePrintsThem() throws {
        let sources = [
            "footer": "<p>{{site.title}} {{t.home}}</p>\n{{#site.hotline}}<a href=\"{{tel}}\">{{number}}</a>{{/site.hotline}}\n"
                + "{{#words}}[{{.}}]{{/words}}{{^site.missing}}không{{/site.missing}}\n",
            "reads-page": "<p>{{site.title}} {{title}}</p>\n",
            "misses": "{{#site.hotline}}{{note}}{{/site.hotline}}|{{#note}}!{{/note}}\n",
            "in-item": "{{site.title}}: {{title}}\n",
            "nested": "<div>\n{{> footer}}\n{{> reads-page}}\n</div>\n",
            "parent": "<main>{{$body}}mặc định{{/body}}</main>\n",
            // A partial expanding a block prints what the template rendering it put there.
            "shell": "<main>\n{{> inner}}\n</main>\n",
            "inner": "{{$body}}mặc định{{/body}}\n",
            "frame-a": "{{<shell}}{{$body}}A {{site.title}}{{/body}}{{/shell}}",
            "frame-b": "{{<shell}}{{$body}}B{{/body}}{{/shell}}",
            "page": "{{> footer}}\n{{> reads-page}}\n{{> misses}}\n{{#items}}{{> in-item}}{{/items}}\n"
                + "  {{> footer}}\n{{> nested}}\n{{<parent}}{{$body}}{{title}}{{/body}}{{/parent}}\n{{> parent}}\n",
        ]
        let templates = try #require(CompiledTemplates(sources: sources))
        var library = MustacheLibrary()
        for (name, source) in sources { try library.register(source, named: name) }
        let layoutValues: [String: Any] = [
            "site": ["title": "Xã <Sơn> Mai", "hotline": ["number": "0912", "tel": "tel:0912"]] as [String: Any],
            "t": ["home": "Trang chủ"] as [String: String],
            "words": ["một", "hai"],
        ]
        let layout = try #require(templates.layoutValues(layoutValues))
        let pages: [[String: Any]] = [
            ["title": "Một", "items": [["title": "a"], ["title": "b"]] as [[String: Any]]],
            ["title": "Hai", "note": "ghi chú", "items": [["title": "c"]] as [[String: Any]]],
            ["title": "Ba", "site": ["title": "Trang riêng"] as [String: Any]],
            ["title": "Bốn", "items": [["title": "d", "site": ["title": "mục"] as [String: Any]]] as [[String: Any]]],
        ]
        for own in pages {
            for name in ["page", "frame-a", "frame-b"] {
                let expected = library.render(layoutValues.merging(own) { _, own in own }, withTemplate: name)
                let actual = templates.render(name, own: own, layout: layout).map { String(decoding: $0, as: UTF8.self) }
                #expect(actual == expected, "template \(name), page \(own["title"] ?? "")")
            }
        }
    }

    @Test func everyTemplateOfTheThemeCompiles() throws {
        let files = SiteFiles(root: TestSite.repository)
        var sources: [String: String] = [:]
        for path in files.allFiles(below: "templates") where path.hasSuffix(".mustache") {
            sources[path] = try files.text(path)
        }
        #expect(sources.count > 10)
        #expect(CompiledTemplates(sources: sources) != nil, "the default theme needs no fallback to swift-mustache")
    }

    @Test func syntaxItDoesNotModelIsLeftToSwiftMustache() throws {
        for template in ["{{=<% %>=}}<% title %>", "{{% CONTENT_TYPE: TEXT }}{{title}}", "{{uppercase(title)}}",
                         "{{>*dynamic}}", "a\r\nb"] {
            #expect(CompiledTemplates(sources: ["page": template]) == nil, "\(template.debugDescription)")
        }
    }

    @Test func valuesItDoesNotModelAreLeftToSwiftMustache() throws {
        struct Custom { var title = "x" }
        let templates = try #require(CompiledTemplates(sources: ["page": "{{#c}}{{title}}{{/c}}", "list": "{{items}}"]))
        #expect(templates.render("page", ["c": Custom()]) == nil)
        #expect(templates.render("list", Self.values) == nil, "a list printed as text")
    }

    @Test func templateSyntaxErrorsAreStillReportedWhereTheyAre() throws {
        let site = try TestSite()
        try site.write("templates/partials/footer.mustache", "<footer>\n{{#site}}{{title}}\n</footer>\n")
        let result = site.build()
        #expect(!result.succeeded)
        #expect(result.errors.contains { $0.description.hasPrefix("templates/partials/footer.mustache:")
                                         && $0.description.contains("template syntax") }, "\(result.report)")
    }

    @Test func aThemeUsingUnmodelledSyntaxStillRendersTheSame() throws {
        let site = try TestSite()
        try site.write("templates/partials/footer.mustache", "{{=<% %>=}}<footer><% site.title %></footer>\n")
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        let home = try #require(site.page("index.html"))
        #expect(home.contains("<footer>Cổng thông tin xã Thử Nghiệm</footer>"))
    }
}

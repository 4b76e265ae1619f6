import Foundation
import Testing
@testable import NiemYetKit

/// The index the build writes: built from the content model, sharded by term, deterministic, one per language.
@Suite struct SearchIndexTests {
    static func procedure(_ code: String, title: String, field: String, body: String) -> String {
        """
        ---
        code: "\(code)"
        title: \(title)
        field: \(field)
        agency: Ủy ban nhân dân cấp xã
        processing_time: 03 ngày làm việc
        channels: [truc-tiep]
        ---
        \(body)
        """
    }

    static let files: [String: String] = [
        "content/procedures/1.001193.md": procedure("1.001193", title: "Đăng ký khai sinh", field: "Hộ tịch",
                                                    body: "## Trình tự thực hiện\n\nCông chức tư pháp – hộ tịch kiểm tra giấy tờ."),
        // "hồ" and "tích" both appear, far apart: the words match, the pair does not.
        "content/procedures/1.000001.md": procedure("1.000001", title: "Cấp phép khai thác nước hồ chứa", field: "Thủy lợi",
                                                    body: "Tổ chức nộp hồ sơ tại xã. Diện tích mặt nước được ghi trong giấy phép."),
        "content/news/2025-06-30-so-hoa.md": TestSite.news(title: "Hoàn thành số hóa sổ hộ tịch", date: "2025-06-30",
                                                           body: "Sổ hộ tịch từ năm 1995 đã được số hóa."),
        "content/news/2025-04-25-duong.md": TestSite.news(
            title: "Khởi công tuyến đường liên thôn", date: "2025-04-25",
            body: String(repeating: "Công trình được thi công theo đúng thiết kế. ", count: 60)
                + "Cuối bài mới nhắc đến cầu Khe Gió."),
        "content/news/2025-07-20-vneid.en.md": "---\ntitle: Guide to the VNeID app\ndate: 2025-07-20\nsummary: Help.\n---\nVolunteers help elderly residents.\n",
        "content/news/2025-07-20-vneid.md": TestSite.news(title: "Hướng dẫn cài đặt VNeID", date: "2025-07-20"),
        "content/announcements/2025-07-25-nuoc.md": "---\ntitle: Tạm ngừng cấp nước\ndate: 2025-07-25\n---\nThay đường ống.\n",
        "content/pages/gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nXã Sơn Mai nằm bên sông.\n",
        "content/pages/gioi-thieu.en.md": "---\ntitle: About the commune\n---\nThe commune lies by the river.\n",
    ]

    static let bilingual = """
        title: Cổng thông tin xã Thử Nghiệm
        base_url: https://thu.example.test/
        language: vi
        languages: [vi, en]
        """

    /// The index of one language as the browser sees it: term → posting list, and the fragments by number.
    struct Index {
        var terms: [String: String] = [:]
        var shardFiles: [String: [String: String]] = [:]
        var fragments: [Int: [String: Any]] = [:]

        init(_ site: TestSite, prefix: String = "") throws {
            let folder = prefix + "tim-kiem/chi-muc/"
            for path in site.outputFiles() where path.hasPrefix(folder) {
                let data = try Data(contentsOf: site.output.appendingPathComponent(path))
                let name = String(path.dropFirst(folder.count))
                if name.hasPrefix("d/") {
                    // Result files hold consecutive documents: document n is element n % size of file n / size.
                    let group = Int(name.dropFirst(2).dropLast(5))!
                    let results = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
                    #expect(results.count >= 1 && results.count <= SearchIndex.resultGroupSize, "\(path)")
                    for (position, result) in results.enumerated() {
                        fragments[group * SearchIndex.resultGroupSize + position] = result
                    }
                } else {
                    let shard = try JSONSerialization.jsonObject(with: data) as? [String: String] ?? [:]
                    shardFiles[name] = shard
                    terms.merge(shard) { a, _ in a }
                }
            }
        }

        /// Titles of the documents holding `term`, with the term's weight.
        func titles(_ term: String) -> [String: Int] {
            var result: [String: Int] = [:]
            for posting in SearchIndex.decode(terms[term] ?? "") {
                result[fragments[posting.document]?["t"] as? String ?? "?"] = posting.weight
            }
            return result
        }
    }

    @Test func indexHoldsWordsAndPairsSoAdjacentSyllablesCanRankFirst() throws {
        let site = try TestSite(Self.files)
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        let index = try Index(site)
        let pair = index.titles("ho tich")
        #expect(Set(pair.keys) == ["Đăng ký khai sinh", "Hoàn thành số hóa sổ hộ tịch"])
        // The reservoir procedure has "hồ" and "tích" but never together: it matches the words, not the pair.
        #expect(index.titles("ho")["Cấp phép khai thác nước hồ chứa"] != nil)
        #expect(index.titles("tich")["Cấp phép khai thác nước hồ chứa"] != nil)
        // `đường` is found as `duong`, from the title and from a notice's body.
        #expect(Set(index.titles("duong").keys) == ["Khởi công tuyến đường liên thôn", "Tạm ngừng cấp nước"])
        // A heading no longer runs into the paragraph after it ("thực hiệnCông").
        #expect(index.terms["hien cong"] != nil && index.terms["hiencong"] == nil)
        // Terms come from the content model, never from the page's HTML (menu, footer, labels).
        #expect(index.terms["menu"] == nil && index.terms["trang chu"] == nil)
    }

    @Test func shardsAreNamedByTheHashOfTheirTerms() throws {
        let site = try TestSite(Self.files)
        #expect(site.build().succeeded)
        let index = try Index(site)
        let count = index.shardFiles.count
        #expect(count >= 1 && count & (count - 1) == 0, "a power of two")
        for (name, shard) in index.shardFiles {
            for term in shard.keys {
                #expect("\(SearchIndex.shard(of: term, count: count)).json" == name, "\(term) in \(name)")
            }
        }
        let page = try #require(site.page("tim-kiem/index.html"))
        #expect(page.contains("data-shards=\"\(count)\""))
        #expect(page.contains("data-documents=\"\(index.fragments.count)\""))
        #expect(page.contains("data-group-size=\"\(SearchIndex.resultGroupSize)\""))
    }

    @Test func shardCountGrowsWithTheTextSoShardsStaySmall() {
        func documents(_ count: Int, words: Int) -> [SearchDocument] {
            (0..<count).map { number in
                SearchDocument(kind: .news, title: "Tin \(number)", path: "/tin-tuc/\(number)/", date: nil,
                               language: "vi", keywords: [], summary: nil,
                               body: String(repeating: "thủ tục hành chính \(number) ", count: words), source: "")
            }
        }
        #expect(SearchIndex.shardCount(for: []) == 1)
        let small = SearchIndex.shardCount(for: documents(10, words: 50))
        let large = SearchIndex.shardCount(for: documents(2000, words: 200))
        #expect(small < large)
        #expect(large <= SearchIndex.maxShards)
        let index = SearchIndex(documents: documents(2000, words: 200))
        let sizes = (0..<index.shardCount).map { index.shard($0).count }
        let average = sizes.reduce(0, +) / sizes.count
        #expect(average < SearchIndex.targetShardBytes * 3, "average shard \(average) bytes")
    }

    @Test func weightsFavourProceduresAndTitles() {
        func document(_ kind: SearchDocument.Kind, title: String, body: String) -> SearchDocument {
            SearchDocument(kind: kind, title: title, path: "/x/", date: nil, language: "vi", keywords: [],
                           summary: nil, body: body, source: "")
        }
        let procedure = SearchIndex.weights(of: document(.procedure, title: "Đăng ký khai sinh", body: "Nội dung."))
        let news = SearchIndex.weights(of: document(.news, title: "Đăng ký khai sinh", body: "Nội dung."))
        let inBody = SearchIndex.weights(of: document(.news, title: "Tin xã", body: "Hướng dẫn đăng ký khai sinh."))
        #expect(procedure["khai sinh"]! > news["khai sinh"]!)
        #expect(news["khai sinh"]! > inBody["khai sinh"]!)
        let many = SearchIndex.weights(of: document(.news, title: "Tin xã",
                                                    body: String(repeating: "khai sinh. ", count: 50)))
        #expect(many["khai sinh"]! > inBody["khai sinh"]!)
        #expect(many["khai sinh"]! < news["khai sinh"]!, "fifty mentions in the body weigh less than the title")
        #expect(procedure.values.allSatisfy { (1...31).contains($0) })
    }

    @Test func documentsSharingWordsAndPairsInAChunkKeepTheirOwnWeights() throws {
        // A chunk numbers a pair by its words' chunk numbers and reads its bytes only the first time: every later
        // document with the pair (in either order of its words, or the same word twice) must still get the pair
        // itself, with its own weight. `weights(of:)` reads each document alone, where every pair is new.
        let words = ["hộ", "tịch", "hồ", "sơ", "khai", "sinh", "xã", "hộp", "hoho"]
        var seed: UInt32 = 7
        func word() -> String {
            seed = seed &* 1_103_515_245 &+ 12345
            return words[Int(seed >> 16) % words.count]
        }
        func sentence(_ count: Int) -> String { (0..<count).map { _ in word() }.joined(separator: " ") }
        let kinds = SearchDocument.Kind.allCases
        // Forty documents: three chunks of the index.
        let documents = (0..<40).map { number in
            SearchDocument(kind: kinds[number % kinds.count], title: sentence(3) + " hộ tịch", path: "/x/\(number)/",
                           date: nil, language: "vi", keywords: [sentence(2)], summary: number % 3 == 0 ? nil : sentence(4),
                           body: (0..<(number % 7 + 1)).map { _ in sentence(6) }.joined(separator: ". ") + " tịch hộ hộ",
                           source: "")
        }
        let index = SearchIndex(documents: documents)
        var found: [Int: [String: UInt8]] = [:]
        for shard in 0..<index.shardCount {
            let terms = try JSONSerialization.jsonObject(with: index.shard(shard)) as? [String: String] ?? [:]
            for (term, list) in terms {
                for posting in SearchIndex.decode(list) { found[posting.document, default: [:]][term] = UInt8(posting.weight) }
            }
        }
        for (number, document) in documents.enumerated() {
            #expect(found[number] ?? [:] == SearchIndex.weights(of: document), "document \(number)")
        }
        #expect(found.values.filter { $0["ho tich"] != nil }.count == documents.count)
        #expect(found.values.contains { $0["ho ho"] != nil } && found.values.contains { $0["tich ho"] != nil })
    }

    @Test func weightRoundingMatchesRoundedForEveryTally() {
        // `Tally.weight` rounds without libm; `rounded()` (halves away from zero) is the definition.
        for factor in SearchDocument.Kind.allCases.map({ $0.weight * 1.3 }) {
            for mentions in 0..<400 {
                for (title, keywords) in [(false, false), (true, false), (false, true), (true, true)] {
                    let tally = SearchIndex.Tally(title: title, keywords: keywords, mentions: Int32(mentions))
                    var value = Double(mentions) * 2.5 / (Double(mentions) + 1.5)
                    if title { value += 4 }
                    if keywords { value += 3 }
                    let expected = UInt8(max(1, min(31, (factor * value).rounded())))
                    #expect(tally.weight(factor: factor) == expected, "\(factor) \(mentions) \(title) \(keywords)")
                }
            }
        }
        for tenths in 0...310 {
            let x = Double(tenths) / 10
            #expect(SearchIndex.Tally.roundedHalfUp(x) == Int(x.rounded()), "\(x)")
        }
    }

    @Test func byteTableNumbersKeysInOrderAsItGrows() {
        var table = ByteTable(capacity: 16)
        for pass in 0..<2 {
            for number in 0..<3000 {
                var key = Array("k\(number)".utf8)
                let found = key.withUnsafeMutableBufferPointer { key in
                    table.number(of: UnsafeBufferPointer(key), hash: FNV.hash(UnsafeBufferPointer(key)))
                }
                #expect(found.number == number && found.isNew == (pass == 0))
            }
        }
        #expect(table.count == 3000)
        #expect(table.string(2999) == "k2999")
    }

    @Test func pairTableKeepsEveryPairsValueAsItGrows() {
        // (a, b) and (b, a) are different pairs; small numbers side by side must not be confused either.
        var table = PairTable(capacity: 4)
        var expected: [Int: Int] = [:]
        for first in 0..<60 {
            for second in [0, 1, first, 59 - first, 1 << 24, first + 1 << 30] {
                let found = table.find(first, second)
                let key = first << 32 | second
                if let known = expected[key] {
                    #expect(found.value == known)
                } else {
                    #expect(found.value == nil)
                    table.insert(expected.count * 7, for: first, second, at: found.slot)
                    expected[key] = expected.count * 7
                }
            }
        }
        #expect(table.count == expected.count)
        for (key, value) in expected { #expect(table.find(key >> 32, key & 0xFFFF_FFFF).value == value) }
    }

    @Test func sameSourcesGiveTheSameIndexBytes() throws {
        let first = try TestSite(Self.files, siteYAML: Self.bilingual)
        let second = try TestSite(Self.files, siteYAML: Self.bilingual)
        #expect(first.build().succeeded)
        #expect(second.build().succeeded)
        let files = first.outputFiles().filter { $0.contains("tim-kiem/") }
        #expect(files == second.outputFiles().filter { $0.contains("tim-kiem/") })
        #expect(files.count > 5)
        for path in files {
            let a = try Data(contentsOf: first.output.appendingPathComponent(path))
            let b = try Data(contentsOf: second.output.appendingPathComponent(path))
            #expect(a == b, "\(path)")
        }
        // Building again over the previous output changes nothing either.
        #expect(first.build().succeeded)
        for path in files {
            #expect(try Data(contentsOf: first.output.appendingPathComponent(path))
                    == Data(contentsOf: second.output.appendingPathComponent(path)), "\(path)")
        }
    }

    @Test func englishPagesSearchWhatEnglishPagesShow() throws {
        let site = try TestSite(Self.files, siteYAML: Self.bilingual)
        let result = site.build()
        #expect(result.succeeded, "\(result.report)")
        let english = try Index(site, prefix: "en/")
        let titles = Set(english.fragments.values.compactMap { $0["t"] as? String })
        #expect(titles.contains("Guide to the VNeID app"))
        #expect(titles.contains("About the commune"))
        #expect(!titles.contains("Hướng dẫn cài đặt VNeID"), "an untranslated article is not on the English site")
        #expect(titles.contains("Đăng ký khai sinh"), "procedures are listed in every language")
        #expect(english.terms["elderly residents"] != nil)
        let procedure = try #require(english.fragments.values.first { $0["t"] as? String == "Đăng ký khai sinh" })
        #expect(procedure["l"] as? String == "vi", "Vietnamese titles on English pages are marked as such")
        #expect(procedure["u"] as? String == "/en/thu-tuc/1.001193/")
        let vietnamese = try Index(site)
        #expect(vietnamese.terms["elderly"] == nil)
        #expect(Set(vietnamese.fragments.values.compactMap { $0["t"] as? String }).contains("Hướng dẫn cài đặt VNeID"))
        // The English page has English texts and searches the English index.
        let page = try #require(site.page("en/tim-kiem/index.html"))
        #expect(page.contains("data-url=\"/en/tim-kiem/chi-muc/\""))
        #expect(page.contains("<html lang=\"en\""))
    }

    @Test func fragmentsCarryWhatAResultShowsAndStaySmall() throws {
        let site = try TestSite(Self.files)
        #expect(site.build().succeeded)
        let index = try Index(site)
        let road = try #require(index.fragments.values.first { $0["t"] as? String == "Khởi công tuyến đường liên thôn" })
        #expect(road["u"] as? String == "/tin-tuc/duong/")
        #expect(road["k"] as? String == "n")
        #expect(road["d"] as? String == "25/04/2025")
        let passages = road["s"] as? [String] ?? []
        // The last sentence brings words no earlier one has, so it is kept although the body is long.
        #expect(passages.contains { $0.contains("cầu Khe Gió") })
        #expect(passages.joined().count <= SearchFragment.passageBudget + 200)
        #expect(passages.joined().count < 1200)
        let procedure = try #require(index.fragments.values.first { $0["t"] as? String == "Đăng ký khai sinh" })
        #expect(procedure["k"] as? String == "p" && procedure["l"] == nil)
    }

    @Test func searchPageIsAPlainFormWithFallbacks() throws {
        let site = try TestSite(Self.files)
        #expect(site.build().succeeded)
        let page = try #require(site.page("tim-kiem/index.html"))
        #expect(page.contains("method=\"get\" action=\"/tim-kiem/\""))
        #expect(page.contains("name=\"q\""))
        #expect(page.contains("aria-live=\"polite\""))
        #expect(page.contains("<noscript>"))
        #expect(page.contains("href=\"/thu-tuc/\"") && page.contains("href=\"/tin-tuc/\""))
        #expect(page.range(of: #"<script src="/assets/search\.[0-9a-f]{8}\.js" defer>"#, options: .regularExpression) != nil)
        // Every page's header searches through it.
        for path in ["index.html", "tin-tuc/index.html", "thu-tuc/1.001193/index.html"] {
            let html = try #require(site.page(path))
            #expect(html.contains("role=\"search\" method=\"get\" action=\"/tim-kiem/\""), "\(path)")
        }
    }

    @Test func jsonTextIsEscapedForScriptsAndParsesBack() throws {
        for text in ["a\"b\\c", "</script><b>&amp;", "line\nbreak\r", "\u{2028}\u{2029}\u{2026}", "tab\t\u{01}",
                     "Hộ tịch “trích lục” – 1.000894", "", "😀𝐀"] {
            var bytes: [UInt8] = []
            JSONText.append(text, to: &bytes)
            let json = String(decoding: bytes, as: UTF8.self)
            #expect(json == JSONText.string(text))
            #expect(!json.contains("<") && !json.contains(">") && !json.contains("\u{2028}"))
            let parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed) as? String
            #expect(parsed == text)
        }
    }

    @Test func everyPartOfSharedWorkIsMadeOnceWhoeverAsks() {
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var made: [Int] = []
            func add(_ part: Int) { lock.withLock { made.append(part) } }
        }
        let counter = Counter()
        let work = SharedWork<Int>(parts: 200) { part in
            counter.add(part)
            return part * part
        }
        let results = Array(0..<16).parallelMap { _ in work.results() }
        #expect(results.allSatisfy { $0 == (0..<200).map { $0 * $0 } })
        #expect(counter.made.sorted() == Array(0..<200))
    }
}

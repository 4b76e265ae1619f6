import Foundation

/// What a result shows, fetched only for the results on screen: `{"t": title, "u": link, "k": kind, "d": date,
/// "l": language if not the page's, "s": [passages]}`, in result files of a few documents each
/// (`d/<group>.json`, see `SearchIndex`).
///
/// The passages are the text a snippet is cut from, in the original accented spelling. A whole body would cost too
/// many bytes per result, and its first lines alone often miss the words searched for; so the summary comes first,
/// then the body's sentences that bring words not seen yet (in the title, the summary or an earlier sentence), in
/// their order, until `passageBudget` bytes. Neighbouring sentences are joined; gaps split passages.
enum SearchFragment {
    /// Bytes of UTF-8 (about 900 Vietnamese characters).
    static let passageBudget = 1200

    /// `passages` are UTF-8 bytes, as `passages(of:words:isNew:)` cuts them.
    static func json(_ document: SearchDocument, passages: [[UInt8]], site: Site) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(passageBudget * 2)
        // Appended straight from the strings' UTF-8: joining them into arrays first cost three arrays a field.
        func field(_ name: String, _ value: String, first: Bool = false) {
            bytes.append(contentsOf: (first ? "{\"" : ",\"").utf8)
            bytes.append(contentsOf: name.utf8)
            bytes.append(contentsOf: "\":".utf8)
            JSONText.append(value, to: &bytes)
        }
        field("t", document.title, first: true)
        field("u", site.link(document.path))
        field("k", document.kind.rawValue)
        if let date = document.date { field("d", site.format.date(date.civil)) }
        if document.language != site.language { field("l", document.language) }
        bytes.append(contentsOf: ",\"s\":[".utf8)
        for (index, passage) in passages.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            passage.withUnsafeBufferPointer { JSONText.append(utf8: $0, to: &bytes) }
        }
        bytes.append(contentsOf: "]}".utf8)
        return bytes
    }

    /// `isNew` says whether a term (by its number in `words`) is seen for the first time in this document, and
    /// marks it seen. The passages stay UTF-8 bytes, cut at scalar boundaries of the body's: they are only ever
    /// written into JSON, and making each a String validated its bytes again (~0.7% of the 1k benchmark build).
    static func passages(of document: SearchDocument, words fieldWords: SearchIndex.DocumentWords,
                         isNew: (Int32) -> Bool) -> [[UInt8]] {
        for word in fieldWords.words(of: .title) { _ = isNew(fieldWords.terms[word]) }
        var passages: [[UInt8]] = []
        var used = 0
        if let summary = document.summary, !summary.isEmpty {
            passages.append(Array(summary.utf8))
            used += summary.utf8.count
            for word in fieldWords.words(of: .summary) { _ = isNew(fieldWords.terms[word]) }
        }
        let utf8 = Array(document.body.utf8)
        let words = fieldWords.words(of: .body)
        var next = words.lowerBound  // first word not yet given to a sentence
        var current: [UInt8] = []
        var lastTaken = -2
        // Sentence by sentence, as far as the budget goes: a long body's later sentences are never cut out.
        var sentences = Sentences(text: utf8)
        var index = -1
        while used < passageBudget, let range = sentences.next() {
            index += 1
            var new = false
            while next < words.upperBound && Int(fieldWords.folded[next].start) < range.upperBound {
                if isNew(fieldWords.terms[next]) { new = true }
                next += 1
            }
            guard new else { continue }
            var sentence = utf8[range]
            let room = passageBudget + 160 - used
            if sentence.count > room {
                // Cut a long sentence at a space, with an ellipsis.
                var end = min(sentence.startIndex + max(60, room), sentence.endIndex - 1)
                while end > sentence.startIndex + 40 && sentence[end] != 0x20 { end -= 1 }
                while end < sentence.endIndex && sentence[end] & 0xC0 == 0x80 { end += 1 }
                sentence = utf8[sentence.startIndex..<end] + Array(" …".utf8)
            }
            if index != lastTaken + 1 && !current.isEmpty {
                passages.append(current)
                current = []
            }
            if !current.isEmpty { current.append(UInt8(ascii: " ")) }
            current.append(contentsOf: sentence)
            used += sentence.count
            lastTaken = index
        }
        if !current.isEmpty { passages.append(current) }
        return passages
    }

    /// Byte ranges of the sentences of a plain text: cut after `.`, `!`, `?`, `;` or `…` followed by a space.
    static func sentences(_ text: [UInt8]) -> [Range<Int>] {
        var sentences = Sentences(text: text)
        var result: [Range<Int>] = []
        while let range = sentences.next() { result.append(range) }
        return result
    }

    /// The sentences of `sentences(_:)` one at a time.
    struct Sentences {
        let text: [UInt8]
        private var start = 0
        private var index = 0

        init(text: [UInt8]) { self.text = text }

        mutating func next() -> Range<Int>? {
            let count = text.count
            return text.withUnsafeBufferPointer { text in
                while index < count {
                    let byte = text[index]
                    var end = -1
                    if byte == 0x2E || byte == 0x21 || byte == 0x3F || byte == 0x3B {
                        end = index + 1
                    } else if byte == 0xE2, index + 2 < count, text[index + 1] == 0x80, text[index + 2] == 0xA6 {
                        end = index + 3
                    }
                    if end > 0, end < count, text[end] == 0x20 {
                        let sentence = start..<end
                        start = end + 1
                        index = start
                        if sentence.count > 0 { return sentence }
                        continue
                    }
                    index += 1
                }
                guard start < count else { return nil }
                defer { start = count }
                return start..<count
            }
        }
    }
}

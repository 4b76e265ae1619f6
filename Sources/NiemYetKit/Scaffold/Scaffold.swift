import Foundation

/// `niemyet new <kind> ...`: writes a new content file with the fields its kind requires, so an editor starts
/// from something that builds (or, for procedures, from a form that says exactly what is still missing) instead
/// of copying an old article and forgetting to change its date.
///
/// The front matter follows the content contracts in docs/content.md; comments (`#`) in the YAML tell the editor
/// what each field is for, in Vietnamese. Nothing is ever overwritten.
public enum Scaffold {
    public enum Kind: String, CaseIterable, Sendable {
        case news, announcement, page, procedure
    }

    /// What was (or would be) written: a site-relative path and the file's text.
    public struct Draft: Sendable, Equatable {
        public var path: String
        public var text: String
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The title gives no letters or digits to make a file name from.
        case emptySlug(String)
        case badProcedureCode(String)
        case exists(String)
        case cannotWrite(String, String)

        public var description: String {
            switch self {
            case .emptySlug(let title):
                return "cannot make a file name from the title \"\(title)\": give a title with letters or digits"
            case .badProcedureCode(let code):
                return "\"\(code)\" is not a national procedure code: write it as D.DDDDDD, e.g. 1.000894"
            case .exists(let path):
                return "\(path) already exists: nothing was written (choose another title, or edit that file)"
            case .cannotWrite(let path, let reason):
                return "cannot write \(path): \(reason)"
            }
        }
    }

    /// The file for a new item, without writing it. `today` decides the date in the file and its name (Vietnam
    /// time); `title` for procedures is optional, their code is required.
    public static func draft(_ kind: Kind, title: String?, code: String? = nil, today: ContentDate) throws(Failure)
        -> Draft {
        let day = today.civil.isoDate
        let title = title?.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        switch kind {
        case .news:
            let slug = try slugOf(title ?? "")
            return Draft(path: "\(NewsArticle.folder)/\(day)-\(slug).md", text: """
                ---
                title: \(yamlString(title ?? ""))
                date: \(day)
                # Tóm tắt một hai câu: hiện trong danh sách tin, kết quả tìm kiếm và khi chia sẻ.
                summary:
                category: \(yamlString(NewsArticle.defaultCategory))
                tags: []
                # Ảnh minh họa (tùy chọn): đặt tệp trong content/media/ rồi ghi /media/<tên tệp>, kèm mô tả ảnh.
                # image: /media/anh.jpg
                # image_alt: Mô tả nội dung ảnh cho người không xem được ảnh
                ---

                """)
        case .announcement:
            let slug = try slugOf(title ?? "")
            return Draft(path: "\(Announcement.folder)/\(day)-\(slug).md", text: """
                ---
                title: \(yamlString(title ?? ""))
                date: \(day)
                # Ngày hết hạn (tùy chọn): sau ngày này thông báo rời trang chủ, vẫn còn trong mục Thông báo.
                # expires: \(today.civil.adding(days: 30).isoDate)
                # true: ghim lên trang chủ khi còn hạn.
                pinned: false
                # Tóm tắt một hai câu: hiện trong danh sách thông báo và trên trang chủ.
                summary:
                # Tệp đính kèm (tùy chọn), đặt trong content/media/:
                # attachments:
                #   - title: Thông báo số .../TB-UBND
                #     file: /media/thong-bao.pdf
                ---

                """)
        case .page:
            let slug = try slugOf(title ?? "")
            return Draft(path: "\(Page.folder)/\(slug).md", text: """
                ---
                title: \(yamlString(title ?? ""))
                # Tóm tắt một câu (tùy chọn): dùng làm mô tả trang cho công cụ tìm kiếm.
                summary:
                # Vị trí trong menu chính (tùy chọn): 1, 2, 3...; bỏ trống thì trang không có trong menu.
                # menu: 5
                ---

                """)
        case .procedure:
            let code = (code ?? "").trimmingCharacters(in: .whitespaces)
            guard Procedure.isValidCode(code) else { throw .badProcedureCode(code) }
            return Draft(path: "\(Procedure.folder)/\(code).md", text: """
                ---
                code: \(yamlString(code))
                # Tên thủ tục đúng như trên Cổng Dịch vụ công quốc gia.
                title: \(yamlString(title ?? ""))
                # Lĩnh vực, ví dụ: Hộ tịch, Chứng thực, Đất đai.
                field: ""
                # Thời hạn giải quyết, ví dụ: 03 ngày làm việc.
                processing_time: ""
                agency: "Ủy ban nhân dân xã"
                # Cách thức nộp: truc-tiep (trực tiếp), truc-tuyen (trực tuyến), buu-chinh (bưu chính).
                channels: [truc-tiep]
                level: "Cấp xã"
                # Phí, lệ phí, ví dụ: Miễn phí hoặc 8.000 đồng/bản.
                # fee: Miễn phí
                # online_fee_exempt: false
                # online_url: https://dichvucong.gov.vn/...
                updated: \(day)
                ---
                ## Trình tự thực hiện

                ## Cách thức thực hiện

                ## Thành phần hồ sơ

                ## Yêu cầu, điều kiện

                ## Căn cứ pháp lý

                """)
        }
    }

    /// Writes the draft into the site, refusing to replace any existing file (even an empty one).
    @discardableResult
    public static func create(_ kind: Kind, title: String?, code: String? = nil, today: ContentDate,
                              in site: URL) throws(Failure) -> Draft {
        let draft = try draft(kind, title: title, code: code, today: today)
        let url = site.appendingPathComponent(draft.path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(draft.path, error.localizedDescription)
        }
        // O_EXCL: the check and the creation are one step, so two editors cannot both "win".
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if fd < 0 {
            if errno == EEXIST { throw .exists(draft.path) }
            throw .cannotWrite(draft.path, String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let bytes = Array(draft.text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if written != bytes.count { throw .cannotWrite(draft.path, String(cString: strerror(errno))) }
        return draft
    }

    private static func slugOf(_ title: String) throws(Failure) -> String {
        let slug = Slug.make(title)
        if slug.isEmpty { throw .emptySlug(title) }
        // Long titles make unwieldy URLs: keep whole words up to ~80 characters.
        guard slug.count > 80 else { return slug }
        var kept = ""
        for word in slug.split(separator: "-") {
            if kept.count + word.count + 1 > 80 { break }
            kept += kept.isEmpty ? String(word) : "-" + word
        }
        return kept.isEmpty ? String(slug.prefix(80)) : kept
    }

    /// A double-quoted YAML scalar on one line: safe for any title (colons, quotes, `#`, leading dashes).
    static func yamlString(_ text: String) -> String {
        let breaks: Set<Unicode.Scalar> = ["\n", "\r", "\t"]
        let oneLine = String.UnicodeScalarView(text.unicodeScalars.map { breaks.contains($0) ? " " : $0 })
        return YAMLWriter.quoted(String(oneLine))
    }
}

/// A file under `content/media/`, published as it is at `/media/<same path>`.
public struct MediaFile: ContentKind {
    public static let folder = "content/media"

    public var source: String
    public var url: String
    public var size: Int

    public static func load(_ context: LoadContext) -> [MediaFile] {
        context.files.allFiles(below: folder).map { path in
            MediaFile(source: path, url: "/media/" + path.dropFirst(folder.count + 1),
                      size: context.files.size(path) ?? 0)
        }
    }

    /// "PDF, 1,2 MB": what a citizen on a metered connection wants to know before downloading.
    public func description(in format: LanguageFormat) -> String {
        let ext = (url.split(separator: ".").last.map { String($0).uppercased() }) ?? ""
        let kb = max(size / 1024, 1)
        let sizeText = kb >= 1024 ? format.decimal(tenths: size * 10 / (1024 * 1024)) + " MB"
                                  : format.integer(kb) + " KB"
        return ext.isEmpty ? sizeText : "\(ext), \(sizeText)"
    }
}

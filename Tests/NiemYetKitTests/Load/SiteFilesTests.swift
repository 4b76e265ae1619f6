import Foundation
import Testing
@testable import NiemYetKit

@Suite struct SiteFilesTests {
    /// What a site's folders hold, as loaders see it: every file at any depth, sorted, hidden ones (an editor's
    /// `.DS_Store`, a `.git` folder) and symbolic links left out, names with Vietnamese letters kept whole.
    @Test func allFilesListsEveryVisibleFileSorted() throws {
        let site = try TestSite(withTheme: false)
        for path in ["content/media/ảnh/b.jpg", "content/media/a.png", "content/media/ảnh/sâu/c.pdf",
                     "content/media/.DS_Store", "content/media/.git/config", "content/media/ảnh/.an.jpg"] {
            try site.write(path, "x")
        }
        try FileManager.default.createSymbolicLink(atPath: site.root.path + "/content/media/link.png",
                                                   withDestinationPath: site.root.path + "/content/media/a.png")
        try FileManager.default.createSymbolicLink(atPath: site.root.path + "/content/media/linked-folder",
                                                   withDestinationPath: site.root.path + "/content/media/ảnh")
        let files = SiteFiles(root: site.root)
        #expect(files.allFiles(below: "content/media") == [
            "content/media/a.png", "content/media/ảnh/b.jpg", "content/media/ảnh/sâu/c.pdf",
        ])
        #expect(files.allFiles(below: "content/none").isEmpty)
    }

    /// A content folder's files of one kind: not hidden, not folders (even named like a file), links to files
    /// included as the files they lead to.
    @Test func filesInAFolderAreTheVisibleNonFoldersWithTheSuffix() throws {
        let site = try TestSite(withTheme: false)
        for path in ["content/news/b.md", "content/news/a.md", "content/news/ghi-chú.txt", "content/news/.nháp.md",
                     "content/news/thư-mục.md/c.md"] {
            try site.write(path, "x")
        }
        let news = site.root.path + "/content/news"
        try FileManager.default.createSymbolicLink(atPath: news + "/liên-kết.md", withDestinationPath: news + "/a.md")
        try FileManager.default.createSymbolicLink(atPath: news + "/thư-mục-2.md", withDestinationPath: news + "/thư-mục.md")
        #expect(SiteFiles(root: site.root).files(in: "content/news", suffix: ".md") == [
            "content/news/a.md", "content/news/b.md", "content/news/liên-kết.md",
        ])
        #expect(SiteFiles(root: site.root).files(in: "content/none", suffix: ".md").isEmpty)
    }
}

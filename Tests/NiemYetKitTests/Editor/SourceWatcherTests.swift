import Foundation
import Testing
@testable import NiemYetServe

/// What the preview notices: an editor's save anywhere below the watched folders, not its hidden working files.
@Suite struct SourceWatcherTests {
    @Test func snapshotsSeeVisibleFilesAtAnyDepthAndTheirChanges() throws {
        let site = try TestSite(withTheme: false)
        try site.write("content/news/a.md", "một")
        try site.write("content/media/ảnh/sâu/b.jpg", "x")
        try site.write("content/news/.a.md.swp", "nháp")
        try site.write("content/.git/HEAD", "x")
        let news = site.root.path + "/content/news"
        try FileManager.default.createSymbolicLink(atPath: news + "/liên-kết.md", withDestinationPath: news + "/a.md")
        let before = SourceWatcher.takeSnapshot(root: site.root, folders: ["content"])
        #expect(before.keys.sorted() == ["content/media/ảnh/sâu/b.jpg", "content/news/a.md",
                                         "content/news/liên-kết.md", "content/site.yml"])
        try site.write("content/news/a.md", "một hai")  // the link leads to it: both changed
        try site.write("content/news/.a.md.swp", "nháp mới")
        let after = SourceWatcher.takeSnapshot(root: site.root, folders: ["content"])
        #expect(SourceWatcher.difference(before, after) == ["content/news/a.md", "content/news/liên-kết.md"])
    }
}

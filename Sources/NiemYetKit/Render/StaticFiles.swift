/// Files published as they are: media from `content/media/` and the theme's fingerprinted assets.
struct StaticFiles: SiteOutput {
    var perLanguage: Bool { false }

    func jobs(for site: Site) -> [OutputJob] {
        let media = site.items(MediaFile.self).map { file in
            OutputJob(path: file.url, source: file.source) { .copy(siteRelativePath: file.source) }
        }
        let assets = site.theme.assetSources.sorted { $0.key < $1.key }.map { output, source in
            OutputJob(path: "/" + output, source: source) { .copy(siteRelativePath: source) }
        }
        return media + assets
    }
}

import Foundation

/// What a build did, for the one-line summary and for tests.
public struct BuildResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var pages: Int
    public var files: Int
    public var seconds: Double
    /// Updating in place (`serve`): the output files written or removed, paths inside the output folder.
    public var changedFiles: [String]?
    public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
}

/// The build, top to bottom: load → validate → model → render → write.
public enum SiteBuilder {
    /// Builds the site; with `write: false` (`niemyet check`) it stops after validation.
    public static func build(_ options: BuildOptions, write: Bool = true) -> BuildResult {
        let started = DispatchTime.now()
        let log = DiagnosticLog()
        let files = SiteFiles(root: options.site)
        let output = OutputFolder(target: options.output, site: files)
        func finish(_ pages: Int = 0, _ count: Int = 0) -> BuildResult {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            return BuildResult(diagnostics: log.diagnostics, pages: pages, files: count, seconds: seconds)
        }
        if write, let unsafe = output.checkSafe() { log.report(unsafe); return finish() }
        options.cache?.beginBuild()

        // Load: settings and theme, then every kind of content, each validated as a whole.
        guard let config = SiteConfig.load(files, baseURLOverride: options.baseURL, log: log) else { return finish() }
        if write { ProcedurePages.prepareQRCodes(files: files, config: config) }
        let theme = Theme.load(files, languages: config.languages, log: log)
        let links = LinkRegistry()
        let store = loadContent(files: files, config: config, theme: theme, options: options, log: log, links: links)
        let cacheSaved = saveCacheEarly(options, write: write, log: log)
        defer { cacheSaved?.wait() }

        // Model and plan: every output file of every language is known before any is rendered.
        let outputs = SiteOutputs.all
        theme.require(outputs.reduce(into: Set<String>()) { $0.formUnion($1.templates) }, log: log)
        let routes = RouteTable()
        let sites = config.languages.map {
            Site(config: config, content: store, theme: theme, options: options, language: $0, routes: routes)
        }
        var jobs = plan(outputs, for: sites)
        jobs.append(Sitemap.job(pages: jobs, site: sites[0]))
        checkUniquePaths(jobs, log: log)
        routes.fill(Set(jobs.map(\.path)))
        LinkChecker.check(links.all, routes: routes, log: log)
        if log.hasErrors || !write { return finish() }

        // Render and write into a staging folder, then swap it in (`serve`'s preview: update it in place).
        var changed: [String]?
        if options.updateInPlace {
            let update = output.update(jobs, first: options.writeFirst, firstWritten: options.firstWritten)
            log.report(update.problems)
            changed = update.changed
        } else {
            switch output.stage(jobs) {
            case .failure(let problems):
                log.report(problems)
                return finish()
            case .success(let staging):
                if let problem = output.commit(staging) { log.report(problem) }
            }
        }
        if !log.hasErrors, cacheSaved == nil, let cache = options.cache {
            cache.prune()
            if options.savesCache { cache.save(site: options.site) }
        }
        if !options.releasesMemory { ProcessLifetime.keep((store, sites, jobs, options.cache)) }
        let pages = jobs.filter { $0.filePath.hasSuffix(".html") }.count
        var result = finish(pages, jobs.count)
        result.changedFiles = changed
        return result
    }

    /// `niemyet build`: the build with the site's own cache (`.niemyet-cache/`), which is saved again after a
    /// successful build. Deleting the cache gives the same output, only slower.
    public static func buildUsingSiteCache(_ options: BuildOptions) -> BuildResult {
        var options = options
        options.cache = BuildCache.load(site: options.site)
        options.savesCache = true
        return build(options)
    }

    /// A build that records no pages (no previous output: see `PageMemo.applies`) has put everything its cache
    /// will hold there once the content is loaded, so the cache is written then, on a thread of its own, while
    /// the pages render: written after the last page it kept one core busy alone for a quarter of a second on
    /// the 10k benchmark site. Only the content's own results are in it, so even a build that fails later
    /// leaves a correct cache. Nil when the cache is saved at the end as usual (or not at all).
    private static func saveCacheEarly(_ options: BuildOptions, write: Bool, log: DiagnosticLog) -> DispatchGroup? {
        guard options.savesCache, write, !log.hasErrors, let cache = options.cache,
              !PageMemo.applies(to: options) else { return nil }
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            cache.prune()
            cache.save(site: options.site)
        }
        return group
    }

    static func loadContent(files: SiteFiles, config: SiteConfig, theme: Theme, options: BuildOptions,
                            log: DiagnosticLog, links: LinkRegistry) -> ContentStore {
        var context = LoadContext(files: files, config: config, options: options, log: log, theme: theme, links: links,
                                  markdown: MarkdownRenderer(basePath: config.basePath),
                                  store: ContentStore(languages: config.languages))
        var embeds: [MarkdownEmbed] = []
        for kind in ContentKinds.all {
            load(kind, into: &context, embeds: &embeds)
        }
        return context.store
    }

    private static func load<K: ContentKind>(_ kind: K.Type, into context: inout LoadContext,
                                             embeds: inout [MarkdownEmbed]) {
        let items = K.load(context)
        K.validate(items, context: context)
        context.store.set(items)
        embeds += K.embeds(for: items, context: context)
        context.markdown = MarkdownRenderer(basePath: context.config.basePath, embeds: embeds)
    }

    /// Every language's jobs, their paths moved under the language's prefix (`/en/...`); outputs shared by all
    /// languages are planned with the default language only. Outputs plan on all cores (the news lists and the
    /// search documents take a while on a large site, and one core sat idle meanwhile); the order stays fixed.
    static func plan(_ outputs: [any SiteOutput], for sites: [Site]) -> [OutputJob] {
        let pairs = sites.flatMap { site in
            outputs.filter { $0.perLanguage || site.isDefaultLanguage }.map { (output: $0, site: site) }
        }
        return pairs.parallelMap { pair in
            pair.output.jobs(for: pair.site).map { job in
                var job = job
                job.path = pair.site.fullPath(job.path)
                job.language = pair.site.language
                return job
            }
        }.flatMap { $0 }
    }

    /// Two outputs for one URL (a page slug equal to a section name, say) would silently overwrite each other.
    static func checkUniquePaths(_ jobs: [OutputJob], log: DiagnosticLog) {
        // Positions, not copies of the jobs: a large site has tens of thousands of them.
        var first: [String: Int] = [:]
        first.reserveCapacity(jobs.count)
        var clashes: [String: [Int]] = [:]
        for (position, job) in jobs.enumerated() {
            let path = job.filePath
            if let earlier = first.updateValue(position, forKey: path) { clashes[path, default: [earlier]].append(position) }
        }
        for (path, positions) in clashes {
            let group = positions.map { jobs[$0] }
            let names = group.map { $0.source ?? "the \(path) page the site generates" }.sorted()
            for job in group {
                let others = names.filter { $0 != job.source }.joined(separator: ", ")
                log.error("two outputs would be written to /\(path): this one and \(others)",
                          at: job.source.map { SourceLocation(path: $0) })
            }
        }
    }
}

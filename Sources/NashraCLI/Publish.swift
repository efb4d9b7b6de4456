import ArgumentParser
import Foundation
import NashraModel
import NashraStore
import NashraWriters

/// `nashra publish`: article records → RSS 2.0, Atom 1.0 or JSON Feed.
struct Publish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serialize article records into a feed.",
        discussion: """
            PATH is a JSON array, an NDJSON file (one record per line, streamed) or a folder of .json files.
            Records are written in input order; with --limit, the N newest, newest first.
            Invalid records are reported on stderr and left out; the exit status is then 3.
            Without --articles, the feed comes from the store, newest first: --source own (the default),
            partners (the merged partner river, each item attributed to its partner) or all. Items from the
            store carry their computed related list (`nashra related`) when their record has none, or always
            with "relatedReplacesManual": true in the configuration.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "From the store: own, partners or all.")
    var source: SourceArgument = .own

    @Option(help: "Article records: a JSON array, an NDJSON file or a folder of .json files.")
    var articles: String?

    @Option(help: "Feed format: rss, atom or json.")
    var format: FeedFormatArgument

    @Option(help: "Site configuration (JSON). Default: nashra.json when present.")
    var config: String?

    @Option(help: "Write the feed here (atomically) instead of stdout.")
    var output: String?

    @Option(help: "Only articles of this section.")
    var section: String?

    @Option(help: "At most N articles, the newest first.")
    var limit: Int?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if articles != nil, source != .own { throw ValidationError("--source reads the store; it does not go with --articles") }
    }

    func run() async throws {
        let siteConfig: FeedConfig
        do { siteConfig = try loadConfig(config) } catch { throw fail("\(error)") }
        guard let articles else {
            try await publishFromStore(siteConfig)
            return
        }
        let source = ArticleRecordReader(path: articles)
        var rejected = 0
        func accept(_ outcome: ArticleRecordReader.Outcome) -> Article? {
            switch outcome {
            case .article(let article):
                if let section, article.section != section { return nil }
                return article
            case .rejected(let error):
                rejected += 1
                printError("rejected: \(error)")
                return nil
            }
        }

        // Decide what to write and the feed's `updated` before the first byte goes out.
        var newest: NewestArticles?
        var latest: Timestamp?
        do {
            if let limit {
                var keep = NewestArticles(limit: limit)
                try source.forEach { if let a = accept($0) { keep.offer(a) } }
                newest = keep
                latest = keep.articles.map(\.lastModified).max()
            } else if siteConfig.updated == nil {
                try source.forEach { if let a = accept($0) { latest = max(latest ?? a.lastModified, a.lastModified) } }
            }
        } catch { throw fail("\(error)") }

        let updated = latest ?? siteConfig.updated ?? Timestamp(date: Date(timeIntervalSince1970: 0))
        let channel = FeedChannel(config: siteConfig, format: format.value, section: section, updated: updated)
        let out = try DocumentOutput(path: output)
        do {
            let writer = try makeFeedWriter(format: format.value, channel: channel, sink: out.write)
            try writer.begin()
            if let newest {
                for article in newest.articles { try writer.write(article) }
            } else {
                // The first pass (if any) already reported rejections; count them once.
                let reportedBefore = siteConfig.updated == nil
                rejected = reportedBefore ? rejected : 0
                try source.forEach { outcome in
                    if case .article(let article) = outcome {
                        if section == nil || article.section == section { try writer.write(article) }
                    } else if !reportedBefore {
                        _ = accept(outcome)
                    }
                }
            }
            try writer.finish()
            try out.commit()
        } catch {
            out.discard()
            throw fail("\(error)")
        }
        if rejected > 0 {
            printError("\(rejected) record(s) rejected; the feed holds the others.")
            throw ExitStatus.partial
        }
    }

    /// The newest articles of the store, page by page (memory stays bounded by one page).
    private func publishFromStore(_ siteConfig: FeedConfig) async throws {
        let store = try await store.open()
        let origin: ArticleQuery.Origin? = source == .all ? nil : (source == .own ? .own : .partner)
        var query = ArticleQuery(origin: origin, section: section, limit: min(limit ?? 500, 500))
        let first = try await store.articles(query)
        let updated =
            siteConfig.updated ?? first.articles.map(\.article.lastModified).max() ?? Timestamp(date: Date(timeIntervalSince1970: 0))
        var config = siteConfig
        if source == .partners { config.title = "\(siteConfig.title) – partners" }
        let channel = FeedChannel(config: config, format: format.value, section: section, updated: updated)
        let out = try DocumentOutput(path: output)
        do {
            let writer = try makeFeedWriter(format: format.value, channel: channel, sink: out.write)
            try writer.begin()
            var page = first
            var written = 0
            pages: while true {
                for stored in page.articles {
                    if let limit, written >= limit { break pages }
                    let partner = stored.origin == .partner ? stored.sources.first : nil
                    let article = try await store.withComputedRelated(
                        stored.article, limit: siteConfig.relatedLimit, replacingManual: siteConfig.relatedReplacesManual)
                    try writer.write(article, source: partner.map { ItemSource(feedURL: $0.feedURL, title: $0.feedTitle) })
                    written += 1
                }
                guard let next = page.next else { break }
                query.cursor = next
                page = try await store.articles(query)
            }
            try writer.finish()
            try out.commit()
        } catch {
            out.discard()
            throw fail("\(error)")
        }
    }

    private func fail(_ message: String) -> ExitCode {
        printError("nashra publish: \(message)")
        return ExitStatus.failure
    }
}

/// The `limit` newest articles seen so far, newest first.
struct NewestArticles {
    let limit: Int
    private(set) var articles: [Article] = []

    init(limit: Int) { self.limit = limit }

    mutating func offer(_ article: Article) {
        if articles.count == limit, let last = articles.last, article.published <= last.published { return }
        // Stable: among equal dates, earlier input stays first.
        let index = articles.firstIndex { $0.published < article.published } ?? articles.endIndex
        articles.insert(article, at: index)
        if articles.count > limit { articles.removeLast() }
    }
}

/// `--source own|partners|all`.
enum SourceArgument: String, ExpressibleByArgument {
    case own, partners, all
}

/// `--format rss|atom|json`.
struct FeedFormatArgument: ExpressibleByArgument {
    let value: FeedFormat

    init?(argument: String) {
        guard let format = FeedFormat(rawValue: argument.lowercased()) else { return nil }
        value = format
    }

    static var allValueStrings: [String] { FeedFormat.allCases.map(\.rawValue) }
}

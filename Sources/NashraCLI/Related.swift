import ArgumentParser
import Foundation
import Logging
import NashraAggregate
import NashraModel
import NashraRelated
import NashraStore

/// `nashra related [--id ID] [--limit K] [--json] [--rebuild]`.
struct Related: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print related-articles lists, bringing them up to date first.",
        discussion: """
            Articles that are new or changed since the last refresh are analysed and the lists they can affect \
            are recomputed (poll and articles import do the same); --rebuild analyses every article and recomputes \
            every list. Lists hold own and partner articles, best first, each with a score and the reason.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var site: ConfigOptions

    @Option(help: "Only this article's list.")
    var id: String?

    @Option(help: "At most K related articles per list.")
    var limit = 5

    @Flag(help: "One JSON object per line: {\"id\", \"related\": [{\"id\", \"url\", \"title\", \"published\", \"score\", \"reason\"}]}.")
    var json = false

    @Flag(help: "Analyse every article again and recompute every list.")
    var rebuild = false

    @Flag(help: "Print what the refresh did (articles analysed, lists computed, seconds, peak memory) to stderr.")
    var stats = false

    func validate() throws {
        guard (1...RelatedOptions.storedLimit).contains(limit) else {
            throw ValidationError("--limit must be between 1 and \(RelatedOptions.storedLimit)")
        }
    }

    func run() async throws {
        let config = try site.load()
        let store = try await store.open()
        let refresher = RelatedRefresher(store: store, options: RelatedOptions(config: config), logger: Logger(label: "nashra.related"))
        let summary: RelatedRefresher.Summary
        do {
            summary = rebuild ? try await refresher.rebuild() : try await refresher.refresh()
        } catch {
            printError("nashra related: \(error)")
            throw ExitStatus.failure
        }
        if summary.leftToAnotherProcess {
            printError("nashra related: another process is refreshing the lists; these are the lists stored so far")
        }
        if stats {
            printError(
                "nashra related: \(summary.analysed) analysed, \(summary.listsComputed) lists computed, pool \(summary.poolSize), "
                    + String(format: "%.3f s, peak memory %.1f MB", summary.seconds, Double(ProcessStats.peakResidentBytes()) / 1_048_576))
        }
        let out = StandardOutput()
        if let id {
            guard let list = try await store.relatedList(key: id) else {
                printError("nashra related: no article with id \"\(id)\" in the store")
                throw ExitStatus.failure
            }
            out.write(line(id: id, list: list))
        } else {
            var query = ArticleQuery(limit: 500)
            while true {
                let page = try await store.relatedLists(query)
                for (key, list) in page.lists { out.write(line(id: key, list: list)) }
                guard let next = page.next else { break }
                query.cursor = next
            }
        }
        out.flush()
    }

    private func line(id: String, list: [RelatedPick]) -> String {
        let shown = list.prefix(limit)
        if json {
            return JSONValue.members([("id", .string(id)), ("related", .array(shown.map(\.json)))]).serialized() + "\n"
        }
        var text = id + "\n"
        for (position, pick) in shown.enumerated() {
            text += "  \(position + 1). \(String(format: "%.3f", pick.score))  \(pick.article.title)  <\(pick.article.url.absoluteString)>\n"
            if !pick.reason.isEmpty { text += "     \(pick.reason)\n" }
        }
        return text
    }
}

extension RelatedOptions {
    /// Lists are stored this long, so `--limit` and `relatedLimit` can show fewer without a recomputation.
    static let storedLimit = 10

    /// The options the site's configuration asks for.
    init(config: FeedConfig) {
        self.init(limit: max(config.relatedLimit, Self.storedLimit), halfLifeDays: config.relatedHalfLifeDays)
    }
}

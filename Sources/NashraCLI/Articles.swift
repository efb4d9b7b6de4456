import ArgumentParser
import Foundation
import Logging
import NashraAggregate
import NashraModel
import NashraRelated
import NashraStore

/// `nashra articles import|list`.
struct Articles: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load the site's own article records into the store, or list what the store holds.",
        subcommands: [Import.self, List.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load article records (JSON array, NDJSON or a folder of .json files) into the store.",
            discussion: """
                Invalid records are reported on stderr and left out; the exit status is then 3. Records go in batches of \
                1,000, each one transaction. Then the related-articles lists the new and changed articles affect are recomputed.
                """
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var site: ConfigOptions

        @Argument(help: "The records.")
        var path: String

        func run() async throws {
            let store = try await store.open()
            var batch: [Article] = []
            var total = ImportSummary()
            var rejected = 0
            func flush() async throws {
                guard !batch.isEmpty else { return }
                let summary = try await store.importArticles(batch)
                total.inserted += summary.inserted
                total.updated += summary.updated
                total.unchanged += summary.unchanged
                batch.removeAll(keepingCapacity: true)
            }
            var records: ArticleRecordReader.Records
            do { records = try ArticleRecordReader(path: path).makeIterator() } catch {
                printError("nashra articles import: \(error)")
                throw ExitStatus.failure
            }
            while let outcome = try records.next() {
                switch outcome {
                case .article(let article):
                    batch.append(article)
                    if batch.count >= 1000 { try await flush() }
                case .rejected(let error):
                    rejected += 1
                    printError("rejected: \(error)")
                }
            }
            try await flush()
            print("imported \(total.inserted) new, \(total.updated) updated, \(total.unchanged) unchanged" + (rejected > 0 ? ", \(rejected) rejected" : ""))
            if total.inserted + total.updated > 0 {
                let related = try await refreshRelatedLists(store: store, config: site.load(), command: "articles import")
                print(
                    related.leftToAnotherProcess
                        ? "related lists: left to the process refreshing them now"
                        : "related lists: \(related.analysed) articles analysed, \(related.listsComputed) lists recomputed")
            }
            if rejected > 0 { throw ExitStatus.partial }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the store's articles, newest first (own and partner).")

        @OptionGroup var store: StoreOptions

        @Flag(help: "One JSON object per line: the record, its origin and its sources.")
        var json = false

        @Option(help: "Only own or partner articles.")
        var origin: String?

        @Option(help: "At most N articles.")
        var limit: Int?

        func run() async throws {
            let store = try await store.open()
            let originFilter: ArticleQuery.Origin?
            switch origin {
            case nil: originFilter = nil
            case let value?:
                guard let parsed = ArticleQuery.Origin(rawValue: value) else { throw ValidationError("--origin is own or partner") }
                originFilter = parsed
            }
            var query = ArticleQuery(origin: originFilter, limit: min(limit ?? 500, 500))
            var printed = 0
            let out = StandardOutput()
            while true {
                let page = try await store.articles(query)
                for stored in page.articles {
                    if let limit, printed >= limit { break }
                    out.write(json ? Self.json(stored) + "\n" : Self.text(stored) + "\n")
                    printed += 1
                }
                guard let next = page.next, limit.map({ printed < $0 }) ?? true else { break }
                query.cursor = next
            }
            out.flush()
        }

        static func text(_ stored: StoredArticle) -> String {
            let a = stored.article
            let from = stored.origin == .own ? "own" : stored.sources.map { $0.feedTitle ?? $0.feedURL.host ?? "?" }.joined(separator: ", ")
            return "\(a.published.rfc3339)  \(from)  \(a.title)  <\(a.url.absoluteString)>" + (stored.heldFutureDate ? "  [future date held]" : "")
        }

        static func json(_ stored: StoredArticle) -> String {
            JSONValue.members([
                ("origin", .string(stored.origin.rawValue)),
                ("article", stored.article.recordJSON),
                (
                    "sources",
                    .array(
                        stored.sources.map {
                            .members([
                                ("feed", .string($0.feedURL.absoluteString)), ("title", .string($0.feedTitle)),
                                ("link", .string($0.link?.absoluteString)),
                            ])
                        })
                ),
                ("heldFutureDate", stored.heldFutureDate ? .bool(true) : nil),
            ]).serialized()
        }
    }
}

/// Brings the related lists up to date after `command` changed articles. A
/// failure is reported but does not undo the change: the next refresh
/// (`nashra related`, the next poll) catches up.
func refreshRelatedLists(store: any Store, config: FeedConfig, command: String) async throws -> RelatedRefresher.Summary {
    let refresher = RelatedRefresher(store: store, options: RelatedOptions(config: config), logger: Logger(label: "nashra.related"))
    do {
        return try await refresher.refresh()
    } catch {
        printError("nashra \(command): the related-articles lists were not refreshed (run `nashra related` to retry): \(error)")
        throw ExitStatus.failure
    }
}

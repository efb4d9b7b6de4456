import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NashraAggregate
import NashraFetch
import NashraModel
import NashraRelated
import NashraServer
import NashraStore
import ServiceLifecycle
import UnixSignals

/// `nashra serve [--host H] [--port P]`.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the feeds over HTTP and run the poll schedule in the same process.",
        discussion: """
            Routes: /feed.{rss,atom,json}, /sections/SECTION/feed.{rss,atom,json}, /partners/feed.{rss,atom,json}, \
            /articles/ID.json, /subscriptions.opml, /healthz, /metrics. Feeds are rendered when the store changes and \
            answered with ETag, Last-Modified, 304s, Cache-Control and gzip; / is a page for people, and a feed \
            opened in a browser is one too. When new or changed articles land, the configured WebSub hub is pinged \
            (hub.mode=publish, with retries). POST /admin/refresh?url=FEED re-polls a subscription; it needs \
            "adminToken" in the configuration and Authorization: Bearer TOKEN. SIGINT or SIGTERM stops accepting, lets \
            answers and fetches in flight finish, then exits 0. Changes other processes make to the store are \
            picked up every --watch-seconds; on PostgreSQL at once (LISTEN/NOTIFY), and several servers and pollers \
            may share one database. With no store yet and no configuration, the fixture \
            site is loaded (the seed article, its related articles, fixture partner feeds as file: subscriptions).
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var site: ConfigOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port, printed at start).")
    var port = 8080

    @Flag(help: "Serve only; do not poll partner feeds.")
    var noPoll = false

    @Option(help: "Log level on stderr: info logs each request (method, path, status, milliseconds); notice, warning, error log less.")
    var logLevel = LogLevelArgument(.info)

    @Option(
        help: """
            Seconds between looks for changes other processes made to a SQLite store (articles import, another poller). \
            PostgreSQL announces them at once; there it is the wait before listening again after a lost connection.
            """)
    var watchSeconds = 10

    @Option(help: "How long a feed stays leased to this process's poller when its fetch is never stored (see poll --lease).")
    var lease = PollInterval(seconds: 120)

    func run() async throws {
        let noConfiguration = site.config == nil && !FileManager.default.fileExists(atPath: "nashra.json")
        let newFile = !store.isPostgres && !FileManager.default.fileExists(atPath: store.location)
        var config = try site.load()
        let store = try await store.open()
        // A new store: a SQLite file that did not exist, or a PostgreSQL database with nothing in it.
        var newStore = newFile
        if self.store.isPostgres {
            let counts = try await store.articleCounts()
            let subscriptions = try await store.subscriptions()
            newStore = counts == (0, 0) && subscriptions.isEmpty
        }
        let firstRun = noConfiguration && newStore
        let logger = {
            var logger = Logger(label: "nashra.serve")
            logger.logLevel = logLevel.level
            return logger
        }()
        if firstRun {
            try await FixtureSite.load(into: store, config: &config)
        } else if site.config == nil, try await FixtureSite.isFixtureSite(store) {
            // Started again on the fixture site: its file: feeds stay allowed.
            config.allowFileURLs = true
        }

        let metrics = ServerMetrics()
        let server = FeedServer(
            store: store, config: config, settings: FeedServer.Settings(host: host, port: port, maxAgeSeconds: config.cacheMaxAgeSeconds),
            metrics: metrics, logger: logger)
        let hub = config.hub.map { HubNotifier(hub: $0, logger: logger) }
        let refresher = RelatedRefresher(store: store, options: RelatedOptions(config: config), logger: logger)
        // Lists may be missing (a store filled before related lists existed): bring them up to date first.
        // They are derived data: serving goes on without them, and the next poll change retries.
        do { try await refresher.refresh() } catch { logger.error("related lists not refreshed", metadata: ["error": "\(error)"]) }

        // After new articles, from this process's poller or another process: lists, then feeds.
        let storeChanged: @Sendable () async -> Void = {
            do { try await refresher.refresh() } catch { logger.error("related lists not refreshed", metadata: ["error": "\(error)"]) }
            await server.storeChanged()
        }
        // Another process stored articles (PostgreSQL announces it): that process computes their
        // lists (see RelatedRefresher.refresh), so here only the feeds are rendered again.
        let changedByOthers: @Sendable () async -> Void = {
            await server.storeChanged()
        }

        let fetcher = Fetcher(policy: try FetchPolicies.fetchPolicy(config), logger: logger)
        var policy = SchedulePolicy()
        policy.backoffCap = TimeInterval(config.backoffCapSeconds)
        let last = LastProgress()
        let poller = Poller(
            store: store, fetcher: fetcher, policy: policy, once: false, logger: logger,
            onProgress: { progress in
                let before = last.value
                // A new pass starts its counts from zero.
                let base = progress.done < before.done ? Poller.Progress() : before
                metrics.fetchesFinished(
                    progress.done - base.done, failed: progress.errors - base.errors, newArticles: progress.new - base.new,
                    updatedArticles: progress.updated - base.updated,
                    lastDuration: progress.done > base.done ? .milliseconds(progress.lastFetchMilliseconds) : nil)
                last.value = progress
            },
            onSettled: {
                await storeChanged()
                // The hub is told without holding up the next fetches; its retries run on their own.
                if let hub { Task { await hub.publish(server.feedURLs) } }
            }, lease: Poller.Lease(duration: TimeInterval(lease.seconds)))
        let application = server.application { port in
            let base = "http://\(host):\(port)"
            // Written at once, unbuffered: whoever started the server waits for this line.
            let text = """
                nashra serve: listening on \(base)/
                  feeds:    \(base)/feed.rss  \(base)/feed.atom  \(base)/feed.json
                  partners: \(base)/partners/feed.rss   subscriptions: \(base)/subscriptions.opml
                  health:   \(base)/healthz   metrics: \(base)/metrics

                """
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        let watcher = StoreWatcher(
            store: store, interval: .seconds(max(1, watchSeconds)), onChange: storeChanged, onChangeByOthers: changedByOthers, logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: application), .init(service: watcher)]
        if !noPoll { services.append(.init(service: poller)) }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await runServices(group, fetcher: fetcher, command: "nashra serve")
    }
}

/// The site a new clone serves before it has its own: the seed article and
/// its related articles, with fixture partner feeds as `file:` subscriptions.
enum FixtureSite {
    static let partnerFeeds = [
        "Fixtures/related/partner-wire.xml", "Fixtures/parse/arabic/hespress_style_national.xml",
        "Fixtures/parse/french/le360_style_french_dates.xml",
    ]

    static func load(into store: any Store, config: inout FeedConfig) async throws {
        let records = "Fixtures/publish/articles"
        guard FileManager.default.fileExists(atPath: records) else { return }
        var articles: [Article] = []
        try ArticleRecordReader(path: records).forEach { if case .article(let article) = $0 { articles.append(article) } }
        _ = try await store.importArticles(articles)
        config.allowFileURLs = true
        for path in partnerFeeds where FileManager.default.fileExists(atPath: path) {
            _ = try await store.addSubscription(NewSubscription(url: URL(fileURLWithPath: path).standardizedFileURL))
        }
        FileHandle.standardOutput.write(
            Data("nashra serve: a new store with the fixture site (\(articles.count) articles, \(partnerFeeds.count) partner feeds)\n".utf8))
    }

    /// Whether every subscription of `store` is one of the fixture site's feeds.
    static func isFixtureSite(_ store: any Store) async throws -> Bool {
        let fixtures = Set(partnerFeeds.map { URL(fileURLWithPath: $0).standardizedFileURL })
        let subscriptions = try await store.subscriptions()
        return !subscriptions.isEmpty && subscriptions.allSatisfy { fixtures.contains($0.url) }
    }
}

/// `--log-level trace|debug|info|notice|warning|error|critical`.
struct LogLevelArgument: ExpressibleByArgument {
    let level: Logger.Level

    init(_ level: Logger.Level) { self.level = level }

    init?(argument: String) {
        guard let level = Logger.Level(rawValue: argument) else { return nil }
        self.level = level
    }

    var defaultValueDescription: String { level.rawValue }
}

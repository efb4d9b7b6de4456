import ArgumentParser
import Foundation
import NashraFetch
import NashraModel
import NashraParse
import NashraStore
import NashraWriters

/// `nashra feeds add|list|remove|import|export`: partner subscriptions.
struct Feeds: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage partner subscriptions.",
        subcommands: [Add.self, List.self, Remove.self, Refresh.self, Import.self, Export.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Subscribe to a partner feed.",
            discussion: "Loopback, private and other internal addresses are refused unless fetchAllow or NASHRA_FETCH_ALLOW lets them through; file: URLs need allowFileURLs or NASHRA_ALLOW_FILE=1."
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var site: ConfigOptions

        @Argument(help: "The feed's http(s) or file: URL.")
        var url: String

        @Option(help: "How often to poll: 30s, 15m, 2h, 1d (default from configuration, 15m).")
        var every: PollInterval?

        @Option(help: "Time zone for the partner's dates that carry none (e.g. Africa/Casablanca).")
        var zone: String?

        @Option(help: "A name for the partner.")
        var title: String?

        func run() async throws {
            let config = try site.load()
            guard let feedURL = URL(string: url), feedURL.scheme != nil else { throw ValidationError("not a URL: \(url)") }
            if let zone, TimeZone(identifier: zone) == nil { throw ValidationError("unknown time zone \(zone)") }
            do {
                try await FetchPolicies.admit(feedURL, FetchPolicies.addressGuard(config))
            } catch {
                printError("nashra feeds add: \(error)")
                throw ExitStatus.failure
            }
            let store = try await store.open()
            let (subscription, created) = try await store.addSubscription(
                NewSubscription(
                    url: feedURL, title: title, interval: every?.seconds ?? config.pollIntervalSeconds, timeZone: zone))
            print(created ? "added \(subscription.url.absoluteString)" : "already subscribed: \(subscription.url.absoluteString)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List subscriptions with their health.")

        @OptionGroup var store: StoreOptions

        @Flag(help: "One JSON object per line.")
        var json = false

        func run() async throws {
            let subscriptions = try await store.open().subscriptions()
            for s in subscriptions {
                print(json ? Self.json(s).serialized() : Self.text(s))
            }
        }

        static func status(_ s: Subscription) -> String {
            if s.fetch.gone { return "gone (410): polling stopped" }
            guard let status = s.fetch.lastStatus else { return s.fetch.lastError.map { "error: \($0)" } ?? "never fetched" }
            var text = "HTTP \(status)"
            if let error = s.fetch.lastError { text += " (\(error))" }
            if s.fetch.consecutiveFailures > 0 { text += ", \(s.fetch.consecutiveFailures) failure(s) in a row" }
            return text
        }

        static func text(_ s: Subscription) -> String {
            let next = s.fetch.gone ? "-" : Timestamp(date: s.fetch.nextDue).rfc3339
            return "\(s.url.absoluteString)  \(s.title ?? "-")  every \(s.effectiveInterval)s  \(status(s))  next \(next)"
        }

        static func json(_ s: Subscription) -> JSONValue {
            .members([
                ("url", .string(s.url.absoluteString)), ("title", .string(s.title)),
                ("categories", .array(s.categories.map(JSONValue.string))), ("interval", .int(s.interval)),
                ("effectiveInterval", .int(s.effectiveInterval)), ("zone", .string(s.timeZone)),
                ("lastStatus", .int(s.fetch.lastStatus)), ("lastError", .string(s.fetch.lastError)),
                ("lastAttempt", .string(s.fetch.lastAttempt.map { Timestamp(date: $0).rfc3339 })),
                ("lastSuccess", .string(s.fetch.lastSuccess.map { Timestamp(date: $0).rfc3339 })),
                ("failures", .int(s.fetch.consecutiveFailures)), ("gone", .bool(s.fetch.gone)),
                ("nextDue", s.fetch.gone ? nil : .string(Timestamp(date: s.fetch.nextDue).rfc3339)),
                ("etag", .string(s.fetch.etag)), ("lastModified", .string(s.fetch.lastModified)),
                // A poller is fetching it now (several pollers share the store); absent otherwise.
                ("leasedUntil", s.fetch.leasedUntil.flatMap { $0 > Date() ? .string(Timestamp(date: $0).rfc3339) : nil }),
            ])
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unsubscribe (the partner's stored articles stay).")

        @OptionGroup var store: StoreOptions

        @Argument(help: "The feed URL as listed.")
        var url: String

        func run() async throws {
            guard let feedURL = URL(string: url) else { throw ValidationError("not a URL: \(url)") }
            if try await store.open().removeSubscription(url: feedURL) {
                print("removed \(url)")
            } else {
                printError("nashra feeds remove: no subscription \(url)")
                throw ExitStatus.failure
            }
        }
    }

    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make feeds due now, so the next poll fetches them (also resumes a feed that answered 410).")

        @OptionGroup var store: StoreOptions

        @Argument(help: "Feed URLs as listed; none means every feed.")
        var urls: [String] = []

        func run() async throws {
            let store = try await store.open()
            let targets = urls.isEmpty ? try await store.subscriptions().map(\.url) : urls.compactMap(URL.init(string:))
            var missing = 0
            for url in targets where try await !store.markDue(url: url, at: Date()) {
                printError("nashra feeds refresh: no subscription \(url.absoluteString)")
                missing += 1
            }
            print("\(targets.count - missing) feed(s) due now")
            if missing > 0 { throw missing == targets.count ? ExitStatus.failure : ExitStatus.partial }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Subscribe to every feed of an OPML file, keeping its folders as categories.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var site: ConfigOptions

        @Argument(help: "The OPML file.")
        var path: String

        func run() async throws {
            let config = try site.load()
            let imported: OPMLImport
            do {
                imported = try OPMLReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            } catch {
                printError("nashra feeds import: \(path): \(error)")
                throw ExitStatus.failure
            }
            let addressGuard = try FetchPolicies.addressGuard(config)
            let store = try await store.open()
            var added = 0
            var refused = imported.problems.count
            for problem in imported.problems { printError("skipped: \(problem)") }
            for feed in imported.feeds {
                do {
                    try await FetchPolicies.admit(feed.xmlURL, addressGuard)
                } catch {
                    printError("refused: \(feed.xmlURL.absoluteString): \(error)")
                    refused += 1
                    continue
                }
                let (_, created) = try await store.addSubscription(
                    NewSubscription(url: feed.xmlURL, title: feed.title, categories: feed.categories, interval: config.pollIntervalSeconds))
                if created { added += 1 }
            }
            print("imported \(added) new subscription(s) of \(imported.feeds.count)" + (refused > 0 ? ", \(refused) skipped" : ""))
            if refused > 0 { throw ExitStatus.partial }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the subscriptions as OPML 2.0.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var site: ConfigOptions

        func run() async throws {
            let config = try site.load()
            let feeds = try await store.open().subscriptions().map {
                OPMLFeed(xmlURL: $0.url, title: $0.title, htmlURL: nil, categories: $0.categories)
            }
            let data = try OPMLWriter.write(feeds, title: "\(config.title) – partners", dateCreated: nil)
            FileHandle.standardOutput.write(data)
        }
    }
}

/// `--config FILE`, for commands that read settings.
struct ConfigOptions: ParsableArguments {
    @Option(help: "Site configuration (JSON). Default: nashra.json when present.")
    var config: String?

    func load() throws -> FeedConfig {
        do { return try loadConfig(config) } catch {
            printError("nashra: \(error)")
            throw ExitStatus.failure
        }
    }
}

/// Fetch settings from the configuration and the environment.
enum FetchPolicies {
    /// Runs the address guard on a new subscription. A name that does not
    /// resolve now (an offline editor, a partner's DNS hiccup) is accepted
    /// with a warning: the guard checks every fetch and every redirect again.
    /// - Throws: the guard's `FetchError` for a refused scheme or address.
    static func admit(_ url: URL, _ addressGuard: AddressGuard) async throws {
        do throws(FetchError) {
            try await addressGuard.check(url)
        } catch {
            guard error.code == .connection else { throw error }
            printError("warning: \(error); subscribed anyway, every fetch is checked")
        }
    }

    /// The address guard: `fetchAllow` plus `NASHRA_FETCH_ALLOW`, file: URLs per `allowFileURLs` or `NASHRA_ALLOW_FILE=1`.
    static func addressGuard(_ config: FeedConfig) throws -> AddressGuard {
        let environment = ProcessInfo.processInfo.environment
        let fromEnvironment = (environment["NASHRA_FETCH_ALLOW"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        let allowFiles = config.allowFileURLs || environment["NASHRA_ALLOW_FILE"] == "1"
        do {
            return try AddressGuard(allow: config.fetchAllow + fromEnvironment, allowFileURLs: allowFiles)
        } catch {
            printError("nashra: \(error)")
            throw ExitStatus.failure
        }
    }
}

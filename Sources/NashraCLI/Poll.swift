import ArgumentParser
import Foundation
import Logging
import NashraAggregate
import NashraFetch
import NashraModel
import NashraRelated
import ServiceLifecycle
import UnixSignals

/// `nashra poll [--once] [--concurrency N]`.
struct Poll: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch due partner feeds into the store.",
        discussion: """
            With --once, makes one pass over what is due and exits. Without it, keeps polling on schedule until \
            SIGINT or SIGTERM, then finishes the fetches in flight and exits 0. Whenever the fetches in flight have \
            settled after bringing new or changed articles, the related-articles lists they affect are recomputed.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var site: ConfigOptions

    @Flag(help: "One pass over the due feeds, then exit.")
    var once = false

    @Option(help: "Fetches at a time, all hosts together (at most 2 per host).")
    var concurrency = 16

    @Flag(help: "At the end, print feeds, new and updated articles, errors, seconds, CPU seconds and peak memory to stderr.")
    var stats = false

    @Option(
        help: """
            How long a feed stays leased to this poller when its fetch is never stored (the process died): then \
            another poller sharing the store takes it over. 30s, 5m…
            """)
    var lease = PollInterval(seconds: 120)

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
    }

    func run() async throws {
        let config = try site.load()
        let store = try await store.open()
        var logger = Logger(label: "nashra.poll")
        logger.logLevel = .warning
        let fetcher = Fetcher(policy: try FetchPolicies.fetchPolicy(config), logger: logger)
        var policy = SchedulePolicy()
        policy.globalConcurrency = concurrency
        policy.backoffCap = TimeInterval(config.backoffCapSeconds)
        let terminal = isatty(STDERR_FILENO) == 1
        let started = ContinuousClock.now
        let last = LastProgress()
        let refresher = RelatedRefresher(store: store, options: RelatedOptions(config: config), logger: logger)
        let poller = Poller(
            store: store, fetcher: fetcher, policy: policy, once: once, logger: logger,
            onProgress: { progress in
                last.value = progress
                guard terminal else { return }
                let line = "\r\(progress.done)/\(progress.due) feeds  \(progress.new) new  \(progress.updated) updated  \(progress.errors) errors"
                FileHandle.standardError.write(Data(line.utf8))
            },
            onSettled: {
                // Lists are derived data: a failed refresh is reported and retried after the next changes.
                do { try await refresher.refresh() } catch { printError("nashra poll: the related-articles lists were not refreshed: \(error)") }
            }, lease: Poller.Lease(duration: TimeInterval(lease.seconds)))
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: poller, successTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await runServices(group, fetcher: fetcher, command: "nashra poll")
        if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
        if stats {
            let p = last.value
            printError(
                "nashra poll: \(p.done) feeds, \(p.new) new, \(p.updated) updated, \(p.duplicates) same-story, \(p.errors) errors, "
                    + String(
                        format: "%.3f s, CPU %.3f s, peak memory %.1f MB", (ContinuousClock.now - started).seconds, ProcessStats.cpuSeconds(),
                        Double(ProcessStats.peakResidentBytes()) / 1_048_576))
        }
    }
}

// why: written only from the poller's single run loop; read after it has returned (poll), or
// from that same loop's progress callback (serve).
final class LastProgress: @unchecked Sendable {
    var value = Poller.Progress()
}

extension FetchPolicies {
    /// Limits and identity of the fetcher, from the configuration.
    static func fetchPolicy(_ config: FeedConfig) throws -> FetchPolicy {
        var policy = FetchPolicy(addressGuard: try addressGuard(config))
        policy.maxBodyBytes = config.fetchMaxBytes
        policy.requestTimeout = .seconds(config.fetchTimeoutSeconds)
        policy.userAgent = FetchPolicy.userAgent(contact: (config.contactURL ?? config.siteURL).absoluteString)
        return policy
    }
}

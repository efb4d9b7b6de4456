import ArgumentParser
import Foundation
import Logging
import NashraAggregate
import NashraFetch
import NashraModel
import ServiceLifecycle
import UnixSignals

/// `nashra poll [--once] [--concurrency N]`.
struct Poll: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch due partner feeds into the store.",
        discussion: """
            With --once, makes one pass over what is due and exits. Without it, keeps polling on schedule until \
            SIGINT or SIGTERM, then finishes the fetches in flight and exits 0.
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var site: ConfigOptions

    @Flag(help: "One pass over the due feeds, then exit.")
    var once = false

    @Option(help: "Fetches at a time, all hosts together (at most 2 per host).")
    var concurrency = 16

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
    }

    func run() async throws {
        let config = try site.load()
        let store = try store.open()
        var logger = Logger(label: "nashra.poll")
        logger.logLevel = .warning
        let fetcher = Fetcher(policy: try FetchPolicies.fetchPolicy(config), logger: logger)
        var policy = SchedulePolicy()
        policy.globalConcurrency = concurrency
        policy.backoffCap = TimeInterval(config.backoffCapSeconds)
        let terminal = isatty(STDERR_FILENO) == 1
        let poller = Poller(
            store: store, fetcher: fetcher, policy: policy, once: once, logger: logger,
            onProgress: { progress in
                guard terminal else { return }
                let line = "\r\(progress.done)/\(progress.due) feeds  \(progress.new) new  \(progress.updated) updated  \(progress.errors) errors"
                FileHandle.standardError.write(Data(line.utf8))
            })
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: poller, successTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            try? await fetcher.shutdown()
            printError("nashra poll: \(error)")
            throw ExitStatus.failure
        }
        try? await fetcher.shutdown()
        if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

extension FetchPolicies {
    /// Limits and identity of the fetcher, from the configuration.
    static func fetchPolicy(_ config: FeedConfig) throws -> FetchPolicy {
        var policy = FetchPolicy(addressGuard: try addressGuard(config))
        policy.maxBodyBytes = config.fetchMaxBytes
        policy.requestTimeout = .seconds(config.fetchTimeoutSeconds)
        let contact = config.contactURL?.absoluteString ?? config.siteURL.absoluteString
        policy.userAgent = "Nashra/0.1 (+\(contact))"
        return policy
    }
}

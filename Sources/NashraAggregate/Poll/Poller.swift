public import Foundation
public import Logging
public import NashraFetch
import NashraModel
public import NashraStore
public import ServiceLifecycle

/// Polls due partner feeds into the store on schedule (STYLE.md 13): a
/// `Service` that, on graceful shutdown, starts nothing new and lets in-flight
/// fetches finish and be stored before it returns.
///
/// Several pollers (processes, machines) may share one store: each fetch is
/// leased from the store first, so a due feed is fetched by one of them only,
/// and a feed whose poller died is taken over when its lease ends.
public final class Poller: Service {
    /// What the poller reports as it goes (for a terminal progress line).
    public struct Progress: Sendable {
        public var done = 0
        public var due = 0
        public var new = 0
        public var updated = 0
        public var duplicates = 0
        public var errors = 0
        /// How long the fetch just finished took, from request to parsed entries.
        public var lastFetchMilliseconds = 0

        public init() {}
    }

    private let store: any Store
    private let fetcher: Fetcher
    private let policy: SchedulePolicy
    private let once: Bool
    private let logger: Logger
    private let onProgress: @Sendable (Progress) -> Void
    private let onSettled: @Sendable () async -> Void
    private let lease: Lease

    /// How this poller leases feeds from a store other pollers share.
    public struct Lease: Sendable {
        /// Names this poller in the store; unique per process.
        public var holder: String
        /// How long a feed stays leased when its fetch is never stored (the poller died): longer
        /// than a fetch and its transaction take, short enough for the others to take over soon.
        public var duration: TimeInterval

        public init(holder: String = Lease.processHolder(), duration: TimeInterval = 120) {
            self.holder = holder
            self.duration = max(1, duration)
        }

        /// `host:pid:random`, for the store and for whoever reads it.
        public static func processHolder() -> String {
            "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UInt32.random(in: 0...UInt32.max))"
        }
    }

    /// - Parameters:
    ///   - once: make one pass over what is due, then return.
    ///   - onSettled: called when no fetch is in flight any more and the fetches since the last call
    ///     added or changed articles (the related-lists refresh hooks here); the next fetches wait for it.
    ///   - lease: how feeds are leased from a store other pollers share.
    public init(
        store: any Store, fetcher: Fetcher, policy: SchedulePolicy, once: Bool, logger: Logger,
        onProgress: @escaping @Sendable (Progress) -> Void = { _ in }, onSettled: @escaping @Sendable () async -> Void = {},
        lease: Lease = Lease()
    ) {
        self.lease = lease
        self.store = store
        self.fetcher = fetcher
        self.policy = policy
        self.once = once
        self.logger = logger
        self.onProgress = onProgress
        self.onSettled = onSettled
    }

    /// Runs until the pass is over (`once`) or a graceful shutdown.
    public func run() async throws {
        var scheduler = PollScheduler(policy: policy, tieBreak: UInt64.random(in: 0...UInt64.max))
        var random = SystemRandomNumberGenerator()
        var progress = Progress()
        let startedAt = Date()
        let subscriptions = try await store.subscriptions()
        scheduler.load(subscriptions)
        progress.due = subscriptions.filter { !$0.fetch.gone && $0.fetch.nextDue <= startedAt }.count
        onProgress(progress)

        // Fetches and store writes are both children of one group: a finished fetch frees its
        // slot at once and its transaction runs beside the next fetches and parses.
        enum Step: Sendable {
            case fetched(FeedFetchJob.Completed)
            case stored(FeedFetchJob.Completed, IngestSummary)
        }
        try await withThrowingTaskGroup(of: Step.self) { group in
            var pendingStores = 0
            var changedSinceSettled = false
            while true {
                let shuttingDown = Task.isShuttingDownGracefully
                // Back-pressure: parsed feeds wait for the single SQLite writer in memory, so
                // start no fetch while a few are queued (memory stays flat in the number of feeds).
                if !shuttingDown && pendingStores < Self.maximumQueuedStores {
                    // In a single pass, only what was due when it began.
                    let clock = Date()
                    let now = once ? startedAt : clock
                    let candidates = scheduler.startable(now: now, clock: clock)
                    for subscription in await leased(candidates, dueBy: now, clock: clock, scheduler: &scheduler, progress: &progress) {
                        let job = FeedFetchJob(subscription: subscription, fetcher: fetcher)
                        group.addTask { .fetched(await job.run()) }
                    }
                }
                if scheduler.inFlightCount == 0 && pendingStores == 0 {
                    if changedSinceSettled {
                        changedSinceSettled = false
                        await onSettled()
                    }
                    if shuttingDown { break }
                    if once {
                        // Feeds of this pass that another poller holds: when its lease ends, look whether it
                        // stored them; if it died, they are this pass's to fetch.
                        guard let leaseEnds = scheduler.leaseWaitEnds(dueBy: startedAt) else { break }
                        // A live poller stores its fetches long before its lease ends: look every second.
                        try await sleepUntil(min(leaseEnds, Date().addingTimeInterval(1)))
                        if Task.isShuttingDownGracefully { break }
                        scheduler.load(try await store.subscriptions())
                        continue
                    }
                    try await sleepUntil(scheduler.nextWakeUp())
                    if Task.isShuttingDownGracefully { break }
                    // New subscriptions may have been added meanwhile.
                    scheduler.load(try await store.subscriptions())
                    continue
                }
                guard let step = try await group.next() else { continue }
                switch step {
                case .fetched(let completed):
                    let application = fetchApplication(completed, scheduler: &scheduler, random: &random)
                    pendingStores += 1
                    group.addTask { [store] in .stored(completed, try await store.applyFetch(application)) }
                case .stored(let completed, let summary):
                    pendingStores -= 1
                    progress.done += 1
                    progress.new += summary.new
                    progress.updated += summary.updated
                    progress.duplicates += summary.duplicates
                    if !completed.result.isSuccess { progress.errors += 1 }
                    progress.lastFetchMilliseconds = completed.durationMilliseconds
                    onProgress(progress)
                    logger.info(
                        "fetched",
                        metadata: [
                            "feed.id": "\(completed.subscriptionID)", "http.status": "\(completed.status.map(String.init) ?? "-")",
                            "new": "\(summary.new)", "updated": "\(summary.updated)", "error": "\(completed.error ?? "")",
                        ])
                    // The refresh finds what changed by itself (content hashes); it only needs to know that something did.
                    if summary.new + summary.updated > 0 { changedSinceSettled = true }
                }
            }
        }
    }

    /// Leases `candidates` from the store and returns the ones this poller may fetch; the
    /// others (another poller fetched or holds them) go back to the scheduler as the store has them.
    /// A store that cannot be reached refuses them all for half a minute.
    private func leased(
        _ candidates: [Subscription], dueBy: Date, clock: Date, scheduler: inout PollScheduler, progress: inout Progress
    ) async -> [Subscription] {
        guard !candidates.isEmpty else { return [] }
        let request = LeaseRequest(
            subscriptionIDs: candidates.map(\.id), holder: lease.holder, dueBy: dueBy, now: clock,
            until: clock.addingTimeInterval(lease.duration))
        let outcome: LeaseOutcome
        do {
            outcome = try await store.leaseSubscriptions(request)
        } catch {
            logger.error("feeds not leased; retrying in 30 s", metadata: ["error": "\(error)", "feeds": "\(candidates.count)"])
            for var candidate in candidates {
                candidate.fetch.nextDue = clock.addingTimeInterval(30)
                scheduler.refused(candidate.id, current: candidate)
            }
            return []
        }
        let claimed = Set(outcome.leased.map(\.id))
        let current = Dictionary(outcome.refused.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for candidate in candidates where !claimed.contains(candidate.id) {
            scheduler.refused(candidate.id, current: current[candidate.id])
        }
        for subscription in outcome.leased { scheduler.claimed(subscription) }
        if !current.isEmpty {
            logger.debug("feeds held by other pollers", metadata: ["feeds": "\(candidates.count - claimed.count)"])
        }
        // What this poller counts as due: its own fetches, not the ones others took.
        progress.due = max(progress.done + scheduler.inFlightCount, progress.due - (candidates.count - claimed.count))
        return outcome.leased
    }

    /// Frees the fetch's slot in the scheduler and builds the transaction that records it.
    private func fetchApplication(
        _ completed: FeedFetchJob.Completed, scheduler: inout PollScheduler, random: inout some RandomNumberGenerator
    ) -> FetchApplication {
        var state = scheduler.finished(
            completed.subscriptionID, result: completed.result, status: completed.status, error: completed.error,
            now: completed.finishedAt, random: &random)
        if completed.succeeded {
            state.etag = completed.etag
            state.lastModified = completed.lastModified
            state.lastSuccess = completed.finishedAt
        }
        if case .notModified = completed.result { state.lastSuccess = completed.finishedAt }
        return FetchApplication(
            subscriptionID: completed.subscriptionID, state: state, newURL: completed.newURL, feedTitle: completed.feedTitle,
            entries: completed.entries,
            log: FetchLogEntry(
                at: completed.finishedAt, status: completed.status, durationMilliseconds: completed.durationMilliseconds,
                error: completed.error, bytes: completed.bytes))
    }

    /// Fetched feeds waiting for their transaction before no new fetch starts.
    static let maximumQueuedStores = 4

    /// Sleeps until `date` (or a minute when nothing is scheduled), waking early on graceful shutdown.
    private func sleepUntil(_ date: Date?) async throws {
        let seconds = max(0.05, min(60, (date ?? Date().addingTimeInterval(60)).timeIntervalSinceNow))
        try? await cancelWhenGracefulShutdown {
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
        }
    }
}

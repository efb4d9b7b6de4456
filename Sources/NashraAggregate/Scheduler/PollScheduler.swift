public import Foundation
public import NashraModel

/// Decides which partner feeds to fetch, and when: a pure state machine.
///
/// It never reads the clock, sleeps or does I/O. The caller passes `now` and a
/// random number generator, so tests step it through fake instants, and a
/// seeded generator makes every schedule repeatable. (The state-machine shape
/// of postgres-nio's and async-http-client's connection pools; STYLE.md §11.)
///
/// The poller's loop:
/// 1. `load(_:)` the subscriptions from the store (again whenever they change);
/// 2. lease each of `startable(now:clock:)` from the store (pollers sharing a store each get
///    different feeds) and start a fetch for each one leased; report the others as `refused`;
/// 3. on each completion, persist what `finished(_:result:status:error:now:random:)`
///    returns, then go back to 2;
/// 4. with nothing startable, sleep until `nextWakeUp()` or a completion, whichever comes first.
///
/// `poll --once` passes the instant the pass began as `now` on every call, so
/// that feeds rescheduled during the pass are not due again and the pass ends
/// once `startable` is empty and `inFlightCount` is 0.
///
/// Rules:
/// - A feed is polled every `Subscription.interval` seconds, never more often
///   than the feed itself asks (`FetchState.feedMinimumInterval`), ± `jitter`.
/// - At most `globalConcurrency` fetches run at once, and at most
///   `perHostConcurrency` against one host. Due feeds start oldest due first.
/// - 410 Gone stops polling for good (`FetchState.gone`).
/// - Any other failure backs off exponentially: `min(cap, max(base, interval) × 2^(failures−1))`
///   (so, before jitter, never sooner than the regular interval: backing off
///   means asking less often), ± jitter, and never before the server's `Retry-After`.
/// - A success resets the failure count.
public struct PollScheduler: Sendable {
    /// The rules in force.
    public let policy: SchedulePolicy
    private var entries: [Int64: Entry] = [:]
    private var runningPerHost: [String: Int] = [:]
    /// Fetches started and not yet finished.
    public private(set) var inFlightCount = 0

    /// Orders feeds due at the same instant; `nil` orders them by id.
    private let tieBreak: UInt64?

    /// Creates a scheduler with nothing loaded.
    /// - Parameter tieBreak: a seed that orders feeds due at the same instant (all of them, on a first
    ///   pass) differently in each poller sharing a store, so that they ask for different feeds
    ///   instead of all asking for the same ones and being refused; `nil` orders them by id.
    public init(policy: SchedulePolicy = SchedulePolicy(), tieBreak: UInt64?) {
        self.policy = policy
        self.tieBreak = tieBreak
    }

    /// Loads the subscriptions to consider, replacing the previous set. Due
    /// times come from each `FetchState.nextDue`.
    ///
    /// A subscription whose fetch is running stays in flight (and keeps its host
    /// slot) even when the new set changes or drops it; a dropped one is
    /// forgotten once it finishes.
    public mutating func load(_ subscriptions: [Subscription]) {
        var loaded: [Int64: Entry] = [:]
        loaded.reserveCapacity(subscriptions.count)
        for subscription in subscriptions {
            if let running = entries[subscription.id], running.inFlight {
                // The slot was taken under the old host name; keep counting it there.
                loaded[subscription.id] = Entry(subscription: subscription, host: running.host, inFlight: true, dropped: false)
            } else {
                loaded[subscription.id] = Entry(
                    subscription: subscription, host: Self.hostKey(subscription), inFlight: false, dropped: false)
            }
        }
        for (id, entry) in entries where entry.inFlight && loaded[id] == nil {
            var kept = entry
            kept.dropped = true
            loaded[id] = kept
        }
        entries = loaded
    }

    /// The subscriptions that may start now, oldest due first, within the
    /// global and per-host limits; they are marked in flight until `finished`
    /// (or `refused`, when another poller holds them).
    ///
    /// - Parameters:
    ///   - now: what counts as due (`poll --once` passes the instant its pass began).
    ///   - clock: the present, for leases other pollers hold (`FetchState.leasedUntil`); defaults to `now`.
    public mutating func startable(now: Date, clock: Date? = nil) -> [Subscription] {
        guard inFlightCount < policy.globalConcurrency else { return [] }
        let clock = clock ?? now
        // Sort small keys, not whole entries, and skip hosts already at their
        // limit: this runs after every completion, over thousands of feeds.
        var due: [(nextDue: Date, rank: UInt64, id: Int64)] = []
        for (id, entry) in entries
        where entry.isWaiting && entry.subscription.fetch.nextDue <= now && !entry.isLeasedElsewhere(at: clock)
            && runningPerHost[entry.host, default: 0] < policy.perHostConcurrency
        {
            due.append((entry.subscription.fetch.nextDue, tieBreak.map { Self.mix(UInt64(bitPattern: id) ^ $0) } ?? 0, id))
        }
        due.sort {
            $0.nextDue != $1.nextDue ? $0.nextDue < $1.nextDue : $0.rank != $1.rank ? $0.rank < $1.rank : $0.id < $1.id
        }
        var started: [Subscription] = []
        for (_, _, id) in due {
            guard inFlightCount < policy.globalConcurrency else { break }
            guard let candidate = entries[id], runningPerHost[candidate.host, default: 0] < policy.perHostConcurrency else { continue }
            entries[id]?.inFlight = true
            runningPerHost[candidate.host, default: 0] += 1
            inFlightCount += 1
            started.append(candidate.subscription)
        }
        return started
    }

    /// When a subscription next becomes startable without any fetch finishing
    /// first, so that the poller can sleep until then (or until a completion).
    ///
    /// `nil` when nothing can start before a running fetch finishes: nothing is
    /// scheduled, every feed is gone or in flight, or the limits are full. A
    /// date in the past means that something is startable now.
    public func nextWakeUp() -> Date? {
        guard inFlightCount < policy.globalConcurrency else { return nil }
        var earliest: Date?
        for entry in entries.values where entry.isWaiting {
            // A host at its limit frees up only when one of its fetches finishes.
            guard runningPerHost[entry.host, default: 0] < policy.perHostConcurrency else { continue }
            let due = max(entry.subscription.fetch.nextDue, entry.subscription.fetch.leasedUntil ?? .distantPast)
            if earliest.map({ due < $0 }) ?? true { earliest = due }
        }
        return earliest
    }

    /// When the first lease another poller holds on a feed due by `dueBy` ends: a pass
    /// (`poll --once`) waits for it, then looks again whether that poller finished the fetch.
    /// `nil` when no such feed waits.
    public func leaseWaitEnds(dueBy: Date) -> Date? {
        entries.values.filter { $0.isWaiting && $0.subscription.fetch.nextDue <= dueBy }
            .compactMap(\.subscription.fetch.leasedUntil).min()
    }

    /// Records that the store leased a started subscription to this poller: its state as stored
    /// (another poller may have fetched it since it was loaded) is what the fetch continues from.
    public mutating func claimed(_ subscription: Subscription) {
        guard let entry = entries[subscription.id], entry.inFlight else { return }
        entries[subscription.id]?.subscription = subscription
    }

    /// Records that the store refused a started subscription (another poller fetched it or holds
    /// it; `current` is its stored state, `nil` when it was removed) and frees its slot.
    public mutating func refused(_ id: Int64, current: Subscription?) {
        guard let entry = entries[id] else { return }
        if entry.inFlight { freeSlot(host: entry.host) }
        guard let current, !entry.dropped else {
            entries[id] = nil
            return
        }
        entries[id] = Entry(subscription: current, host: Self.hostKey(current), inFlight: false, dropped: false)
    }

    /// Records a finished fetch, frees its slot, and returns the `FetchState` to
    /// persist: `nextDue`, `consecutiveFailures`, `gone`, `lastAttempt`,
    /// `lastSuccess`, `lastStatus`, `lastError` and `feedMinimumInterval`.
    /// `etag` and `lastModified` are carried over unchanged; the fetcher sets
    /// them from the response.
    ///
    /// - Parameters:
    ///   - status: the HTTP status, or `nil` when no response came (stored as 0).
    ///   - error: what went wrong, for `feeds list`; `nil` clears it.
    ///   - now: when the fetch finished; delays count from here.
    ///   - random: the source of jitter.
    public mutating func finished(
        _ id: Int64, result: FetchResult, status: Int?, error: String?, now: Date, random: inout some RandomNumberGenerator
    ) -> FetchState {
        guard var entry = entries[id] else {
            // A fetch that `startable` never handed out: a caller bug. Report a
            // state built from scratch rather than stopping a long-running server.
            assertionFailure("PollScheduler.finished(\(id)) for a subscription it did not start")
            var state = FetchState()
            apply(result, status: status, error: error, now: now, interval: 900, to: &state, random: &random)
            return state
        }
        if entry.inFlight {
            entry.inFlight = false
            freeSlot(host: entry.host)
        }
        var state = entry.subscription.fetch
        apply(result, status: status, error: error, now: now, interval: entry.subscription.interval, to: &state, random: &random)
        // Storing the fetch ends its lease.
        state.leasedUntil = nil
        if entry.dropped {
            entries[id] = nil
        } else {
            entry.subscription.fetch = state
            entry.host = Self.hostKey(entry.subscription)
            entries[id] = entry
        }
        return state
    }

    /// The subscription as the scheduler now sees it (with the state `finished` computed).
    public func subscription(_ id: Int64) -> Subscription? {
        entries[id].flatMap { $0.dropped ? nil : $0.subscription }
    }

    /// Whether a fetch of `id` is running.
    public func isInFlight(_ id: Int64) -> Bool {
        entries[id]?.inFlight ?? false
    }

    /// The seconds between polls of a healthy feed: the editor's interval, never
    /// below what the feed asks for (itself capped by `feedMinimumCap`).
    public func effectiveInterval(of subscription: Subscription) -> TimeInterval {
        effectiveInterval(editor: subscription.interval, feedMinimum: subscription.fetch.feedMinimumInterval)
    }

    /// The delay before retrying after `failures` failures in a row (no jitter,
    /// no `Retry-After`), for a feed whose healthy interval is `interval` seconds.
    public func backoffDelay(failures: Int, interval: TimeInterval) -> TimeInterval {
        // Grow from the feed's own interval so that a failing feed is never asked
        // more often than a healthy one; `backoffBase` only matters for feeds
        // polled faster than it (tests poll every second).
        let unit = max(policy.backoffBase, interval)
        let doublings = min(max(0, failures - 1), 40)  // 2^40 × 1 s already exceeds any cap
        let grown = min(policy.backoffCap, unit * Double(UInt64(1) << UInt64(doublings)))
        return max(interval, grown)
    }
}

// MARK: - Private

extension PollScheduler {
    private struct Entry: Sendable {
        var subscription: Subscription
        /// The host whose slot a running fetch holds (lowercased).
        var host: String
        var inFlight: Bool
        /// No longer loaded; kept only until its running fetch finishes.
        var dropped: Bool

        /// Neither running, dropped nor gone: it waits for its due time.
        var isWaiting: Bool { !inFlight && !dropped && !subscription.fetch.gone }

        /// Another poller holds it for a fetch at `clock`.
        func isLeasedElsewhere(at clock: Date) -> Bool {
            subscription.fetch.leasedUntil.map { $0 > clock } ?? false
        }
    }

    /// Gives back the global and per-host slots a started fetch held.
    private mutating func freeSlot(host: String) {
        inFlightCount -= 1
        runningPerHost[host, default: 1] -= 1
        if runningPerHost[host] == 0 { runningPerHost[host] = nil }
    }

    /// SplitMix64's finalizer: spreads `value` over all 64 bits.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The per-host key: the lowercased host name; a URL without a host
    /// (`file:`) is limited only by the global limit.
    private static func hostKey(_ subscription: Subscription) -> String {
        if let host = subscription.url.host, !host.isEmpty { return host.lowercased() }
        return "#\(subscription.id)"
    }

    private func effectiveInterval(editor: Int, feedMinimum: Int?) -> TimeInterval {
        max(TimeInterval(max(1, editor)), feedFloor(feedMinimum))
    }

    /// What the feed asks for, clamped to `feedMinimumCap`; 0 when it asks for nothing.
    private func feedFloor(_ feedMinimum: Int?) -> TimeInterval {
        min(policy.feedMinimumCap, TimeInterval(max(0, feedMinimum ?? 0)))
    }

    /// `seconds` moved by up to ±`jitter` of itself.
    private func jittered(_ seconds: TimeInterval, random: inout some RandomNumberGenerator) -> TimeInterval {
        guard policy.jitter > 0 else { return seconds }
        return seconds * (1 + Double.random(in: -policy.jitter...policy.jitter, using: &random))
    }

    private func apply(
        _ result: FetchResult, status: Int?, error: String?, now: Date, interval: Int, to state: inout FetchState,
        random: inout some RandomNumberGenerator
    ) {
        state.lastAttempt = now
        state.lastError = error
        switch result {
        case .updated(let minimum):
            state.feedMinimumInterval = minimum
            state.lastStatus = status ?? 200
            succeeded(now: now, interval: interval, state: &state, random: &random)
        case .notModified(let minimum):
            if let minimum { state.feedMinimumInterval = minimum }
            state.lastStatus = status ?? 304
            succeeded(now: now, interval: interval, state: &state, random: &random)
        case .gone:
            // RFC 9110 §15.5.11: "the target resource is no longer available … and
            // this condition is likely to be permanent". nextDue stays as it was.
            state.gone = true
            state.lastStatus = status ?? 410
            state.consecutiveFailures += 1
        case .rejected:
            state.lastStatus = status
            failed(retryAfter: nil, now: now, interval: interval, state: &state, random: &random)
        case .serverError(let retryAfter):
            state.lastStatus = status
            failed(retryAfter: retryAfter, now: now, interval: interval, state: &state, random: &random)
        case .networkError:
            state.lastStatus = status ?? 0
            failed(retryAfter: nil, now: now, interval: interval, state: &state, random: &random)
        }
    }

    private func succeeded(now: Date, interval: Int, state: inout FetchState, random: inout some RandomNumberGenerator) {
        state.consecutiveFailures = 0
        state.lastSuccess = now
        let healthy = effectiveInterval(editor: interval, feedMinimum: state.feedMinimumInterval)
        // Jitter may shorten the editor's interval, never what the feed asked for.
        let delay = max(feedFloor(state.feedMinimumInterval), jittered(healthy, random: &random))
        state.nextDue = now.addingTimeInterval(delay)
    }

    private func failed(
        retryAfter: Date?, now: Date, interval: Int, state: inout FetchState, random: inout some RandomNumberGenerator
    ) {
        state.consecutiveFailures += 1
        let healthy = effectiveInterval(editor: interval, feedMinimum: state.feedMinimumInterval)
        let backoff = backoffDelay(failures: state.consecutiveFailures, interval: healthy)
        // The cap is a ceiling for the jitter too (unless the healthy interval is longer).
        let ceiling = max(policy.backoffCap, healthy)
        let delay = max(feedFloor(state.feedMinimumInterval), min(ceiling, jittered(backoff, random: &random)))
        var due = now.addingTimeInterval(delay)
        // RFC 9110 §10.2.3: Retry-After is how long to wait at least. A date past
        // the cap is clamped, so one misconfigured header cannot silence a partner.
        if let retryAfter {
            let honored = min(retryAfter, now.addingTimeInterval(policy.retryAfterCap))
            if honored > due { due = honored }
        }
        state.nextDue = due
    }
}

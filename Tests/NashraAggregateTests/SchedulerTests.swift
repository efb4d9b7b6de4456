import Foundation
import NashraAggregate
import NashraModel
import NashraTestSupport
import Testing

/// The poll scheduler stepped through fake instants: nothing here sleeps.
@Suite struct SchedulerTests {
    /// An arbitrary fixed instant (2025-02-19T21:20:00Z).
    static let t0 = Date(timeIntervalSince1970: 1_740_000_000)
    /// No jitter, so that delays are exact.
    static let exact = SchedulePolicy(jitter: 0)

    static func feed(
        _ id: Int64, host: String = "example.ma", interval: Int = 900, due: Date = t0, feedMinimum: Int? = nil, failures: Int = 0
    ) -> Subscription {
        Subscription(
            id: id, url: URL(string: "https://\(host)/feed-\(id).xml")!, interval: interval,
            fetch: FetchState(consecutiveFailures: failures, nextDue: due, feedMinimumInterval: feedMinimum))
    }

    static func ids(_ subscriptions: [Subscription]) -> [Int64] { subscriptions.map(\.id) }

    // MARK: Due times and intervals

    @Test func notDueIsNotStartable() {
        var scheduler = PollScheduler(policy: Self.exact, tieBreak: nil)
        scheduler.load([Self.feed(1, due: Self.t0 + 60)])
        #expect(scheduler.startable(now: Self.t0).isEmpty)
        #expect(scheduler.startable(now: Self.t0 + 59.999).isEmpty)
        #expect(scheduler.nextWakeUp() == Self.t0 + 60)
        #expect(Self.ids(scheduler.startable(now: Self.t0 + 60)) == [1])
        // Started once: not handed out again while it runs.
        #expect(scheduler.startable(now: Self.t0 + 61).isEmpty)
        #expect(scheduler.inFlightCount == 1)
        #expect(scheduler.nextWakeUp() == nil)
    }

    @Test func intervalIsRespected() {
        var scheduler = PollScheduler(policy: Self.exact, tieBreak: nil)
        var random = SeededRandom(seed: 1)
        scheduler.load([Self.feed(1, interval: 900)])
        #expect(Self.ids(scheduler.startable(now: Self.t0)) == [1])
        let done = Self.t0 + 5
        let state = scheduler.finished(1, result: .updated(minimumInterval: nil), status: 200, error: nil, now: done, random: &random)
        #expect(state.nextDue == done + 900)
        #expect(state.lastAttempt == done)
        #expect(state.lastSuccess == done)
        #expect(state.lastStatus == 200)
        #expect(state.consecutiveFailures == 0)
        #expect(scheduler.inFlightCount == 0)
        #expect(scheduler.nextWakeUp() == done + 900)
        #expect(scheduler.startable(now: done + 899).isEmpty)
        #expect(Self.ids(scheduler.startable(now: done + 900)) == [1])
    }

    @Test func intervalNeverGoesBelowTheFeedsMinimum() {
        // The editor asks for every minute; the feed's ttl says one hour. Jitter
        // may not pull the hour in, even by a second, over many draws.
        var scheduler = PollScheduler(policy: SchedulePolicy(jitter: 0.1), tieBreak: nil)
        var random = SeededRandom(seed: 7)
        scheduler.load([Self.feed(1, interval: 60)])
        var now = Self.t0
        for round in 0..<200 {
            #expect(Self.ids(scheduler.startable(now: now)) == [1], "round \(round)")
            let result: FetchResult = round.isMultiple(of: 2) ? .updated(minimumInterval: 3600) : .notModified(minimumInterval: nil)
            let state = scheduler.finished(1, result: result, status: 200, error: nil, now: now, random: &random)
            let delay = state.nextDue.timeIntervalSince(now)
            #expect(delay >= 3600 && delay <= 3960, "round \(round): \(delay)")
            #expect(state.feedMinimumInterval == 3600, "a 304 keeps what the last 200 asked for")
            now = state.nextDue
        }
        // The feed stops asking: back to the editor's minute.
        _ = scheduler.startable(now: now)
        let state = scheduler.finished(1, result: .updated(minimumInterval: nil), status: 200, error: nil, now: now, random: &random)
        #expect(state.nextDue.timeIntervalSince(now) <= 66)
        #expect(state.feedMinimumInterval == nil)
    }

    @Test func aFeedMinimumIsCappedAndAnEditorIntervalIsNot() {
        let scheduler = PollScheduler(policy: SchedulePolicy(feedMinimumCap: 86_400), tieBreak: nil)
        // A ttl of a year (found in the wild) slows polling to once a day, not once a year.
        #expect(scheduler.effectiveInterval(of: Self.feed(1, interval: 900, feedMinimum: 31_536_000)) == 86_400)
        #expect(scheduler.effectiveInterval(of: Self.feed(2, interval: 172_800, feedMinimum: 60)) == 172_800)
        #expect(scheduler.effectiveInterval(of: Self.feed(3, interval: 1)) == 1)
    }

    // MARK: Jitter

    /// Delays of `rounds` successful polls of a 15-minute feed under `seed`.
    static func successDelays(seed: UInt64, rounds: Int = 500) -> [TimeInterval] {
        var scheduler = PollScheduler(policy: SchedulePolicy(jitter: 0.1), tieBreak: nil)
        var random = SeededRandom(seed: seed)
        scheduler.load([feed(1, interval: 900)])
        var now = t0
        var delays: [TimeInterval] = []
        for _ in 0..<rounds {
            _ = scheduler.startable(now: now)
            let state = scheduler.finished(1, result: .notModified(minimumInterval: nil), status: 304, error: nil, now: now, random: &random)
            delays.append(state.nextDue.timeIntervalSince(now))
            now = state.nextDue
        }
        return delays
    }

    @Test func jitterStaysWithinBoundsAndSpreads() throws {
        let delays = Self.successDelays(seed: 42)
        #expect(delays.allSatisfy { $0 >= 810 && $0 <= 990 }, "\(delays.filter { $0 < 810 || $0 > 990 })")
        let low = try #require(delays.min())
        let high = try #require(delays.max())
        // 500 uniform draws over ±90 s reach close to both ends.
        #expect(low < 820 && high > 980, "\(low)…\(high)")
        #expect(Set(delays).count > 400)
    }

    @Test func jitterIsDeterministicUnderASeededGenerator() {
        #expect(Self.successDelays(seed: 42) == Self.successDelays(seed: 42))
        #expect(Self.successDelays(seed: 42) != Self.successDelays(seed: 43))
    }

    @Test func backoffJitterStaysWithinBoundsAndUnderTheCap() {
        let policy = SchedulePolicy(jitter: 0.1, backoffBase: 60, backoffCap: 3600)
        var scheduler = PollScheduler(policy: policy, tieBreak: nil)
        var random = SeededRandom(seed: 9)
        scheduler.load([Self.feed(1, interval: 60)])
        var now = Self.t0
        for failures in 1...30 {
            _ = scheduler.startable(now: now)
            let state = scheduler.finished(1, result: .networkError, status: nil, error: "timeout", now: now, random: &random)
            let delay = state.nextDue.timeIntervalSince(now)
            let expected = min(3600, 60 * pow(2, Double(failures - 1)))
            #expect(delay >= expected * 0.9 && delay <= min(3600, expected * 1.1), "failure \(failures): \(delay)")
            now = state.nextDue
        }
    }

    // MARK: Concurrency limits

    @Test func atMostTwoAtOnceOnOneHost() {
        var scheduler = PollScheduler(policy: SchedulePolicy(globalConcurrency: 16, perHostConcurrency: 2, jitter: 0), tieBreak: nil)
        var random = SeededRandom(seed: 1)
        // Three partner feeds on one host, due one second apart, and one elsewhere.
        scheduler.load([
            Self.feed(1, host: "example.ma", due: Self.t0),
            Self.feed(2, host: "EXAMPLE.ma", due: Self.t0 + 1),
            Self.feed(3, host: "example.ma", due: Self.t0 + 2),
            Self.feed(4, host: "example.org", due: Self.t0 + 3),
        ])
        let now = Self.t0 + 10
        #expect(Self.ids(scheduler.startable(now: now)) == [1, 2, 4])
        #expect(scheduler.inFlightCount == 3)
        // The third waits for a slot on its host, not for a time: no wake-up to sleep until.
        #expect(scheduler.startable(now: now + 1).isEmpty)
        #expect(scheduler.nextWakeUp() == nil)
        _ = scheduler.finished(4, result: .updated(minimumInterval: nil), status: 200, error: nil, now: now + 2, random: &random)
        #expect(scheduler.startable(now: now + 2).isEmpty, "a slot on another host does not help")
        _ = scheduler.finished(2, result: .updated(minimumInterval: nil), status: 200, error: nil, now: now + 3, random: &random)
        #expect(scheduler.nextWakeUp() == Self.t0 + 2)
        #expect(Self.ids(scheduler.startable(now: now + 3)) == [3])
        #expect(scheduler.isInFlight(1) && scheduler.isInFlight(3) && !scheduler.isInFlight(2))
    }

    @Test func globalLimitHoldsAcrossHosts() {
        var scheduler = PollScheduler(policy: SchedulePolicy(globalConcurrency: 3, jitter: 0), tieBreak: nil)
        var random = SeededRandom(seed: 1)
        scheduler.load((1...5).map { Self.feed(Int64($0), host: "partner\($0).example.ma", due: Self.t0 + Double($0)) })
        let now = Self.t0 + 60
        #expect(Self.ids(scheduler.startable(now: now)) == [1, 2, 3], "oldest due first")
        #expect(scheduler.inFlightCount == 3)
        #expect(scheduler.startable(now: now).isEmpty)
        #expect(scheduler.nextWakeUp() == nil, "full: only a completion frees a slot")
        _ = scheduler.finished(2, result: .rejected, status: 404, error: "not found", now: now, random: &random)
        #expect(Self.ids(scheduler.startable(now: now)) == [4])
        _ = scheduler.finished(1, result: .networkError, status: nil, error: "refused", now: now, random: &random)
        _ = scheduler.finished(3, result: .gone, status: 410, error: nil, now: now, random: &random)
        #expect(Self.ids(scheduler.startable(now: now)) == [5])
        #expect(scheduler.inFlightCount == 2)
    }

    @Test func defaultPolicyStartsSixteenAtMost() {
        var scheduler = PollScheduler(tieBreak: nil)
        scheduler.load((1...40).map { Self.feed(Int64($0), host: "p\($0).example.com") })
        #expect(scheduler.startable(now: Self.t0).count == 16)
        #expect(scheduler.inFlightCount == 16)
    }

    // MARK: Failures

    /// Fails feed 1 `count` times in a row, each time when it is next due; returns the delays.
    static func failingDelays(
        _ scheduler: inout PollScheduler, count: Int, result: FetchResult = .serverError(retryAfter: nil), status: Int = 500
    ) -> [TimeInterval] {
        var random = SeededRandom(seed: 3)
        var now = scheduler.subscription(1)!.fetch.nextDue
        var delays: [TimeInterval] = []
        for _ in 0..<count {
            #expect(Self.ids(scheduler.startable(now: now)) == [1])
            let state = scheduler.finished(1, result: result, status: status, error: "HTTP \(status)", now: now, random: &random)
            delays.append(state.nextDue.timeIntervalSince(now))
            now = state.nextDue
        }
        return delays
    }

    @Test func backoffDoublesAndCaps() {
        var scheduler = PollScheduler(policy: SchedulePolicy(jitter: 0, backoffBase: 60, backoffCap: 600), tieBreak: nil)
        scheduler.load([Self.feed(1, interval: 30)])
        let delays = Self.failingDelays(&scheduler, count: 7)
        #expect(delays == [60, 120, 240, 480, 600, 600, 600])
        #expect(scheduler.subscription(1)?.fetch.consecutiveFailures == 7)
        #expect(scheduler.subscription(1)?.fetch.lastStatus == 500)
        #expect(scheduler.subscription(1)?.fetch.lastError == "HTTP 500")
    }

    @Test func backoffNeverAsksMoreOftenThanAHealthyFeed() {
        // A 15-minute feed that starts failing is retried after 15, 30, 60 … minutes, up to 6 hours.
        var scheduler = PollScheduler(policy: Self.exact, tieBreak: nil)
        scheduler.load([Self.feed(1, interval: 900)])
        #expect(Self.failingDelays(&scheduler, count: 7, result: .rejected, status: 404) == [900, 1800, 3600, 7200, 14_400, 21_600, 21_600])
        // A daily feed is never retried more often than daily.
        var daily = PollScheduler(policy: Self.exact, tieBreak: nil)
        daily.load([Self.feed(1, interval: 86_400)])
        #expect(Self.failingDelays(&daily, count: 3, result: .networkError, status: 0) == [86_400, 86_400, 86_400])
    }

    @Test func backoffDelayDoesNotOverflow() {
        let scheduler = PollScheduler(policy: SchedulePolicy(backoffBase: 60, backoffCap: 3600), tieBreak: nil)
        #expect(scheduler.backoffDelay(failures: 0, interval: 1) == 60)
        #expect(scheduler.backoffDelay(failures: 1, interval: 1) == 60)
        #expect(scheduler.backoffDelay(failures: 10_000, interval: 1) == 3600)
        #expect(scheduler.backoffDelay(failures: Int.max, interval: 1) == 3600)
    }

    @Test func networkErrorsBackOffAndRecordNoStatus() {
        var scheduler = PollScheduler(policy: SchedulePolicy(jitter: 0, backoffBase: 60, backoffCap: 600), tieBreak: nil)
        var random = SeededRandom(seed: 1)
        scheduler.load([Self.feed(1, interval: 10)])
        _ = scheduler.startable(now: Self.t0)
        let state = scheduler.finished(1, result: .networkError, status: nil, error: "connection refused", now: Self.t0, random: &random)
        #expect(state.lastStatus == 0)
        #expect(state.lastError == "connection refused")
        #expect(state.consecutiveFailures == 1)
        #expect(state.nextDue == Self.t0 + 60)
        #expect(state.lastSuccess == nil)
    }

    @Test func retryAfterBeatsBackoff() {
        var scheduler = PollScheduler(policy: SchedulePolicy(jitter: 0.1, backoffBase: 60, backoffCap: 3600), tieBreak: nil)
        var random = SeededRandom(seed: 5)
        scheduler.load([Self.feed(1, interval: 60)])
        // 429 with Retry-After two hours away: backoff alone would say about a minute.
        _ = scheduler.startable(now: Self.t0)
        let later = Self.t0 + 7200
        var state = scheduler.finished(1, result: .serverError(retryAfter: later), status: 429, error: nil, now: Self.t0, random: &random)
        #expect(state.nextDue == later)
        #expect(state.lastStatus == 429)
        #expect(scheduler.startable(now: later - 1).isEmpty)
        #expect(Self.ids(scheduler.startable(now: later)) == [1])

        // 503 with a Retry-After sooner than the backoff: the backoff still holds (Retry-After is a minimum).
        state = scheduler.finished(1, result: .serverError(retryAfter: later + 1), status: 503, error: nil, now: later, random: &random)
        #expect(state.consecutiveFailures == 2)
        #expect(state.nextDue.timeIntervalSince(later) >= 108 && state.nextDue.timeIntervalSince(later) <= 132)

        // Retry-After in a month is clamped to a day.
        let next = state.nextDue
        _ = scheduler.startable(now: next)
        state = scheduler.finished(
            1, result: .serverError(retryAfter: next + 30 * 86_400), status: 503, error: nil, now: next, random: &random)
        #expect(state.nextDue == next + 86_400)
    }

    @Test func goneIsNeverPolledAgain() {
        var scheduler = PollScheduler(policy: Self.exact, tieBreak: nil)
        var random = SeededRandom(seed: 1)
        scheduler.load([Self.feed(1), Self.feed(2, host: "example.org", due: Self.t0 + 100)])
        #expect(Self.ids(scheduler.startable(now: Self.t0)) == [1])
        let state = scheduler.finished(1, result: .gone, status: 410, error: "Gone", now: Self.t0, random: &random)
        #expect(state.gone)
        #expect(state.lastStatus == 410)
        #expect(scheduler.nextWakeUp() == Self.t0 + 100)
        let farFuture = Self.t0 + 10 * 365 * 86_400
        #expect(Self.ids(scheduler.startable(now: farFuture)) == [2])
        // Reloaded from the store, it stays stopped.
        var reloaded = PollScheduler(policy: Self.exact, tieBreak: nil)
        reloaded.load([Subscription(id: 1, url: URL(string: "https://example.ma/feed-1.xml")!, fetch: state)])
        #expect(reloaded.startable(now: farFuture).isEmpty)
        #expect(reloaded.nextWakeUp() == nil)
    }

    @Test func successAfterFailuresResets() {
        var scheduler = PollScheduler(policy: Self.exact, tieBreak: nil)
        var random = SeededRandom(seed: 1)
        scheduler.load([Self.feed(1, interval: 900)])
        _ = Self.failingDelays(&scheduler, count: 3)
        let now = scheduler.subscription(1)!.fetch.nextDue
        #expect(Self.ids(scheduler.startable(now: now)) == [1])
        let state = scheduler.finished(1, result: .updated(minimumInterval: nil), status: 200, error: nil, now: now, random: &random)
        #expect(state.consecutiveFailures == 0)
        #expect(state.lastSuccess == now)
        #expect(state.lastError == nil)
        #expect(state.nextDue == now + 900)
        // The next failure starts the back-off from the beginning.
        #expect(Self.failingDelays(&scheduler, count: 1) == [900])
    }

    @Test func failuresLoadedFromTheStoreContinueTheBackoff() {
        var scheduler = PollScheduler(policy: Self.exact, tieBreak: nil)
        scheduler.load([Self.feed(1, interval: 900, failures: 3)])
        #expect(Self.failingDelays(&scheduler, count: 1) == [7200])
    }

    @Test func validatorsAreCarriedOver() {
        var scheduler = PollScheduler(policy: Self.exact, tieBreak: nil)
        var random = SeededRandom(seed: 1)
        var subscription = Self.feed(1)
        subscription.fetch.etag = "\"abc\""
        subscription.fetch.lastModified = "Thu, 13 Feb 2025 12:12:00 GMT"
        scheduler.load([subscription])
        _ = scheduler.startable(now: Self.t0)
        let state = scheduler.finished(1, result: .notModified(minimumInterval: nil), status: 304, error: nil, now: Self.t0, random: &random)
        #expect(state.etag == "\"abc\"")
        #expect(state.lastModified == "Thu, 13 Feb 2025 12:12:00 GMT")
        #expect(state.lastStatus == 304)
    }

    // MARK: Reloading

    @Test func reloadKeepsRunningFetchesInTheirSlots() {
        var scheduler = PollScheduler(policy: Self.exact, tieBreak: nil)
        var random = SeededRandom(seed: 1)
        scheduler.load([Self.feed(1), Self.feed(2)])
        #expect(Self.ids(scheduler.startable(now: Self.t0)) == [1, 2])
        // `feeds remove` dropped 2 and `feeds add` brought 3 while both ran.
        scheduler.load([Self.feed(1), Self.feed(3)])
        #expect(scheduler.inFlightCount == 2)
        #expect(scheduler.startable(now: Self.t0).isEmpty, "the host's two slots are still taken")
        _ = scheduler.finished(2, result: .updated(minimumInterval: nil), status: 200, error: nil, now: Self.t0, random: &random)
        #expect(scheduler.subscription(2) == nil)
        #expect(Self.ids(scheduler.startable(now: Self.t0)) == [3])
        #expect(scheduler.isInFlight(1))
    }

    @Test func policyClampsNonsense() {
        let policy = SchedulePolicy(globalConcurrency: 0, perHostConcurrency: -1, jitter: 5, backoffBase: 0, backoffCap: -1)
        #expect(policy.globalConcurrency == 1)
        #expect(policy.perHostConcurrency == 1)
        #expect(policy.jitter == 0.5)
        #expect(policy.backoffBase == 1)
        #expect(policy.backoffCap == 1)
        #expect(SchedulePolicy(jitter: .nan).jitter == 0)
    }
}

import Foundation
import NashraAggregate
import NashraModel
import Testing

/// The scheduler's side of several pollers sharing one store: leases other pollers hold, and
/// feeds due at the same instant taken in a different order by each poller.
@Suite struct SchedulerSharingTests {
    static let t0 = SchedulerTests.t0

    static func feeds(_ count: Int) -> [Subscription] {
        (1...Int64(count)).map { SchedulerTests.feed($0, host: "h\($0).example.ma") }
    }

    @Test func pollersOrderAFirstPassDifferently() {
        var first = PollScheduler(policy: SchedulePolicy(globalConcurrency: 16, jitter: 0), tieBreak: 1)
        var second = PollScheduler(policy: SchedulePolicy(globalConcurrency: 16, jitter: 0), tieBreak: 2)
        first.load(Self.feeds(400))
        second.load(Self.feeds(400))
        let a = Set(SchedulerTests.ids(first.startable(now: Self.t0)))
        let b = Set(SchedulerTests.ids(second.startable(now: Self.t0)))
        #expect(a.count == 16 && b.count == 16)
        // 16 of 400 each: drawn independently, they share about one feed; never most of them.
        #expect(a.intersection(b).count <= 4, "\(a.intersection(b))")
        // Without a seed, the same instant means id order (repeatable for tests).
        var plain = PollScheduler(policy: SchedulePolicy(globalConcurrency: 3, jitter: 0), tieBreak: nil)
        plain.load(Self.feeds(10))
        #expect(SchedulerTests.ids(plain.startable(now: Self.t0)) == [1, 2, 3])
        // The due time still comes first.
        var seeded = PollScheduler(policy: SchedulePolicy(globalConcurrency: 1, jitter: 0), tieBreak: 7)
        seeded.load(Self.feeds(10) + [SchedulerTests.feed(99, host: "early.example.ma", due: Self.t0 - 60)])
        #expect(SchedulerTests.ids(seeded.startable(now: Self.t0)) == [99])
    }

    @Test func aFeedAnotherPollerHoldsWaitsForItsLease() {
        var scheduler = PollScheduler(policy: SchedulePolicy(jitter: 0), tieBreak: nil)
        var held = SchedulerTests.feed(1)
        held.fetch.leasedUntil = Self.t0 + 30
        scheduler.load([held, SchedulerTests.feed(2, host: "other.example.ma")])
        #expect(SchedulerTests.ids(scheduler.startable(now: Self.t0)) == [2])
        #expect(scheduler.leaseWaitEnds(dueBy: Self.t0) == Self.t0 + 30)
        // `poll --once` counts due by the pass's start, leases by the clock.
        #expect(scheduler.startable(now: Self.t0, clock: Self.t0 + 29).isEmpty)
        #expect(SchedulerTests.ids(scheduler.startable(now: Self.t0, clock: Self.t0 + 30)) == [1])
    }

    @Test func aRefusedFeedFreesItsSlotAndTakesTheStoredState() {
        var scheduler = PollScheduler(policy: SchedulePolicy(globalConcurrency: 1, jitter: 0), tieBreak: nil)
        scheduler.load(Self.feeds(2))
        #expect(SchedulerTests.ids(scheduler.startable(now: Self.t0)) == [1])
        // Another poller fetched feed 1 meanwhile: it is due again in 15 minutes.
        var fetchedElsewhere = SchedulerTests.feed(1, host: "h1.example.ma", due: Self.t0 + 900)
        fetchedElsewhere.fetch.etag = "\"other\""
        scheduler.refused(1, current: fetchedElsewhere)
        #expect(scheduler.inFlightCount == 0)
        #expect(SchedulerTests.ids(scheduler.startable(now: Self.t0)) == [2])
        #expect(scheduler.subscription(1)?.fetch.etag == "\"other\"")
        // Removed from the store while refused: forgotten.
        scheduler.refused(2, current: nil)
        #expect(scheduler.subscription(2) == nil)
        #expect(scheduler.nextWakeUp() == Self.t0 + 900)
    }
}

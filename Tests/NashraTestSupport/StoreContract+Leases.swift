import Foundation
import NashraModel
import NashraStore

/// The lease part of the store contract: pollers sharing one store each fetch a due feed once.
extension StoreContract {
    static let leaseChecks: [(String, Check)] = [
        ("aDueFeedIsLeasedToOnePoller", aDueFeedIsLeasedToOnePoller),
        ("concurrentPollersNeverShareAFeed", concurrentPollersNeverShareAFeed),
    ]

    static func lease(_ store: any Store, _ ids: [Int64], holder: String, at now: Date, dueBy: Date? = nil, seconds: Double = 60)
        async throws -> LeaseOutcome
    {
        try await store.leaseSubscriptions(
            LeaseRequest(subscriptionIDs: ids, holder: holder, dueBy: dueBy ?? now, now: now, until: now.addingTimeInterval(seconds)))
    }

    static func aDueFeedIsLeasedToOnePoller(_ store: any Store) async throws -> [String] {
        var problems: [String] = []
        let now = Date()
        var subscriptions: [Subscription] = []
        for name in ["a", "b", "c"] {
            subscriptions.append(try await store.addSubscription(NewSubscription(url: URL(string: "https://\(name).example.ma/rss")!)).0)
        }
        let ids = subscriptions.map(\.id)
        let first = try await lease(store, ids, holder: "poller-1", at: now)
        if first.leased.map(\.id) != ids { problems.append("a first poller leased \(first.leased.map(\.id)) of \(ids)") }
        let second = try await lease(store, ids, holder: "poller-2", at: now)
        if !second.leased.isEmpty { problems.append("a second poller leased \(second.leased.map(\.id)) while the first holds them") }
        if second.refused.contains(where: { $0.fetch.leasedUntil == nil }) { problems.append("a refused lease does not say until when it is held") }

        // The first poller applies a's fetch: its lease ends and it is no longer due.
        _ = try await store.applyFetch(fetch(subscriptions[0], []))
        let afterFetch = try await lease(store, [ids[0]], holder: "poller-2", at: now.addingTimeInterval(120))
        if !afterFetch.leased.isEmpty { problems.append("a feed fetched by another poller was leased again before it was due") }
        if afterFetch.refused.first?.fetch.leasedUntil != nil { problems.append("applying a fetch did not end its lease") }

        // The first poller dies holding b and c: once the lease ends, another poller takes them.
        let stillHeld = try await lease(store, [ids[1]], holder: "poller-2", at: now.addingTimeInterval(30))
        if !stillHeld.leased.isEmpty { problems.append("a lease was taken over before it ended") }
        let expired = try await lease(store, [ids[1], ids[2]], holder: "poller-2", at: now.addingTimeInterval(61))
        if expired.leased.map(\.id) != [ids[1], ids[2]] { problems.append("expired leases were not taken over: \(expired.leased.map(\.id))") }

        // Not due by the pass's start, or removed: refused.
        let notDue = try await lease(store, [ids[0]], holder: "poller-3", at: now.addingTimeInterval(2000), dueBy: now)
        if !notDue.leased.isEmpty { problems.append("a feed due after the pass began was leased") }
        _ = try await store.removeSubscription(url: subscriptions[2].url)
        let removed = try await lease(store, [ids[2]], holder: "poller-3", at: now.addingTimeInterval(200))
        if !removed.leased.isEmpty || !removed.refused.isEmpty { problems.append("a removed subscription came back: \(removed)") }
        return problems
    }

    static func concurrentPollersNeverShareAFeed(_ store: any Store) async throws -> [String] {
        var added: [Int64] = []
        for n in 0..<60 {
            added.append(try await store.addSubscription(NewSubscription(url: URL(string: "https://feeds.example.ma/\(n)")!)).0.id)
        }
        let ids = added
        let now = Date()
        // Four pollers ask for the same feeds at once, in batches, as `poll` does.
        let leased = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for poller in 0..<4 {
                group.addTask {
                    var mine: [Int64] = []
                    for batch in stride(from: 0, to: ids.count, by: 8) {
                        let outcome = try await lease(store, Array(ids[batch..<min(ids.count, batch + 8)]), holder: "poller-\(poller)", at: now)
                        mine += outcome.leased.map(\.id)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [Int64]()) { $0 += $1 }
        }
        var problems: [String] = []
        if leased.count != ids.count || Set(leased) != Set(ids) {
            problems.append("4 pollers leased \(leased.count) feeds (\(Set(leased).count) distinct) of \(ids.count)")
        }
        return problems
    }
}

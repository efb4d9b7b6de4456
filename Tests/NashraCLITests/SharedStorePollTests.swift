import Foundation
import NashraTestSupport
import Synchronization
import Testing

/// Four `nashra poll` processes sharing one store and 200 partner feeds on a local server:
/// every due feed is fetched once, and when one poller is killed mid-pass the others take its
/// feeds over once their leases end, losing and duplicating nothing.
@Suite(.serialized) struct SharedStorePollTests {
    static let feeds = 200
    static let itemsPerFeed = 3
    static let pollers = 4
    static let leaseSeconds = 5

    @Test(.enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipMessage)))
    func fourPollersOnePostgreSQLStore() async throws {
        try await TestPostgres.withFreshDatabase { url in
            try await Self.runPollers(store: url, killOne: false)
        }
    }

    @Test(.enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipMessage)))
    func aPollerKilledMidPassOnPostgreSQLLosesNothing() async throws {
        try await TestPostgres.withFreshDatabase { url in
            try await Self.runPollers(store: url, killOne: true)
        }
    }

    @Test(arguments: [false, true])
    func fourPollersOneSQLiteFile(killOne: Bool) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try await Self.runPollers(store: dir.appendingPathComponent("nashra.sqlite").path, killOne: killOne)
    }

    /// Subscribes `store` to the feeds, runs the pollers (killing the first mid-pass when `killOne`),
    /// and checks the server's request log and the store.
    static func runPollers(store: String, killOne: Bool) async throws {
        var routes: [String: FixtureRoute] = [:]
        // With a poller to kill, the first two requests (the first poller's, started alone) hang until
        // long after the kill: it dies with those two fetches in flight, whatever the machine's speed.
        let arrivals = Mutex(0)
        for k in 0..<feeds {
            let body = Array(FeedFactory.rss(feed: k, items: itemsPerFeed, host: "p\(k).example.ma").utf8)
            routes["/feed-\(k).xml"] = FixtureRoute { _, _ in
                let arrival = arrivals.withLock { count in
                    count += 1
                    return count
                }
                return FixtureResponse(
                    status: 200, headers: [("Content-Type", "application/rss+xml; charset=utf-8")], body: body,
                    delayBeforeHead: .milliseconds(killOne && arrival <= 2 ? 30_000 : 60))
            }
        }
        let server = try await FixtureHTTPServer.start(routes)
        defer { Task { await server.stop() } }
        let environment = ["NASHRA_FETCH_ALLOW": "127.0.0.1"]
        let opml = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-shared-\(UUID().uuidString).opml")
        defer { try? FileManager.default.removeItem(at: opml) }
        try Data(FeedFactory.opml((0..<feeds).map { server.url("/feed-\($0).xml") }).utf8).write(to: opml)
        let imported = try await NashraBinary.runDetached(["feeds", "import", opml.path, "--store", store], environment: environment)
        #expect(imported.status == 0, "\(imported.stderr)")

        let binary = try #require(NashraBinary.path)
        var processes: [Process] = []
        var logs: [URL] = []
        defer { for log in logs { try? FileManager.default.removeItem(at: log) } }
        for _ in 0..<pollers {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["poll", "--once", "--concurrency", "4", "--lease", "\(leaseSeconds)s", "--store", store]
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = FileHandle.nullDevice
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-poller-\(UUID().uuidString).log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: log)
            logs.append(log)
            processes.append(process)
        }
        // The first poller starts alone, so that it is surely fetching when it is killed.
        try processes[0].run()
        try await waitForRequests(server, count: 2)
        for process in processes.dropFirst() { try process.run() }
        var killedAt: Date?
        if killOne {
            // Mid-pass: some feeds done, the first poller busy with fetches in flight.
            try await waitForRequests(server, count: 12)
            kill(processes[0].processIdentifier, SIGKILL)
            killedAt = Date()
            // `feeds list` shows the two feeds the dead poller still holds as leased.
            let hung = Set(await server.requests.prefix(2).map { server.url($0.path).absoluteString })
            let listed = try await NashraBinary.runDetached(["feeds", "list", "--json", "--store", store]).stdoutText
            let leased = Set(
                listed.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                    .filter { $0["leasedUntil"] is String }.compactMap { $0["url"] as? String })
            #expect(hung.isSubset(of: leased), "feeds held by the killed poller \(hung), listed as leased \(leased.count)")
        }
        let started = processes
        let statuses = try await onOwnThread {
            started.map { process in
                process.waitUntilExit()
                return (process.terminationReason == .exit, process.terminationStatus)
            }
        }
        let survivors = killOne ? Array(statuses.dropFirst()) : statuses
        let stderr = logs.map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }.joined(separator: "\n---\n")
        #expect(survivors.allSatisfy { $0.0 && $0.1 == 0 }, "pollers ended with \(statuses): \(stderr)")
        if killOne { #expect(statuses[0].0 == false, "the first poller was not killed: \(statuses[0])") }

        // The server's log: each feed fetched once; with a poller killed, the fetches it had in
        // flight are fetched again, by another poller, only after their lease ended.
        let requests = await server.requests
        var twice: [Int] = []
        for k in 0..<feeds {
            let times = requests.filter { $0.path == "/feed-\(k).xml" }.map(\.time).sorted()
            if times.count == 2, let killedAt, times[0] <= killedAt {
                twice.append(k)
                let waited = times[1].timeIntervalSince(times[0])
                #expect(waited >= Double(leaseSeconds) - 0.5, "feed \(k) was taken over \(waited) s after its first fetch, before the lease ended")
            } else {
                #expect(times.count == 1, "feed \(k) was fetched \(times.count) times")
            }
        }
        // Exactly the two fetches the killed poller had in flight (its only ones: both host slots hung).
        if killOne { #expect(twice.count == 2, "\(twice.count) feeds fetched twice: \(twice)") }

        // The store: every article once, every feed stored as fetched once.
        let listed = try await NashraBinary.runDetached(["articles", "list", "--json", "--store", store])
        let links = listed.stdoutText.split(separator: "\n").compactMap {
            ((try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["article"] as? [String: Any])?["url"] as? String
        }
        #expect(links.count == feeds * itemsPerFeed, "stored \(links.count) articles, expected \(feeds * itemsPerFeed)")
        #expect(Set(links).count == links.count, "duplicate articles stored")
        let subscriptions = try await NashraBinary.runDetached(["feeds", "list", "--json", "--store", store]).stdoutText
            .split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(subscriptions.count == feeds)
        let notFetched = subscriptions.filter { $0["lastStatus"] as? Int != 200 }
        #expect(notFetched.isEmpty, "\(notFetched.count) feeds were not fetched: \(notFetched.prefix(3))")

        // The pollers took turns computing related lists; whichever refreshed last took the others'
        // articles too, so every article has its list (read from the store, not recomputed).
        if !killOne {
            let sql = "SELECT COUNT(*) FROM article a WHERE NOT EXISTS (SELECT 1 FROM relatedList l WHERE l.articleID = a.id)"
            let run =
                store.hasPrefix("postgres")
                ? try ExternalTool.run("/usr/bin/env", ["psql", "-qAt", store, "-c", sql])
                : try ExternalTool.run("/usr/bin/env", ["python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])", store, sql])
            #expect(run.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "articles without a related list: \(run.stdoutText) \(run.stderr); the pollers said: \(stderr)")
        }
    }

    static func waitForRequests(_ server: FixtureHTTPServer, count: Int) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while await server.requests.count < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

import Foundation
import NashraTestSupport
import Testing

/// `nashra poll` killed with SIGKILL in the middle of a pass, then run again:
/// nothing lost, nothing duplicated, the store opens cleanly.
@Suite(.serialized) struct PollCrashTests {
    @Test func killedMidPassThenRerunLosesAndDuplicatesNothing() async throws {
        let feeds = 40
        let itemsPerFeed = 5
        var routes: [String: FixtureRoute] = [:]
        for k in 0..<feeds {
            let body = Array(FeedFactory.rss(feed: k, items: itemsPerFeed).utf8)
            routes["/feed-\(k).xml"] = FixtureRoute { _, _ in
                FixtureResponse(
                    status: 200, headers: [("Content-Type", "application/rss+xml; charset=utf-8")], body: body,
                    delayBeforeHead: .milliseconds(250))
            }
        }
        let server = try await FixtureHTTPServer.start(routes)
        defer { Task { await server.stop() } }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("nashra.sqlite").path
        let environment = ["NASHRA_FETCH_ALLOW": "127.0.0.1"]
        let opml = dir.appendingPathComponent("partners.opml")
        try Data(FeedFactory.opml((0..<feeds).map { server.url("/feed-\($0).xml") }).utf8).write(to: opml)
        let imported = try await NashraBinary.runDetached(["feeds", "import", opml.path, "--store", store], environment: environment)
        #expect(imported.status == 0, "\(imported.stderr)")

        // First pass, killed while fetches are in flight.
        let binary = try #require(NashraBinary.path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        // The feeds it holds when killed stay leased to it for 3 s; then the rerun takes them.
        process.arguments = ["poll", "--once", "--concurrency", "4", "--lease", "3s", "--store", store]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill once a few feeds are done and others are in flight, however fast the machine is.
        let deadline = ContinuousClock.now + .seconds(20)
        while await server.requests.count < 4, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        try await Task.sleep(for: .milliseconds(300))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let seenBeforeKill = await server.requests.count
        #expect(seenBeforeKill > 0 && seenBeforeKill < feeds, "the kill did not land mid-pass: \(seenBeforeKill) requests")

        // Second pass finishes the job.
        let rerun = try await NashraBinary.runDetached(["poll", "--once", "--concurrency", "4", "--store", store], environment: environment)
        #expect(rerun.status == 0, "\(rerun.stderr)")

        let integrity = try ExternalTool.run(
            "/usr/bin/env", ["python3", "-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])", store])
        #expect(integrity.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")

        let listed = try await NashraBinary.runDetached(["articles", "list", "--json", "--store", store])
        let records = listed.stdoutText.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let links = records.compactMap { ($0["article"] as? [String: Any])?["url"] as? String }
        #expect(links.count == feeds * itemsPerFeed, "stored \(links.count) articles")
        #expect(Set(links).count == links.count, "duplicates stored")

        let subscriptions = try await NashraBinary.runDetached(["feeds", "list", "--json", "--store", store]).stdoutText.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(subscriptions.count == feeds)
        #expect(subscriptions.allSatisfy { $0["lastStatus"] as? Int == 200 })
        // Each feed was fetched once, or twice when the kill caught it in flight.
        let requests = await server.requests
        for k in 0..<feeds {
            let count = requests.filter { $0.path == "/feed-\(k).xml" }.count
            #expect((1...2).contains(count), "feed \(k) fetched \(count) times")
        }
    }
}

/// `nashra poll` without `--once` runs until SIGTERM or SIGINT, then lets the
/// fetches in flight finish and be stored, and exits 0.
@Suite(.serialized) struct PollShutdownTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func signalFinishesInFlightFetchesThenExitsZero(signal: Int32) async throws {
        let body = Array(FeedFactory.rss(feed: 7, items: 3).utf8)
        let server = try await FixtureHTTPServer.start([
            "/slow.xml": FixtureRoute { _, _ in
                FixtureResponse(
                    status: 200, headers: [("Content-Type", "application/rss+xml")], body: body, delayBeforeHead: .milliseconds(1500))
            }
        ])
        defer { Task { await server.stop() } }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-sig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("nashra.sqlite").path
        let environment = ["NASHRA_FETCH_ALLOW": "127.0.0.1"]
        let added = try await NashraBinary.runDetached(
            ["feeds", "add", server.url("/slow.xml").absoluteString, "--every", "1h", "--store", store], environment: environment)
        #expect(added.status == 0, "\(added.stderr)")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(NashraBinary.path))
        process.arguments = ["poll", "--store", store]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Signal while the one fetch is in flight (the server holds its answer 1.5 s).
        let deadline = ContinuousClock.now + .seconds(20)
        while await server.requests.isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(process.processIdentifier, signal)
        let exited = try await onOwnThread {
            process.waitUntilExit()
            return process.terminationStatus
        }
        #expect(process.terminationReason == .exit)
        #expect(exited == 0)
        let listed = try await NashraBinary.runDetached(["articles", "list", "--json", "--store", store])
        #expect(listed.stdoutText.split(separator: "\n").count == 3, "the in-flight fetch was not stored")
        #expect(await server.requests.count == 1, "nothing new starts after the signal")
    }
}

import Foundation
import NashraModel
import NashraTestSupport
import Testing

/// `nashra serve` as a newcomer starts it: no store, no configuration, from the repository root.
@Suite struct ServeCommandTests {
    @Test func aNewCloneServesTheFixtureSiteAndStopsCleanly() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-serve-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = dir.appendingPathComponent("nashra.sqlite").path

        let served = try ServedProcess.start(["serve", "--port", "0", "--watch-seconds", "1", "--store", store])
        defer { served.kill() }
        let process = served.process
        // The port it listens on is printed at start.
        let url = try await served.baseURL()
        #expect(served.printed().contains("a new store with the fixture site"))

        let site = try await Self.get(url + "/feed.rss")
        #expect(site.contains("انعقاد الجمع السنوي للنواب الجهويين"))
        // The fixture partner feeds are polled in the same process; their river fills within seconds.
        var river = ""
        let polled = ContinuousClock.now + .seconds(30)
        while !river.contains("المندوب السامي لقدماء المقاومين يستعرض"), ContinuousClock.now < polled {
            try await Task.sleep(for: .milliseconds(200))
            river = try await Self.get(url + "/partners/feed.rss")
        }
        #expect(river.contains("المندوب السامي لقدماء المقاومين يستعرض"), "\(river.prefix(600))")
        let health = try await Self.get(url + "/healthz")
        #expect(health.contains("\"status\":\"ok\""))

        // An article imported by another process shows within the watch interval.
        let record = dir.appendingPathComponent("late.ndjson")
        try Data(#"{"id": "late", "url": "https://example.ma/late", "title": "خبر أضيف من عملية أخرى", "published": "2025-03-20T10:00:00+00:00"}"#.utf8)
            .write(to: record)
        #expect(try await NashraBinary.runDetached(["articles", "import", record.path, "--store", store]).status == 0)
        var site2 = ""
        let watched = ContinuousClock.now + .seconds(20)
        while !site2.contains("خبر أضيف من عملية أخرى"), ContinuousClock.now < watched {
            try await Task.sleep(for: .milliseconds(200))
            site2 = try await Self.get(url + "/feed.rss")
        }
        let shown = site2.contains("خبر أضيف من عملية أخرى")
        #expect(shown, "the imported article is not in /feed.rss")

        #expect(try await served.stop() == 0)

        // Started again on the same store, the fixture site's file: feeds are still allowed.
        #expect(try await NashraBinary.runDetached(["feeds", "refresh", "--store", store], in: Fixtures.packageRoot).status == 0)
        // Instants print as RFC 3339 in UTC, so they compare as text.
        let restarted = Timestamp(date: Date().addingTimeInterval(-1)).rfc3339
        let again = Process()
        again.executableURL = process.executableURL
        again.arguments = process.arguments
        again.currentDirectoryURL = Fixtures.packageRoot
        again.standardOutput = FileHandle.nullDevice
        again.standardError = FileHandle.nullDevice
        try again.run()
        defer { if again.isRunning { kill(again.processIdentifier, SIGKILL) } }
        var feeds: [[String: Any]] = []
        let refetched = ContinuousClock.now + .seconds(30)
        repeat {
            try await Task.sleep(for: .milliseconds(300))
            let listed = try await NashraBinary.runDetached(["feeds", "list", "--json", "--store", store])
            feeds = listed.stdoutText.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        } while !feeds.allSatisfy({ ($0["lastAttempt"] as? String).map { $0 > restarted } ?? false }) && ContinuousClock.now < refetched
        #expect(feeds.count == 3)
        #expect(feeds.allSatisfy { $0["lastError"] == nil }, "\(feeds)")
        kill(again.processIdentifier, SIGTERM)
        again.waitUntilExit()
    }

    static func get(_ url: String) async throws -> String {
        let run = try await onOwnThread { try ExternalTool.run("/usr/bin/env", ["python3", "-c", Self.fetch, url]) }
        return run.stdoutText
    }

    /// A plain GET from another process, as a subscriber's reader would make it.
    static let fetch = "import sys,urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode('utf-8'))"
}

/// WebSub: `serve` pings the configured hub when a poll brings new articles, and retries a refusal.
@Suite struct ServeWebSubTests {
    @Test func theHubIsPingedAfterNewArticlesAndARefusalIsRetried() async throws {
        let hub = try await FixtureHTTPServer.start(["/hub": .sequence([.status(503), .status(204)])])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-websub-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = dir.appendingPathComponent("nashra.sqlite").path
        let config = dir.appendingPathComponent("site.json")
        try Data(#"{"siteURL": "https://example.ma/", "hub": "\#(hub.url("/hub").absoluteString)", "allowFileURLs": true}"#.utf8).write(to: config)
        let added = try await NashraBinary.runDetached(
            ["feeds", "add", Fixtures.url("related/partner-wire.xml").absoluteString, "--store", store, "--config", config.path])
        #expect(added.status == 0, "\(added.stderr)")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(NashraBinary.path))
        process.arguments = ["serve", "--port", "0", "--store", store, "--config", config.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let deadline = ContinuousClock.now + .seconds(30)
        while await hub.requests(to: "/hub").count < 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        let pings = await hub.requests(to: "/hub")
        #expect(pings.count == 2, "one refused ping, then its retry")
        for ping in pings {
            #expect(ping.method == "POST")
            #expect(ping.header("content-type") == "application/x-www-form-urlencoded")
            #expect(ping.bodyText.hasPrefix("hub.mode=publish&"))
            #expect(ping.bodyText.contains("hub.url=https%3A%2F%2Fexample.ma%2Ffeed.rss"))
            #expect(ping.bodyText.contains("hub.url=https%3A%2F%2Fexample.ma%2Fpartners%2Ffeed.atom"))
        }
        kill(process.processIdentifier, SIGTERM)
        let status = try await onOwnThread {
            process.waitUntilExit()
            return process.terminationStatus
        }
        #expect(status == 0)
    }
}

import Foundation
import Logging
import NashraFetch
import NashraTestSupport
import Testing

/// The fetcher against a real server on 127.0.0.1 (STYLE.md 14): what it returns and what the server saw.
@Suite("Fetcher over HTTP")
struct FetcherTests {
    static let rss = #"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title></channel></rss>"#
    static let lastModified = "Wed, 12 Feb 2025 10:00:00 GMT"

    // MARK: 200 and conditional GET

    @Test func okCapturesBodyAndHeaders() async throws {
        let route = FixtureRoute.ok(
            Self.rss,
            contentType: "application/rss+xml; charset=utf-8",
            headers: [("ETag", "\"v1\""), ("Last-Modified", Self.lastModified), ("Cache-Control", "public, max-age=600")]
        )
        try await withServer(["/feed": route]) { server, fetcher in
            let outcome = await fetcher.fetch(FetchRequest(url: server.url("/feed")))
            let response = try #require(expectResponse(outcome, .ok))
            #expect(response.status == 200)
            #expect(response.body == Array(Self.rss.utf8))
            #expect(response.contentType == "application/rss+xml; charset=utf-8")
            #expect(response.etag == "\"v1\"")
            #expect(response.lastModified == Self.lastModified)
            #expect(response.maxAge == 600)
            #expect(response.finalURL == server.url("/feed"))
            #expect(response.permanentURL == nil)
            #expect(response.retryAfter == nil)
            #expect(response.elapsed > .zero)

            let seen = await server.requests
            #expect(seen.count == 1)
            #expect(seen.first?.method == "GET")
            #expect(seen.first?.header("User-Agent") == "Nashra/0.1 (+https://nashra.news/)")
            #expect(seen.first?.header("Accept-Encoding") == "gzip, deflate")
            #expect(seen.first?.header("Accept")?.contains("application/rss+xml") == true)
            #expect(seen.first?.header("If-None-Match") == nil)
            #expect(seen.first?.header("If-Modified-Since") == nil)
        }
    }

    @Test func userAgentNamesTheConfiguredContact() async throws {
        let agent = FetchPolicy.userAgent(contact: "https://example.ma/about/nashra")
        #expect(agent == "Nashra/0.1 (+https://example.ma/about/nashra)")
        try await withServer(["/feed": .ok(Self.rss)], policy: try loopbackPolicy { $0.userAgent = agent }) {
            server,
            fetcher in
            _ = await fetcher.fetch(FetchRequest(url: server.url("/feed")))
            #expect(await server.requests.first?.header("user-agent") == agent)
        }
    }

    @Test func notModifiedByETag() async throws {
        try await withServer(["/feed": .conditional(body: Self.rss, etag: "\"abc\"")]) { server, fetcher in
            let first = try #require(expectResponse(await fetcher.fetch(FetchRequest(url: server.url("/feed"))), .ok))
            #expect(first.etag == "\"abc\"")

            let again = FetchRequest(url: server.url("/feed"), etag: first.etag, lastModified: first.lastModified)
            let second = try #require(expectResponse(await fetcher.fetch(again), .notModified))
            #expect(second.status == 304)
            #expect(second.body.isEmpty)
            #expect(second.etag == "\"abc\"")

            let seen = await server.requests
            #expect(seen.count == 2)
            #expect(seen.last?.header("if-none-match") == "\"abc\"")
            #expect(seen.last?.header("if-modified-since") == nil)
        }
    }

    @Test func notModifiedByLastModified() async throws {
        try await withServer(["/feed": .conditional(body: Self.rss, lastModified: Self.lastModified)]) { server, fetcher in
            let first = try #require(expectResponse(await fetcher.fetch(FetchRequest(url: server.url("/feed"))), .ok))
            #expect(first.lastModified == Self.lastModified)
            #expect(first.etag == nil)

            let again = FetchRequest(url: server.url("/feed"), lastModified: first.lastModified)
            let second = try #require(expectResponse(await fetcher.fetch(again), .notModified))
            #expect(second.lastModified == Self.lastModified)

            let seen = await server.requests
            #expect(seen.last?.header("if-modified-since") == Self.lastModified)
            #expect(seen.last?.header("if-none-match") == nil)
        }
    }

    @Test func notModifiedWithoutValidatorsKeepsTheStoredOnes() async throws {
        try await withServer(["/feed": .status(304)]) { server, fetcher in
            let request = FetchRequest(url: server.url("/feed"), etag: "\"kept\"", lastModified: Self.lastModified)
            let response = try #require(expectResponse(await fetcher.fetch(request), .notModified))
            #expect(response.etag == "\"kept\"")
            #expect(response.lastModified == Self.lastModified)
        }
    }

    // MARK: Redirects

    @Test(arguments: [301, 308])
    func permanentRedirectGivesTheURLToStore(status: Int) async throws {
        try await withServer(["/old": .redirect(status, to: "/new"), "/new": .ok(Self.rss)]) { server, fetcher in
            let response = try #require(expectResponse(await fetcher.fetch(FetchRequest(url: server.url("/old"))), .ok))
            #expect(response.finalURL == server.url("/new"))
            #expect(response.permanentURL == server.url("/new"))
            #expect(response.body == Array(Self.rss.utf8))
            #expect(await server.requests.map(\.path) == ["/old", "/new"])
        }
    }

    @Test(arguments: [302, 303, 307])
    func temporaryRedirectKeepsTheStoredURL(status: Int) async throws {
        try await withServer(["/old": .redirect(status, to: "/new"), "/new": .ok(Self.rss)]) { server, fetcher in
            let response = try #require(expectResponse(await fetcher.fetch(FetchRequest(url: server.url("/old"))), .ok))
            #expect(response.finalURL == server.url("/new"))
            #expect(response.permanentURL == nil)
        }
    }

    @Test func permanentThenTemporaryRedirectKeepsTheStoredURL() async throws {
        let routes: [String: FixtureRoute] = [
            "/a": .redirect(301, to: "/b"), "/b": .redirect(302, to: "/c"), "/c": .ok(Self.rss),
        ]
        try await withServer(routes) { server, fetcher in
            let response = try #require(expectResponse(await fetcher.fetch(FetchRequest(url: server.url("/a"))), .ok))
            #expect(response.finalURL == server.url("/c"))
            #expect(response.permanentURL == nil)
        }
    }

    @Test func conditionalHeadersFollowRedirects() async throws {
        let routes: [String: FixtureRoute] = [
            "/old": .redirect(301, to: "/new"), "/new": .conditional(body: Self.rss, etag: "\"e\""),
        ]
        try await withServer(routes) { server, fetcher in
            let outcome = await fetcher.fetch(FetchRequest(url: server.url("/old"), etag: "\"e\""))
            let response = try #require(expectResponse(outcome, .notModified))
            #expect(response.permanentURL == server.url("/new"))
        }
    }

    @Test func redirectLoopsAreDetected() async throws {
        let routes: [String: FixtureRoute] = [
            "/self": .redirect(301, to: "/self"), "/a": .redirect(302, to: "/b"), "/b": .redirect(307, to: "/a"),
        ]
        try await withServer(routes) { server, fetcher in
            let selfLoop = expectFailure(await fetcher.fetch(FetchRequest(url: server.url("/self"))))
            #expect(selfLoop?.code == .redirectLoop)
            #expect(await server.requests(to: "/self").count == 1)

            let twoStep = expectFailure(await fetcher.fetch(FetchRequest(url: server.url("/a"))))
            #expect(twoStep?.code == .redirectLoop)
            #expect(await server.requests(to: "/a").count == 1)
            #expect(await server.requests(to: "/b").count == 1)
        }
    }

    @Test func sixRedirectsAreTooMany() async throws {
        var routes: [String: FixtureRoute] = ["/r6": .ok(Self.rss)]
        for hop in 0..<6 { routes["/r\(hop)"] = .redirect(302, to: "/r\(hop + 1)") }
        try await withServer(routes) { server, fetcher in
            let error = expectFailure(await fetcher.fetch(FetchRequest(url: server.url("/r0"))))
            #expect(error?.code == .tooManyRedirects)
            #expect(await server.requests(to: "/r6").isEmpty)

            // Five are fine.
            let response = try #require(expectResponse(await fetcher.fetch(FetchRequest(url: server.url("/r1"))), .ok))
            #expect(response.finalURL == server.url("/r6"))
        }
    }

    // MARK: Error statuses

    @Test func notFoundIsAnHTTPError() async throws {
        try await withServer([:]) { server, fetcher in
            let missing = try #require(expectResponse(await fetcher.fetch(FetchRequest(url: server.url("/missing"))), .httpError))
            #expect(missing.status == 404)
        }
    }

    @Test func goneIsItsOwnOutcome() async throws {
        try await withServer(["/gone": .status(410, body: "removed")]) { server, fetcher in
            let response = try #require(expectResponse(await fetcher.fetch(FetchRequest(url: server.url("/gone"))), .gone))
            #expect(response.status == 410)
        }
    }

    @Test func serverErrorThenRecovery() async throws {
        let flaky = FixtureRoute.sequence([.status(500), .ok(Self.rss)])
        try await withServer(["/feed": flaky]) { server, fetcher in
            let first = try #require(expectResponse(await fetcher.fetch(FetchRequest(url: server.url("/feed"))), .httpError))
            #expect(first.status == 500)
            #expect(first.retryAfter == nil)
            let second = try #require(expectResponse(await fetcher.fetch(FetchRequest(url: server.url("/feed"))), .ok))
            #expect(second.body == Array(Self.rss.utf8))
        }
    }

    @Test func partnerChangesBetweenPolls() async throws {
        try await withServer(["/feed": .ok(Self.rss)]) { server, fetcher in
            #expect(expectResponse(await fetcher.fetch(FetchRequest(url: server.url("/feed"))), .ok) != nil)
            await server.setRoute("/feed", .status(410))
            #expect(expectResponse(await fetcher.fetch(FetchRequest(url: server.url("/feed"))), .gone) != nil)
            let seen = await server.requests(to: "/feed")
            #expect(seen.count == 2)
            #expect(seen[0].time <= seen[1].time)
        }
    }

    @Test func tooManyRequestsWithRetryAfterSeconds() async throws {
        try await withServer(["/feed": .status(429, headers: [("Retry-After", "120")])]) { server, fetcher in
            let before = Date()
            let response = try #require(expectResponse(await fetcher.fetch(FetchRequest(url: server.url("/feed"))), .httpError))
            let after = Date()
            #expect(response.status == 429)
            let retryAfter = try #require(response.retryAfter)
            #expect(retryAfter >= before.addingTimeInterval(120))
            #expect(retryAfter <= after.addingTimeInterval(120))
        }
    }

    @Test func unavailableWithRetryAfterHTTPDate() async throws {
        let route = FixtureRoute.status(503, headers: [("Retry-After", "Wed, 21 Oct 2065 07:28:00 GMT")])
        try await withServer(["/feed": route]) { server, fetcher in
            let response = try #require(expectResponse(await fetcher.fetch(FetchRequest(url: server.url("/feed"))), .httpError))
            #expect(response.status == 503)
            #expect(response.retryAfter == Date(timeIntervalSince1970: 3_023_335_680))
        }
    }

    // MARK: Time-outs

    @Test func slowDripEndsAtTheRequestTimeout() async throws {
        try await withServer(
            ["/slow": .slowDrip(bytesPerSecond: 1)],
            policy: try loopbackPolicy { $0.requestTimeout = .seconds(2) }
        ) { server, fetcher in
            let (outcome, elapsed) = await timed { await fetcher.fetch(FetchRequest(url: server.url("/slow"))) }
            #expect(expectFailure(outcome)?.code == .timeout)
            #expect(elapsed >= .seconds(2))
            #expect(elapsed < .seconds(8), "a server dripping a byte a second must not stretch the deadline")
        }
    }

    @Test func silentServerEndsAtTheRequestTimeout() async throws {
        try await withServer(
            ["/silent": .neverAnswer],
            policy: try loopbackPolicy { $0.requestTimeout = .seconds(2) }
        ) { server, fetcher in
            let (outcome, elapsed) = await timed { await fetcher.fetch(FetchRequest(url: server.url("/silent"))) }
            #expect(expectFailure(outcome)?.code == .timeout)
            #expect(elapsed < .seconds(8))
            #expect(await server.requests(to: "/silent").count == 1)
        }
    }

    @Test func cancellingTheCallerEndsTheFetchAtOnce() async throws {
        try await withServer(["/silent": .neverAnswer]) { server, fetcher in
            let clock = ContinuousClock()
            let start = clock.now
            let task = Task { await fetcher.fetch(FetchRequest(url: server.url("/silent"))) }
            try await Task.sleep(for: .milliseconds(300))
            task.cancel()
            let outcome = await task.value
            #expect(expectFailure(outcome)?.code == .cancelled)
            #expect(clock.now - start < .seconds(8), "the request timeout is 10 s; cancellation must not wait for it")
        }
    }

    @Test func refusedConnectionFailsFast() async throws {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        let url = URL(string: "http://127.0.0.1:1/feed")!
        // Time-outs far above the bound: a refusal must end the fetch, not one of them (a loaded CI
        // machine took 5.7 s to do so once, so the bound leaves room).
        let policy = try loopbackPolicy {
            $0.connectTimeout = .seconds(90)
            $0.requestTimeout = .seconds(120)
        }
        let fetcher = Fetcher(policy: policy, logger: .init(label: "nashra.tests.fetch"))
        let (outcome, elapsed) = await timed { await fetcher.fetch(FetchRequest(url: url)) }
        try await fetcher.shutdown()
        #expect(expectFailure(outcome)?.code == .connection)
        #expect(elapsed < .seconds(45))
    }

    // MARK: Size caps and compression

    @Test func announcedOversizedBodyIsRefusedBeforeReading() async throws {
        try await withServer(
            ["/huge": .huge(bytes: 100 << 20, declared: true)],
            policy: try loopbackPolicy { $0.maxBodyBytes = 1 << 20 }
        ) { server, fetcher in
            let (outcome, elapsed) = await timed { await fetcher.fetch(FetchRequest(url: server.url("/huge"))) }
            let error = expectFailure(outcome)
            #expect(error?.code == .tooLarge)
            #expect(error?.message.contains("announced") == true)
            #expect(elapsed < .seconds(10))
        }
    }

    @Test func oversizedBodyIsCutWhileStreaming() async throws {
        try await withServer(
            ["/huge": .huge(bytes: 100 << 20, declared: false)],
            policy: try loopbackPolicy { $0.maxBodyBytes = 1 << 20 }
        ) { server, fetcher in
            let (outcome, elapsed) = await timed { await fetcher.fetch(FetchRequest(url: server.url("/huge"))) }
            let error = expectFailure(outcome)
            #expect(error?.code == .tooLarge)
            #expect(error?.message.contains("passed") == true)
            #expect(elapsed < .seconds(10), "the cap applies as bytes arrive, not after 100 MB")
        }
    }

    @Test(arguments: [("gzip", "http/small_feed.xml.gz"), ("deflate", "http/small_feed.xml.zlib")])
    func compressedBodyIsInflated(coding: String, fixture: String) async throws {
        let plain = [UInt8](try Fixtures.data("http/small_feed.xml"))
        let encoded = [UInt8](try Fixtures.data(fixture))
        #expect(encoded.count < plain.count)
        try await withServer(["/feed": .ok(encoded, headers: [("Content-Encoding", coding)])]) { server, fetcher in
            let response = try #require(expectResponse(await fetcher.fetch(FetchRequest(url: server.url("/feed"))), .ok))
            #expect(response.body == plain)
        }
    }

    @Test func gzipBombStopsAtTheDecompressedCap() async throws {
        let bomb = [UInt8](try Fixtures.data("http/gzip_bomb.bin"))
        #expect(bomb.count < 2 << 10)  // 1 MiB of zeros in about 1 KiB
        try await withServer(
            ["/bomb": .ok(bomb, headers: [("Content-Encoding", "gzip")])],
            policy: try loopbackPolicy { $0.maxDecompressedBytes = 64 << 10 }
        ) { server, fetcher in
            let error = expectFailure(await fetcher.fetch(FetchRequest(url: server.url("/bomb"))))
            #expect(error?.code == .tooLarge)
        }
    }

    @Test func corruptGzipIsADecompressionError() async throws {
        let garbage: [UInt8] = [0x1F, 0x8B, 0x08, 0x00] + Array(repeating: 0xFF, count: 64)
        try await withServer(["/bad": .ok(garbage, headers: [("Content-Encoding", "gzip")])]) { server, fetcher in
            let error = expectFailure(await fetcher.fetch(FetchRequest(url: server.url("/bad"))))
            #expect(error?.code == .decompression)
        }
    }

    // MARK: Address guard

    @Test func loopbackIsRefusedWithoutAnAllowRule() async throws {
        try await withServer(["/feed": .ok(Self.rss)], policy: FetchPolicy()) { server, fetcher in
            let error = expectFailure(await fetcher.fetch(FetchRequest(url: server.url("/feed"))))
            #expect(error?.code == .refusedAddress)
            #expect(error?.message.contains("loopback") == true)
            #expect(await server.requests.isEmpty, "a refused address is never contacted")
        }
    }

    @Test func allowRuleWithPortLetsOnlyThatPortThrough() async throws {
        let server = try await FixtureHTTPServer.start(["/feed": .ok(Self.rss)])
        let fetcher = Fetcher(
            policy: try loopbackPolicy(allow: ["127.0.0.1:\(server.port)"]),
            logger: .init(label: "nashra.tests")
        )
        let outcome = await fetcher.fetch(FetchRequest(url: server.url("/feed")))
        try await fetcher.shutdown()
        await server.stop()
        #expect(expectResponse(outcome, .ok) != nil)

        try await withServer(["/feed": .ok(Self.rss)], policy: try loopbackPolicy(allow: ["127.0.0.1:1"])) {
            server,
            fetcher in
            #expect(expectFailure(await fetcher.fetch(FetchRequest(url: server.url("/feed"))))?.code == .refusedAddress)
            #expect(await server.requests.isEmpty)
        }
    }

    @Test func hostNamesAreResolvedBeforeTheCheck() async throws {
        try await withServer(["/feed": .ok(Self.rss)], policy: try loopbackPolicy(allow: ["127.0.0.0/8"])) {
            server,
            fetcher in
            let url = try #require(URL(string: "http://localhost:\(server.port)/feed"))
            _ = try #require(expectResponse(await fetcher.fetch(FetchRequest(url: url)), .ok))
        }
        try await withServer(["/feed": .ok(Self.rss)], policy: FetchPolicy()) { server, fetcher in
            let url = try #require(URL(string: "http://localhost:\(server.port)/feed"))
            #expect(expectFailure(await fetcher.fetch(FetchRequest(url: url)))?.code == .refusedAddress)
        }
    }

    @Test(arguments: [
        "http://10.255.255.1/feed", "http://169.254.169.254/latest/meta-data/", "http://[::1]:9/feed",
        "http://192.168.0.1/feed",
    ])
    func everyRedirectHopIsGuarded(target: String) async throws {
        try await withServer(["/out": .redirect(302, to: target)]) { server, fetcher in
            let error = expectFailure(await fetcher.fetch(FetchRequest(url: server.url("/out"))))
            #expect(error?.code == .refusedAddress)
            #expect(error?.url?.absoluteString == target)
        }
    }

    @Test func redirectToTheLocalDiskIsRefusedEvenWithFileURLsEnabled() async throws {
        try await withServer(
            ["/out": .redirect(301, to: "file:///etc/passwd"), "/js": .redirect(302, to: "javascript:alert(1)")],
            policy: try loopbackPolicy { $0.addressGuard.allowFileURLs = true }
        ) { server, fetcher in
            #expect(expectFailure(await fetcher.fetch(FetchRequest(url: server.url("/out"))))?.code == .refusedScheme)
            #expect(expectFailure(await fetcher.fetch(FetchRequest(url: server.url("/js"))))?.code == .refusedScheme)
        }
    }

    @Test func otherSchemesAreRefused() async throws {
        let fetcher = Fetcher(policy: try loopbackPolicy(), logger: .init(label: "nashra.tests.fetch"))
        let ftp = await fetcher.fetch(FetchRequest(url: URL(string: "ftp://ftp.example.ma/feed.xml")!))
        try await fetcher.shutdown()
        #expect(expectFailure(ftp)?.code == .refusedScheme)
    }

    @Test func fileURLsOnlyWhenEnabled() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-fetch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("feed.xml")
        try Data(Self.rss.utf8).write(to: file)

        let disabled = Fetcher(policy: try loopbackPolicy(), logger: .init(label: "nashra.tests.fetch"))
        let refused = await disabled.fetch(FetchRequest(url: file))
        try await disabled.shutdown()
        #expect(expectFailure(refused)?.code == .fileURLsDisabled)

        let enabled = Fetcher(
            policy: try loopbackPolicy {
                $0.addressGuard.allowFileURLs = true
                $0.maxBodyBytes = 200
            },
            logger: .init(label: "nashra.tests.fetch")
        )
        let read = await enabled.fetch(FetchRequest(url: file))
        let big = directory.appendingPathComponent("big.xml")
        try Data(repeating: UInt8(ascii: "a"), count: 201).write(to: big)
        let tooBig = await enabled.fetch(FetchRequest(url: big))
        let missing = await enabled.fetch(FetchRequest(url: directory.appendingPathComponent("missing.xml")))
        try await enabled.shutdown()

        let response = try #require(expectResponse(read, .ok))
        #expect(response.status == 200)
        #expect(response.body == Array(Self.rss.utf8))
        #expect(expectFailure(tooBig)?.code == .tooLarge)
        #expect(expectFailure(missing)?.code == .connection)
    }
}

import Foundation
import NashraAggregate
import NashraFetch
import NashraModel
import NashraStore
import NashraTestSupport
import Testing

/// ISSUE 4, "Must show 1", the HTTP half: scripted partners on a real loopback server, polled by
/// `Poller(once: true)` into a real SQLite store. Each test checks both sides: what the store
/// holds afterwards (subscription, fetch state, articles, fetch log) and what the server saw.
@Suite struct PollHTTPScenarioTests {
    // MARK: Conditional GET

    @Test func notModifiedByETagChangesNothing() async throws {
        try await PollHarness.with(["/feed.xml": .conditional(body: PartnerFeed.threeStories, etag: "\"v1\"")]) { h in
            let partner = try await h.subscribe("/feed.xml")
            let first = try await h.poll()
            #expect(first.progress.new == 3)
            let stored = try await h.articles()
            #expect(try await h.subscription(partner.id).fetch.etag == "\"v1\"")

            try await h.makeDue(partner.id)
            let second = try await h.poll()

            let seen = await h.server.requests(to: "/feed.xml")
            try #require(seen.count == 2)
            #expect(seen[0].header("If-None-Match") == nil)
            #expect(seen[1].header("If-None-Match") == "\"v1\"")
            #expect(seen[1].header("If-Modified-Since") == nil)
            #expect(seen.allSatisfy { $0.header("User-Agent")?.hasPrefix("Nashra/") == true })

            let state = try await h.subscription(partner.id).fetch
            #expect(state.lastStatus == 304)
            #expect(state.etag == "\"v1\"")
            #expect(state.consecutiveFailures == 0)
            #expect(state.lastError == nil)
            #expect(state.lastSuccess.map { $0 >= second.started } == true)
            #expect(second.isDelay(900, to: state.nextDue))
            #expect(second.progress.new == 0 && second.progress.updated == 0 && second.progress.errors == 0)
            #expect(try await h.articles() == stored, "a 304 changes no article")
            let log = try await h.log(partner.id)
            #expect(log.map(\.status) == [304, 200])
            #expect(log.first?.bytes == 0)
        }
    }

    @Test func notModifiedByLastModifiedChangesNothing() async throws {
        let stamp = "Thu, 13 Feb 2025 11:00:00 GMT"
        try await PollHarness.with(["/feed.xml": .conditional(body: PartnerFeed.threeStories, lastModified: stamp)]) { h in
            let partner = try await h.subscribe("/feed.xml")
            try await h.poll()
            let stored = try await h.articles()
            #expect(stored.count == 3)
            try await h.makeDue(partner.id)
            try await h.poll()

            let seen = await h.server.requests(to: "/feed.xml")
            try #require(seen.count == 2)
            #expect(seen[0].header("If-Modified-Since") == nil)
            #expect(seen[1].header("If-Modified-Since") == stamp)
            #expect(seen[1].header("If-None-Match") == nil)

            let state = try await h.subscription(partner.id).fetch
            #expect(state.lastStatus == 304)
            #expect(state.lastModified == stamp)
            #expect(state.etag == nil)
            #expect(try await h.articles() == stored)
        }
    }

    @Test func noRequestBeforeTheDueTime() async throws {
        try await PollHarness.with(["/feed.xml": .ok(PartnerFeed.threeStories)]) { h in
            let partner = try await h.subscribe("/feed.xml")
            let first = try await h.poll()
            #expect(first.progress.due == 1)
            let due = try await h.subscription(partner.id).fetch.nextDue
            #expect(first.isDelay(900, to: due))

            let second = try await h.poll()
            #expect(second.progress.due == 0)
            #expect(second.progress.done == 0)
            #expect(await h.server.requests.count == 1, "the second pass came before the due time and must not ask")
            #expect(try await h.subscription(partner.id).fetch.nextDue == due)
            #expect(try await h.log(partner.id).count == 1)
        }
    }

    @Test func feedAskedIntervalIsHonored() async throws {
        // `<ttl>60</ttl>`: the partner asks to be polled at most hourly; the editor asked every 15 minutes.
        let feed = PartnerFeed.threeStories.replacingOccurrences(of: "<language>ar</language>", with: "<language>ar</language><ttl>60</ttl>")
        try await PollHarness.with(["/feed.xml": .conditional(body: feed, etag: "\"v1\"")]) { h in
            let partner = try await h.subscribe("/feed.xml")
            let first = try await h.poll()
            var state = try await h.subscription(partner.id).fetch
            #expect(state.feedMinimumInterval == 3600)
            #expect(first.isDelay(3600, to: state.nextDue))

            // A 304 does not forget what the last 200 asked for.
            try await h.makeDue(partner.id)
            let second = try await h.poll()
            state = try await h.subscription(partner.id).fetch
            #expect(state.lastStatus == 304)
            #expect(state.feedMinimumInterval == 3600)
            #expect(second.isDelay(3600, to: state.nextDue))
            #expect(await h.server.requests.count == 2)
        }
    }

    // MARK: Redirects

    @Test(arguments: [301, 308]) func permanentRedirectMovesTheSubscription(status: Int) async throws {
        try await PollHarness.with([
            "/old.xml": .redirect(status, to: "/new.xml"), "/new.xml": .ok(PartnerFeed.threeStories),
        ]) { h in
            let partner = try await h.subscribe("/old.xml")
            try await h.poll()
            let moved = try await h.subscription(partner.id)
            #expect(moved.url == h.server.url("/new.xml"))
            #expect(moved.fetch.lastStatus == 200)
            let articles = try await h.articles()
            #expect(articles.count == 3)
            #expect(articles.allSatisfy { $0.sources.map(\.feedURL) == [h.server.url("/new.xml")] })

            try await h.makeDue(partner.id)
            try await h.poll()
            #expect(await h.server.requests.map(\.path) == ["/old.xml", "/new.xml", "/new.xml"], "the old URL is not asked again")
            #expect(try await h.articles().count == 3)
        }
    }

    @Test(arguments: [302, 303, 307]) func temporaryRedirectKeepsTheSubscription(status: Int) async throws {
        try await PollHarness.with([
            "/feed.xml": .redirect(status, to: "/today.xml"), "/today.xml": .ok(PartnerFeed.threeStories),
        ]) { h in
            let partner = try await h.subscribe("/feed.xml")
            try await h.poll()
            let kept = try await h.subscription(partner.id)
            #expect(kept.url == h.server.url("/feed.xml"))
            #expect(kept.fetch.lastStatus == 200)
            #expect(try await h.articles().count == 3)

            try await h.makeDue(partner.id)
            try await h.poll()
            #expect(await h.server.requests.map(\.path) == ["/feed.xml", "/today.xml", "/feed.xml", "/today.xml"])
            #expect(try await h.articles().count == 3)
        }
    }

    @Test func redirectLoopIsAFailureAndBacksOff() async throws {
        try await PollHarness.with(["/a.xml": .redirect(301, to: "/b.xml"), "/b.xml": .redirect(301, to: "/a.xml")]) { h in
            let partner = try await h.subscribe("/a.xml")
            let pass = try await h.poll()
            #expect(pass.progress.errors == 1)
            let moved = try await h.subscription(partner.id)
            #expect(moved.url == h.server.url("/a.xml"), "a loop of 301s does not move the subscription")
            #expect(moved.fetch.lastError?.contains("redirectLoop") == true, "\(moved.fetch.lastError ?? "no error")")
            #expect(moved.fetch.consecutiveFailures == 1)
            #expect(moved.fetch.lastStatus == 0)
            #expect(pass.isDelay(900, to: moved.fetch.nextDue))
            #expect(try await h.articles().isEmpty)
            #expect(try await h.log(partner.id).first?.error?.contains("redirectLoop") == true)
            #expect(await h.server.requests.map(\.path) == ["/a.xml", "/b.xml"], "the loop is seen before asking /a.xml again")
        }
    }

    @Test func tooManyRedirectsStopsAfterTheLimit() async throws {
        var routes: [String: FixtureRoute] = [:]
        for hop in 0..<8 { routes["/hop-\(hop).xml"] = .redirect(302, to: "/hop-\(hop + 1).xml") }
        try await PollHarness.with(routes) { h in
            let partner = try await h.subscribe("/hop-0.xml")
            try await h.poll()
            let state = try await h.subscription(partner.id).fetch
            #expect(state.lastError?.contains("tooManyRedirects") == true, "\(state.lastError ?? "no error")")
            #expect(state.consecutiveFailures == 1)
            // The first request and five redirects followed: six requests, then it gives up.
            #expect(await h.server.requests.count == 6)
        }
    }

    // MARK: Errors and back-off

    @Test func notFoundBacksOffExponentially() async throws {
        try await PollHarness.with(["/feed.xml": .status(404, body: "not here")]) { h in
            let partner = try await h.subscribe("/feed.xml")
            let first = try await h.poll()
            var state = try await h.subscription(partner.id).fetch
            #expect(state.lastStatus == 404)
            #expect(state.lastError == "HTTP 404")
            #expect(state.consecutiveFailures == 1)
            #expect(first.isDelay(900, to: state.nextDue), "never sooner than the healthy interval")

            try await h.makeDue(partner.id)
            let second = try await h.poll()
            state = try await h.subscription(partner.id).fetch
            #expect(state.consecutiveFailures == 2)
            #expect(second.isDelay(1800, to: state.nextDue), "the second failure doubles the delay")

            try await h.poll()
            #expect(await h.server.requests.count == 2, "nothing is asked while backing off")
            #expect(try await h.articles().isEmpty)
            #expect(try await h.log(partner.id).map(\.status) == [404, 404])
        }
    }

    @Test func goneStopsPollingForGood() async throws {
        try await PollHarness.with(["/feed.xml": .sequence([.ok(PartnerFeed.threeStories), .status(410)])]) { h in
            let partner = try await h.subscribe("/feed.xml")
            try await h.poll()
            let stored = try await h.articles()
            #expect(stored.count == 3)

            try await h.makeDue(partner.id)
            try await h.poll()
            let state = try await h.subscription(partner.id).fetch
            #expect(state.gone)
            #expect(state.lastStatus == 410)
            #expect(state.consecutiveFailures == 1)
            #expect(state.lastError?.contains("410") == true)
            #expect(try await h.articles() == stored, "the partner's articles stay")

            // No markDue this time (markDue revives a gone feed, by design): the feed is never asked again.
            let later = try await h.poll()
            #expect(later.progress.due == 0)
            #expect(await h.server.requests.count == 2, "no request after a 410")
            #expect(try await h.log(partner.id).map(\.status) == [410, 200])

            // An editor who re-adds it on purpose (markDue) gets one more try.
            try await h.makeDue(partner.id)
            #expect(try await h.subscription(partner.id).fetch.gone == false)
            try await h.poll()
            #expect(await h.server.requests.count == 3)
            #expect(try await h.subscription(partner.id).fetch.gone)
        }
    }

    @Test func tooManyRequestsHonorsRetryAfterSeconds() async throws {
        try await PollHarness.with(
            ["/feed.xml": .status(429, headers: [("Retry-After", "120")])], schedule: SchedulePolicy(jitter: 0, backoffBase: 1)
        ) { h in
            // Polled every 30 s, so the back-off alone (30 s) would come back well before 120 s.
            let partner = try await h.subscribe("/feed.xml", interval: 30)
            let pass = try await h.poll()
            let state = try await h.subscription(partner.id).fetch
            #expect(state.lastStatus == 429)
            #expect(state.consecutiveFailures == 1)
            #expect(pass.isDelay(120, to: state.nextDue, slack: 1), "nextDue \(state.nextDue), pass began \(pass.started)")
            try await h.poll()
            #expect(await h.server.requests.count == 1)
        }
    }

    @Test func serviceUnavailableHonorsRetryAfterDate() async throws {
        let later = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 2 * 3600).rounded(.down))
        try await PollHarness.with(
            ["/feed.xml": .status(503, headers: [("Retry-After", Self.httpDate(later))])], schedule: SchedulePolicy(jitter: 0, backoffBase: 1)
        ) { h in
            let partner = try await h.subscribe("/feed.xml", interval: 30)
            try await h.poll()
            let state = try await h.subscription(partner.id).fetch
            #expect(state.lastStatus == 503)
            #expect(state.consecutiveFailures == 1)
            #expect(abs(state.nextDue.timeIntervalSince(later)) < 0.001, "nextDue \(state.nextDue), Retry-After \(later)")
            try await h.poll()
            #expect(await h.server.requests.count == 1)
        }
    }

    @Test func intermittentServerErrorRecovers() async throws {
        try await PollHarness.with(["/feed.xml": .sequence([.status(500), .ok(PartnerFeed.threeStories)])]) { h in
            let partner = try await h.subscribe("/feed.xml")
            try await h.poll()
            var state = try await h.subscription(partner.id).fetch
            #expect(state.lastStatus == 500)
            #expect(state.lastError == "HTTP 500")
            #expect(state.consecutiveFailures == 1)
            #expect(try await h.articles().isEmpty)

            try await h.makeDue(partner.id)
            let second = try await h.poll()
            state = try await h.subscription(partner.id).fetch
            #expect(state.lastStatus == 200)
            #expect(state.lastError == nil)
            #expect(state.consecutiveFailures == 0, "a success resets the failure count")
            #expect(second.isDelay(900, to: state.nextDue))
            #expect(second.progress.new == 3)
            #expect(try await h.articles().count == 3)
            #expect(try await h.log(partner.id).map(\.status) == [200, 500])
        }
    }

    @Test func htmlPageInsteadOfTheFeedIsRejected() async throws {
        // A partner's CMS in maintenance answers 200 with an HTML page.
        let page = "<!DOCTYPE html><html lang=\"ar\"><head><title>صيانة</title></head><body><p>الموقع في صيانة، نعود قريبا</p></body></html>"
        try await PollHarness.with(
            ["/feed.xml": .sequence([.ok(PartnerFeed.threeStories), .ok(page, contentType: "text/html; charset=utf-8")])]
        ) { h in
            let partner = try await h.subscribe("/feed.xml")
            try await h.poll()
            let stored = try await h.articles()
            try await h.makeDue(partner.id)
            let pass = try await h.poll()
            let state = try await h.subscription(partner.id).fetch
            #expect(pass.progress.errors == 1)
            #expect(state.lastStatus == 200)
            #expect(state.lastError?.contains("not a feed") == true, "\(state.lastError ?? "no error")")
            #expect(state.consecutiveFailures == 1)
            #expect(pass.isDelay(900, to: state.nextDue))
            #expect(try await h.articles() == stored)
        }
    }

    // MARK: Slow and silent partners

    enum Stall: String, CaseIterable, Sendable {
        case oneBytePerSecond, neverAnswers

        var route: FixtureRoute {
            switch self {
            case .oneBytePerSecond: .slowDrip(PartnerFeed.threeStories, bytesPerSecond: 1)
            case .neverAnswers: .neverAnswer
            }
        }
    }

    @Test(arguments: Stall.allCases) func stalledPartnerCostsOnlyTheTimeout(stall: Stall) async throws {
        try await PollHarness.with(["/feed.xml": .sequence([.ok(PartnerFeed.threeStories), stall.route])]) { h in
            let partner = try await h.subscribe("/feed.xml")
            try await h.poll()
            let stored = try await h.articles()
            #expect(stored.count == 3)

            try await h.makeDue(partner.id)
            let pass = try await h.poll()
            #expect(pass.elapsed < PollHarness.requestTimeout + .seconds(5), "the pass took \(pass.elapsed)")
            #expect(pass.elapsed >= PollHarness.requestTimeout - .milliseconds(200))
            let state = try await h.subscription(partner.id).fetch
            #expect(state.lastError?.contains("timeout") == true, "\(state.lastError ?? "no error")")
            #expect(state.lastStatus == 0)
            #expect(state.consecutiveFailures == 1)
            #expect(try await h.articles() == stored, "the store is as the last good fetch left it")
            #expect(try await h.log(partner.id).count == 2)
            #expect(await h.server.requests.count == 2)
        }
    }

    // MARK: Size caps

    @Test(arguments: [false, true]) func oversizedBodyIsRefused(chunked: Bool) async throws {
        let body = Array(FeedFactory.rss(feed: 1, items: 40).utf8)
        #expect(body.count > 16 << 10)
        let route = FixtureRoute { _, _ in
            FixtureResponse(
                status: 200, headers: [("Content-Type", "application/rss+xml; charset=utf-8"), ("ETag", "\"big\"")], body: body,
                chunked: chunked)
        }
        try await PollHarness.with(["/feed.xml": route], fetch: { $0.maxBodyBytes = 4 << 10 }) { h in
            let partner = try await h.subscribe("/feed.xml")
            let pass = try await h.poll()
            #expect(pass.progress.errors == 1)
            let state = try await h.subscription(partner.id).fetch
            #expect(state.lastError?.contains("tooLarge") == true, "\(state.lastError ?? "no error")")
            #expect(state.consecutiveFailures == 1)
            #expect(state.etag == nil, "the validators of a refused body are not kept")
            #expect(try await h.articles().isEmpty)
            #expect(await h.server.requests.count == 1)
        }
    }

    @Test func gzipBombIsRefused() async throws {
        let bomb = [UInt8](try Fixtures.data("http/gzip_bomb.bin"))
        try await PollHarness.with(
            ["/feed.xml": .ok(bomb, headers: [("Content-Encoding", "gzip")])], fetch: { $0.maxDecompressedBytes = 64 << 10 }
        ) { h in
            let partner = try await h.subscribe("/feed.xml")
            try await h.poll()
            let state = try await h.subscription(partner.id).fetch
            #expect(state.lastError?.contains("tooLarge") == true, "\(state.lastError ?? "no error")")
            #expect(state.consecutiveFailures == 1)
            #expect(try await h.articles().isEmpty)
            #expect(await h.server.requests.first?.header("Accept-Encoding") == "gzip, deflate")
        }
    }

    @Test func gzippedFeedIsStored() async throws {
        let packed = [UInt8](try Fixtures.data("http/small_feed.xml.gz"))
        try await PollHarness.with(["/feed.xml": .ok(packed, headers: [("Content-Encoding", "gzip")])]) { h in
            let partner = try await h.subscribe("/feed.xml")
            try await h.poll()
            #expect(try await h.subscription(partner.id).fetch.lastStatus == 200)
            #expect(try await h.articles().map(\.article.title) == ["جمع سنوي"])
        }
    }

    // MARK: - Helpers

    /// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}

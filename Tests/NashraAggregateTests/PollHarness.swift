import Foundation
import Logging
import NashraAggregate
import NashraFetch
import NashraModel
import NashraStore
import NashraStoreSQLite
import NashraTestSupport
import Synchronization
import Testing

/// One scripted partner world for a poll test (ISSUE 4, "Must show 1"): a fixture server on
/// `127.0.0.1` and an ephemeral port, a fresh SQLite store in a temporary file, and a fetcher
/// whose address guard lets the server through, with short time-outs. Each `poll()` runs
/// `Poller(once: true)` to completion, as `nashra poll --once` does.
///
/// ```swift
/// try await PollHarness.with(["/feed.xml": .ok(rss)]) { h in
///     let partner = try await h.subscribe("/feed.xml")
///     try await h.poll()
///     #expect(try await h.articles().count == 3)
/// }
/// ```
final class PollHarness: Sendable {
    let server: FixtureHTTPServer
    let store: SQLiteStore
    let fetcher: Fetcher
    let schedule: SchedulePolicy
    private let directory: URL

    private init(server: FixtureHTTPServer, store: SQLiteStore, fetcher: Fetcher, schedule: SchedulePolicy, directory: URL) {
        self.server = server
        self.store = store
        self.fetcher = fetcher
        self.schedule = schedule
        self.directory = directory
    }

    /// What the fetches may take: `requestTimeout` is what a slow or silent partner costs a test.
    /// Generous: a CI machine running every suite at once took over 4 s for a chain of six redirects.
    static let requestTimeout: Duration = .seconds(10)

    /// Starts the world, runs `body`, and always stops the server and the fetcher and removes the store.
    /// - Parameters:
    ///   - routes: The scripted partners, by path.
    ///   - fetch: Changes to the fetch policy (a small `maxBodyBytes`).
    ///   - schedule: The scheduler's rules; no jitter by default, so due times are exact.
    static func with(
        _ routes: [String: FixtureRoute],
        fetch configure: (inout FetchPolicy) -> Void = { _ in },
        schedule: SchedulePolicy = SchedulePolicy(jitter: 0),
        _ body: (PollHarness) async throws -> Void
    ) async throws {
        var policy = FetchPolicy(
            connectTimeout: .seconds(2), requestTimeout: requestTimeout, addressGuard: try AddressGuard(allow: ["127.0.0.1"]))
        configure(&policy)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-poll-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store: SQLiteStore
        do {
            store = try SQLiteStore(path: directory.appendingPathComponent("nashra.sqlite").path)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        let server: FixtureHTTPServer
        do {
            server = try await FixtureHTTPServer.start(routes)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        let fetcher = Fetcher(policy: policy, logger: quietLogger)
        let harness = PollHarness(server: server, store: store, fetcher: fetcher, schedule: schedule, directory: directory)
        do {
            try await body(harness)
        } catch {
            await harness.tearDown()
            throw error
        }
        await harness.tearDown()
    }

    /// Subscribes to `path` on the fixture server (due at once, as `feeds add` leaves it).
    func subscribe(_ path: String, interval: Int = 900, timeZone: String? = nil) async throws -> Subscription {
        let (subscription, created) = try await store.addSubscription(
            NewSubscription(url: server.url(path), interval: interval, timeZone: timeZone))
        #expect(created)
        return subscription
    }

    /// One `poll --once` pass, run to completion.
    @discardableResult
    func poll() async throws -> PollPass {
        let recorder = ProgressRecorder()
        let poller = Poller(
            store: store, fetcher: fetcher, policy: schedule, once: true, logger: quietLogger,
            onProgress: { recorder.record($0) })
        let clock = ContinuousClock()
        let started = Date()
        let start = clock.now
        try await poller.run()
        let elapsed = clock.now - start
        let progress = try #require(recorder.last, "the poller reported no progress")
        return PollPass(progress: progress, started: started, finished: Date(), elapsed: elapsed)
    }

    /// The subscription as stored now.
    func subscription(_ id: Int64) async throws -> Subscription {
        try #require(try await store.subscriptions().first { $0.id == id }, "subscription \(id) is gone from the store")
    }

    /// Makes the subscription due now (at its current URL, which a 301 may have changed).
    func makeDue(_ id: Int64) async throws {
        let url = try await subscription(id).url
        #expect(try await store.markDue(url: url, at: Date()))
    }

    /// Every partner article, newest first, read page by page.
    func articles() async throws -> [StoredArticle] {
        var all: [StoredArticle] = []
        var cursor: ArticleCursor?
        repeat {
            let page = try await store.articles(ArticleQuery(origin: .partner, limit: 100, cursor: cursor))
            all += page.articles
            cursor = page.next
        } while cursor != nil
        return all
    }

    /// The fetch log of a subscription, newest first.
    func log(_ id: Int64) async throws -> [FetchLogEntry] {
        try await store.fetchLog(subscriptionID: id, limit: 100)
    }

    private func tearDown() async {
        try? await fetcher.shutdown()
        await server.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// What one `poll()` did and when.
struct PollPass: Sendable {
    /// The poller's last progress report (feeds due and done, new and updated articles, errors).
    var progress: Poller.Progress
    /// Just before the poller started: every fetch finished after this.
    var started: Date
    /// Just after it returned.
    var finished: Date
    var elapsed: Duration

    /// True when `date` is `seconds` after some instant of this pass (give or take `slack`).
    func isDelay(_ seconds: TimeInterval, to date: Date, slack: TimeInterval = 0.01) -> Bool {
        date >= started.addingTimeInterval(seconds - slack) && date <= finished.addingTimeInterval(seconds + slack)
    }
}

/// Keeps the poller's last progress report (its callback is `@Sendable`).
private final class ProgressRecorder: Sendable {
    private let value = Mutex<Poller.Progress?>(nil)

    func record(_ progress: Poller.Progress) {
        value.withLock { $0 = progress }
    }

    var last: Poller.Progress? { value.withLock { $0 } }
}

// why: the poller logs every fetch at `info`; test output should only show test results.
private let quietLogger = Logger(label: "nashra.tests.poll", factory: { _ in SwiftLogNoOpLogHandler() })

// MARK: - Partner feeds

/// One RSS item as a partner writes it.
struct PartnerItem: Sendable {
    var guid: String?
    var link: String
    var title: String
    var description: String
    var pubDate: String

    init(guid: String? = nil, link: String, title: String, description: String, pubDate: String) {
        self.guid = guid
        self.link = link
        self.title = title
        self.description = description
        self.pubDate = pubDate
    }
}

/// Hand-written Arabic partner feeds: a few stories, realistic wording, exact control over every field.
enum PartnerFeed {
    /// An RSS 2.0 document in UTF-8.
    static func rss(title: String = "أخبار الشريك", link: String = "https://akhbar.ma/", items: [PartnerItem]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0">
              <channel>
                <title>\(escaped(title))</title>
                <link>\(escaped(link))</link>
                <description>آخر أخبار المغرب</description>
                <language>ar</language>

            """
        for item in items {
            xml += "    <item>\n"
            xml += "      <title>\(escaped(item.title))</title>\n"
            xml += "      <link>\(escaped(item.link))</link>\n"
            xml += "      <description>\(escaped(item.description))</description>\n"
            xml += "      <pubDate>\(item.pubDate)</pubDate>\n"
            if let guid = item.guid { xml += "      <guid>\(escaped(guid))</guid>\n" }
            xml += "    </item>\n"
        }
        return xml + "  </channel>\n</rss>\n"
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    // Three stories of one partner, with guids that are their permalinks.

    static let dams = PartnerItem(
        guid: "https://akhbar.ma/2025/02/13/sudud", link: "https://akhbar.ma/2025/02/13/sudud",
        title: "ارتفاع حقينة السدود بعد التساقطات المطرية الأخيرة",
        description:
            "أفادت وزارة التجهيز والماء بأن نسبة ملء السدود بلغت ثلاثين في المائة بعد التساقطات المطرية التي عرفتها عدة جهات من المملكة خلال الأسبوع الماضي.",
        pubDate: "Thu, 13 Feb 2025 09:30:00 +0100")

    static let bookFair = PartnerItem(
        guid: "https://akhbar.ma/2025/02/13/maarid-kitab", link: "https://akhbar.ma/2025/02/13/maarid-kitab",
        title: "افتتاح الدورة الثلاثين للمعرض الدولي للنشر والكتاب بالرباط",
        description: "افتتحت بالرباط الدورة الثلاثون للمعرض الدولي للنشر والكتاب بمشاركة أزيد من سبعمائة عارض من خمسين بلدا.",
        pubDate: "Thu, 13 Feb 2025 11:00:00 +0100")

    static let football = PartnerItem(
        guid: "https://akhbar.ma/2025/02/13/muntakhab", link: "https://akhbar.ma/2025/02/13/muntakhab",
        title: "المنتخب الوطني يواجه نظيره الغابوني في تصفيات كأس العالم",
        description: "يستعد المنتخب الوطني لمواجهة نظيره الغابوني يوم الجمعة المقبل بملعب مراكش الكبير برسم تصفيات كأس العالم.",
        pubDate: "Thu, 13 Feb 2025 12:15:00 +0100")

    /// The three stories, as one partner's feed.
    static let threeStories = rss(items: [dams, bookFair, football])
}

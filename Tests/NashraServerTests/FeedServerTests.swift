import AsyncHTTPClient
import Foundation
import Logging
import NashraModel
import NashraServer
import NashraStore
import NashraStoreSQLite
import NashraTestSupport
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Testing

/// `FeedServer` on 127.0.0.1 with an ephemeral port, a real SQLite store, and real HTTP.
@Suite struct FeedServerTests {
    /// A server over a store holding the fixture site, stopped with a graceful shutdown.
    final class Running: Sendable {
        let server: FeedServer
        let port: Int
        let group: ServiceGroup
        let task: Task<Void, any Error>

        init(server: FeedServer, port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
            self.server = server
            self.port = port
            self.group = group
            self.task = task
        }

        static func start(
            pageSize: Int = 50, idleTimeoutSeconds: Int = 30, configure: (inout FeedConfig) -> Void = { _ in }
        ) async throws -> Running {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-serve-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let store = try SQLiteStore(path: dir.appendingPathComponent("nashra.sqlite").path)
            var articles: [Article] = []
            try ArticleRecordReader(path: Fixtures.url("publish/articles").path).forEach {
                if case .article(let article) = $0 { articles.append(article) }
            }
            _ = try await store.importArticles(articles)
            _ = try await store.addSubscription(NewSubscription(url: URL(string: "https://partner.example.ma/rss")!, title: "شريك"))
            var config = try FeedConfig(contentsOf: Fixtures.url("publish/site.json"))
            configure(&config)
            var logger = Logger(label: "nashra.tests.serve")
            logger.logLevel = .critical
            let server = FeedServer(store: store, config: config, settings: FeedServer.Settings(port: 0, pageSize: pageSize, idleTimeoutSeconds: idleTimeoutSeconds), logger: logger)
            let (ports, sink) = AsyncStream.makeStream(of: Int.self)
            let application = server.application { port in
                sink.yield(port)
                sink.finish()
            }
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [.init(service: application)], logger: logger))
            let task = Task { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            return Running(server: server, port: port, group: group, task: task)
        }

        func stop() async throws {
            await group.triggerGracefulShutdown()
            try await task.value
        }

        /// A client that hands bodies over as they came (`HTTPClient.shared` would gunzip them).
        static let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(decompression: .disabled))

        /// GET (or another method) with headers; the body as bytes, never decompressed.
        func request(_ path: String, method: HTTPMethod = .GET, headers: [(String, String)] = []) async throws -> (
            status: Int, headers: [String: String], body: [UInt8]
        ) {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
            request.method = method
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            let response = try await Self.client.execute(request, timeout: .seconds(10))
            var body = try await response.body.collect(upTo: 10 << 20)
            let bytes = body.readBytes(length: body.readableBytes) ?? []
            var fields: [String: String] = [:]
            for header in response.headers { fields[header.name.lowercased()] = header.value }
            return (Int(response.status.code), fields, bytes)
        }
    }

    static let seedTitle = "انعقاد الجمع السنوي للنواب الجهويين"

    @Test func feedsInEveryFormatWithTypesAndValidators() async throws {
        let running = try await Running.start()
        for (path, type) in [
            ("/feed.rss", "application/rss+xml; charset=utf-8"), ("/feed.atom", "application/atom+xml; charset=utf-8"),
            ("/feed.json", "application/feed+json; charset=utf-8"),
        ] {
            let response = try await running.request(path)
            #expect(response.status == 200, "\(path)")
            #expect(response.headers["content-type"] == type)
            #expect(response.headers["etag"]?.hasPrefix("\"") == true)
            #expect(response.headers["last-modified"]?.hasSuffix(" GMT") == true)
            #expect(response.headers["cache-control"] == "public, max-age=300")
            #expect(String(decoding: response.body, as: UTF8.self).contains(Self.seedTitle), "\(path)")
            if path != "/feed.json" { #expect(try ExternalTool.xmllint(Data(response.body)) == nil, "\(path)") }
        }
        let atom = try await running.request("/feed.atom")
        #expect(try ExternalTool.xmllint(Data(atom.body), relaxNG: Fixtures.url("schema/atom.rng")) == nil)

        let section = "/sections/" + "وطني".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)! + "/feed.rss"
        let inSection = try await running.request(section)
        #expect(inSection.status == 200)
        #expect(String(decoding: inSection.body, as: UTF8.self).contains(Self.seedTitle))
        #expect(try await running.request("/sections/no-such-section/feed.rss").status == 404)
        #expect(try await running.request("/feed.xml").status == 404)
        let partners = try await running.request("/partners/feed.atom")
        #expect(partners.status == 200)
        #expect(String(decoding: partners.body, as: UTF8.self).contains("/partners/feed.atom"))
        try await running.stop()
    }

    @Test func conditionalRequestsGzipAndHead() async throws {
        let running = try await Running.start()
        let first = try await running.request("/feed.rss")
        let etag = try #require(first.headers["etag"])
        let lastModified = try #require(first.headers["last-modified"])

        let byTag = try await running.request("/feed.rss", headers: [("If-None-Match", etag)])
        #expect(byTag.status == 304)
        #expect(byTag.body.isEmpty)
        #expect(byTag.headers["etag"] == etag)
        #expect(try await running.request("/feed.rss", headers: [("If-None-Match", "\"other\", \(etag)")]).status == 304)
        #expect(try await running.request("/feed.rss", headers: [("If-None-Match", "\"other\"")]).status == 200)

        #expect(try await running.request("/feed.rss", headers: [("If-Modified-Since", lastModified)]).status == 304)
        #expect(try await running.request("/feed.rss", headers: [("If-Modified-Since", "Thu, 01 Jan 2015 00:00:00 GMT")]).status == 200)
        // If-None-Match decides when both are sent.
        #expect(try await running.request("/feed.rss", headers: [("If-None-Match", "\"other\""), ("If-Modified-Since", lastModified)]).status == 200)

        let gzip = try await running.request("/feed.rss", headers: [("Accept-Encoding", "gzip, deflate")])
        #expect(gzip.headers["content-encoding"] == "gzip")
        #expect(gzip.headers["vary"] == "Accept, Accept-Encoding")
        let gzipMagic = gzip.body.starts(with: [0x1F, 0x8B])
        #expect(gzipMagic)
        #expect(gzip.body.count < first.body.count)
        let gzipTag = try #require(gzip.headers["etag"])
        #expect(gzipTag != etag)
        let unzipped = try ExternalTool.run("/usr/bin/env", ["python3", "-c", "import gzip,sys; sys.stdout.buffer.write(gzip.decompress(sys.stdin.buffer.read()))"], stdin: Data(gzip.body))
        let unzippedIsTheFeed = Array(unzipped.stdout) == first.body
        #expect(unzippedIsTheFeed)
        #expect(try await running.request("/feed.rss", headers: [("Accept-Encoding", "gzip"), ("If-None-Match", gzipTag)]).status == 304)
        #expect(try await running.request("/feed.rss", headers: [("Accept-Encoding", "gzip;q=0")]).headers["content-encoding"] == nil)

        let head = try await running.request("/feed.rss", method: .HEAD)
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.headers["content-length"] == String(first.body.count))
        #expect(head.headers["etag"] == etag)

        let post = try await running.request("/feed.rss", method: .POST)
        #expect(post.status == 405)
        #expect(post.headers["allow"] == "GET, HEAD")
        try await running.stop()
    }

    @Test func articlesSubscriptionsHealthAndMetrics() async throws {
        let running = try await Running.start()
        let article = try await running.request("/articles/mamlakatuna-2025-02-13-jam3-sanawi.json")
        #expect(article.status == 200)
        #expect(article.headers["content-type"] == "application/json; charset=utf-8")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(article.body)) as? [String: Any])
        #expect((object["article"] as? [String: Any])?["title"] as? String == "انعقاد الجمع السنوي للنواب الجهويين والإقليميين للمندوبية السامية لقدماء المقاومين وأعضاء جيش التحرير")
        // No list computed in this store: the record's own list, without scores.
        let related = try #require(object["related"] as? [[String: Any]])
        #expect(related.count == 4)
        #expect(related.first?["url"] as? String == "https://example.ma/2025/03/17/naz3-al-milkiya")
        #expect(try await running.request("/articles/no-such-article.json").status == 404)

        let opml = try await running.request("/subscriptions.opml")
        #expect(opml.status == 200)
        #expect(try ExternalTool.xmllint(Data(opml.body)) == nil)
        #expect(String(decoding: opml.body, as: UTF8.self).contains("xmlUrl=\"https://partner.example.ma/rss\""))

        let health = try await running.request("/healthz")
        let status = try #require(try JSONSerialization.jsonObject(with: Data(health.body)) as? [String: Any])
        #expect(status["status"] as? String == "ok")
        #expect((status["articles"] as? [String: Any])?["own"] as? Int == 5)

        _ = try await running.request("/feed.rss", headers: [("If-None-Match", "*")])
        let metrics = String(decoding: try await running.request("/metrics").body, as: UTF8.self)
        #expect(metrics.contains("nashra_http_requests_total{route=\"/articles/{id}.json\",status=\"404\"} 1"), "\(metrics)")
        #expect(metrics.contains("nashra_http_not_modified_total 1"))
        #expect(metrics.contains("nashra_feed_renders_total"))
        try await running.stop()
    }

    @Test func aStoreChangeIsServedAfterStoreChanged() async throws {
        let running = try await Running.start()
        let before = try await running.request("/feed.json")
        let fresh = Article(
            id: "fresh", url: URL(string: "https://example.ma/fresh")!, title: "خبر جديد", contentHTML: "<p>نص</p>",
            published: Timestamp(date: Date(), utcOffsetSeconds: 3600))
        _ = try await running.server.store.importArticles([fresh])
        // Until told, the rendered feed is served as it was: no store read per request.
        let unchanged = try await running.request("/feed.json").body == before.body
        #expect(unchanged)
        await running.server.storeChanged()
        let after = try await running.request("/feed.json")
        #expect(String(decoding: after.body, as: UTF8.self).contains("خبر جديد"))
        #expect(after.headers["etag"] != before.headers["etag"])
        #expect(try await running.request("/feed.json", headers: [("If-None-Match", before.headers["etag"] ?? "")]).status == 200)
        try await running.stop()
    }

    @Test func theHomePageIsArabicRightToLeftWithRelatedListsAndHealth() async throws {
        let running = try await Running.start()
        let page = try await running.request("/")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(html.contains(Self.seedTitle))
        #expect(html.contains("الخميس 13 فبراير 2025 - 13:12"), "the seed's date in Arabic, in its own offset")
        #expect(html.contains("<strong>مقالات ذات صلة</strong>"))
        #expect(html.contains("https://partner.example.ma/rss"), "the subscription and its health")
        #expect(html.contains("href=\"/feed.rss\"") && html.contains("href=\"/partners/feed.atom\""))
        try await running.stop()
    }

    @Test func aBrowserGetsAPageAndAReaderGetsTheFeed() async throws {
        let running = try await Running.start()
        let browser = try await running.request(
            "/feed.rss", headers: [("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")])
        #expect(browser.headers["content-type"] == "text/html; charset=utf-8")
        #expect(browser.headers["vary"] == "Accept, Accept-Encoding")
        #expect(String(decoding: browser.body, as: UTF8.self).contains(Self.seedTitle))
        let reader = try await running.request("/feed.rss", headers: [("Accept", "application/rss+xml, application/xml;q=0.9, */*;q=0.1")])
        #expect(reader.headers["content-type"] == "application/rss+xml; charset=utf-8")
        let curl = try await running.request("/feed.rss", headers: [("Accept", "*/*")])
        #expect(curl.headers["content-type"] == "application/rss+xml; charset=utf-8")
        try await running.stop()
    }

    @Test func theRefreshRouteIsOffWithoutATokenAndRefusedWithoutIt() async throws {
        let closed = try await Running.start()
        #expect(try await closed.request("/admin/refresh?url=https://partner.example.ma/rss", method: .POST).status == 404)
        try await closed.stop()

        let running = try await Running.start { $0.adminToken = "s3cret" }
        let path = "/admin/refresh?url=https%3A%2F%2Fpartner.example.ma%2Frss"
        let anonymous = try await running.request(path, method: .POST)
        #expect(anonymous.status == 401)
        #expect(anonymous.headers["www-authenticate"] == "Bearer")
        #expect(try await running.request(path, method: .POST, headers: [("Authorization", "Bearer wrong")]).status == 401)
        // Only POST changes state; a GET of the same address is no route at all.
        #expect(try await running.request(path, method: .GET, headers: [("Authorization", "Bearer s3cret")]).status == 404)
        let before = Date()
        #expect(try await running.request(path, method: .POST, headers: [("Authorization", "Bearer s3cret")]).status == 202)
        let due = try #require(try await running.server.store.subscriptions().first?.fetch.nextDue)
        #expect(abs(due.timeIntervalSince(before)) < 60)
        let unknown = "/admin/refresh?url=https%3A%2F%2Fnowhere.example%2Frss"
        #expect(try await running.request(unknown, method: .POST, headers: [("Authorization", "Bearer s3cret")]).status == 404)
        try await running.stop()
    }

    @Test func archivePagesLeadBackThroughEveryArticle() async throws {
        let running = try await Running.start(pageSize: 2)
        var path: String? = "/feed.atom"
        var ids: [String] = []
        var pages = 0
        while let current = path, pages < 10 {
            let page = try await running.request(current)
            #expect(page.status == 200, "\(current)")
            let xml = String(decoding: page.body, as: UTF8.self)
            #expect(try ExternalTool.xmllint(Data(page.body), relaxNG: Fixtures.url("schema/atom.rng")) == nil, "\(current)")
            ids += xml.components(separatedBy: "<entry>").dropFirst().compactMap { $0.components(separatedBy: "<id>").dropFirst().first?.components(separatedBy: "</id>").first }
            if pages > 0 { #expect(xml.contains("rel=\"current\""), "an archive page points at the feed") }
            let next = Self.link("next", in: xml)
            #expect(next == Self.link("prev-archive", in: xml))
            path = next.map { String($0.dropFirst("https://example.ma".count)) }
            pages += 1
        }
        #expect(pages == 3)
        #expect(ids.count == 5 && Set(ids).count == 5, "\(ids)")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(try await running.request("/feed.json").body)) as? [String: Any])
        #expect((json["next_url"] as? String)?.contains("/feed.json?before=") == true)
        #expect(try await running.request("/feed.rss?before=yesterday").status == 400)
        try await running.stop()
    }

    /// The `href` of the first `<link rel="REL" …>` in an Atom document.
    static func link(_ rel: String, in xml: String) -> String? {
        for tag in xml.components(separatedBy: "<link ").dropFirst() where tag.contains("rel=\"\(rel)\"") {
            return tag.components(separatedBy: "href=\"").dropFirst().first?.components(separatedBy: "\"").first
        }
        return nil
    }

    @Test func slowClientsAndHugeHeadersAreCutOff() async throws {
        let running = try await Running.start(idleTimeoutSeconds: 1)
        // Half a request, then nothing: the connection is closed once it has idled a second.
        let slow = try await onOwnThread {
            try ExternalTool.run("/usr/bin/env", ["python3", "-c", Self.halfRequest, String(running.port)])
        }
        let words = slow.stdoutText.split(separator: " ")
        #expect(words.first == "closed", "\(slow.stdoutText) \(slow.stderr)")
        #expect((words.last.flatMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 99) < 5)
        // A 40 KB header (the limit is 16 KB a field, 32 KB in all): 400 and the connection closed.
        let huge = try await onOwnThread {
            try ExternalTool.run("/usr/bin/env", ["python3", "-c", Self.hugeHeader, String(running.port)])
        }
        #expect(huge.stdoutText.hasPrefix("HTTP/1.1 400"), "\(huge.stdoutText) \(huge.stderr)")
        // Normal requests still go through.
        #expect(try await running.request("/feed.rss").status == 200)
        try await running.stop()
    }

    static let halfRequest = """
        import socket, sys, time
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
        s.sendall(b"GET /feed.rss HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n")
        s.settimeout(20)
        started = time.time()
        data = s.recv(4096)
        print("closed" if not data else "answered", round(time.time() - started, 1))
        """

    static let hugeHeader = """
        import socket, sys
        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
        s.sendall(b"GET /feed.rss HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nX-Padding: " + b"a" * 40000 + b"\\r\\n\\r\\n")
        s.settimeout(10)
        print(s.recv(4096).decode("latin-1").split("\\r\\n")[0])
        """
}

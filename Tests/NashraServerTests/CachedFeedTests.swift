import Foundation
@testable import NashraServer
import NashraWriters
import NashraTestSupport
import NIOHTTP1
import Testing

/// Cached feeds are answered in front of the router, on the event loop. These checks hold
/// whichever part of the server answers: order on a pipelined connection, idle time-outs,
/// and metrics under the router's route names.
@Suite struct CachedFeedTests {
    typealias Running = FeedServerTests.Running

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let running = try await Running.start()
        let etag = try #require(try await running.request("/feed.rss").headers["etag"])
        // The Atom feed is not rendered yet: it goes to the router and takes a store read. The RSS
        // request behind it is cached, but its 304 must not overtake the Atom answer.
        let exchange = try await onOwnThread {
            try ExternalTool.run("/usr/bin/env", ["python3", "-c", Self.pipelined, String(running.port), etag])
        }
        let answers = exchange.stdoutText.split(separator: "\n").map(String.init)
        #expect(
            answers == [
                "200 application/atom+xml; charset=utf-8", "304 -", "200 application/feed+json; charset=utf-8", "304 -",
            ], "\(exchange.stdoutText) \(exchange.stderr)")
        try await running.stop()
    }

    @Test func aBusyConnectionOutlivesTheIdleTimeoutAndAnIdleOneDoesNot() async throws {
        let running = try await Running.start(idleTimeoutSeconds: 1)
        let etag = try #require(try await running.request("/feed.rss").headers["etag"])
        let exchange = try await onOwnThread {
            try ExternalTool.run("/usr/bin/env", ["python3", "-c", Self.keptAlive, String(running.port), etag])
        }
        let lines = exchange.stdoutText.split(separator: "\n").map(String.init)
        // Eight 304s on one connection over 2.8 s with a 1 s idle limit, then closed after idling.
        #expect(lines.dropLast() == Array(repeating: "304", count: 8), "\(exchange.stdoutText) \(exchange.stderr)")
        let closed = lines.last?.split(separator: " ")
        #expect(closed?.first == "closed", "\(exchange.stdoutText)")
        #expect((closed?.last.flatMap { Double($0) } ?? 99) < 3)
        try await running.stop()
    }

    @Test func cachedAnswersAreCountedUnderTheRoutersRouteNames() async throws {
        let running = try await Running.start()
        let section = "/sections/" + "وطني".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)! + "/feed.rss"
        let first = try await running.request(section)
        #expect(first.status == 200)
        let second = try await running.request(section)
        #expect(second.body == first.body)
        #expect(second.headers["server"] == "nashra")
        #expect(second.headers["date"]?.hasSuffix(" GMT") == true)
        let etag = try #require(first.headers["etag"])
        #expect(try await running.request(section, headers: [("If-None-Match", etag)]).status == 304)
        let head = try await running.request(section, method: .HEAD)
        #expect(head.body.isEmpty)
        #expect(head.headers["content-length"] == String(first.body.count))
        let metrics = String(decoding: try await running.request("/metrics").body, as: UTF8.self)
        #expect(metrics.contains("nashra_http_requests_total{route=\"/sections/{section}/feed.rss\",status=\"200\"} 3"), "\(metrics)")
        #expect(metrics.contains("nashra_http_requests_total{route=\"/sections/{section}/feed.rss\",status=\"304\"} 1"), "\(metrics)")
        try await running.stop()
    }

    @Test func feedPathsAreReadAsTheRouterReadsThem() {
        #expect(FeedRoute(path: "/feed.rss") == FeedRoute(scope: .site, format: .rss))
        #expect(FeedRoute(path: "/partners/feed.json") == FeedRoute(scope: .partners, format: .json))
        let section = FeedRoute(path: "/sections/%D9%88%D8%B7%D9%86%D9%8A/feed.atom")
        #expect(section == FeedRoute(scope: .section("وطني"), format: .atom))
        #expect(section?.pattern == "/sections/{section}/feed.atom")
        #expect(section?.cacheKey == "section:وطني.atom")
        for other in ["/feed.xml", "/sections//feed.rss", "/sections/a/b/feed.rss", "/x/feed.rss", "/sections/a/feed.rss/", "/", "/feed.rss/"] {
            #expect(FeedRoute(path: other) == nil, "\(other)")
        }
    }

    @Test func acceptEncodingIsReadAsRFC9110Says() {
        let gzip = ["gzip", "GZIP", "x-gzip", "gzip, deflate, br", "deflate, gzip;q=0.5", "*", "br, *;q=0.1", " gzip ; q=1 ", "gzip;Q=0.8"]
        for field in gzip { #expect(ConditionalResponse.acceptsGzip(field), "\(field)") }
        let plain = [
            "", "identity", "br", "deflate, br", "gzip;q=0", "gzip;q=0.000", "*;q=0", "gzip;q=0, *;q=1", "gzipped", "x-gzip;q=0",
        ]
        for field in plain { #expect(!ConditionalResponse.acceptsGzip(field), "\(field)") }
        #expect(!ConditionalResponse.acceptsGzip(nil))
    }

    /// Reads HTTP/1.1 answers off a socket: status and content type, one line each.
    static let readAnswers = """
        import socket, sys, time
        def answers(s, count):
            data = b""
            out = []
            while len(out) < count:
                while b"\\r\\n\\r\\n" not in data:
                    chunk = s.recv(65536)
                    if not chunk: return out
                    data += chunk
                head, data = data.split(b"\\r\\n\\r\\n", 1)
                lines = head.decode("latin-1").split("\\r\\n")
                fields = {k.lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
                length = int(fields.get("content-length", "0"))
                while len(data) < length:
                    data += s.recv(65536)
                data = data[length:]
                out.append(lines[0].split(" ")[1] + " " + fields.get("content-type", "-"))
            return out
        """

    static let pipelined = readAnswers + """

        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
        s.settimeout(10)
        rss = "GET /feed.rss HTTP/1.1\\r\\nHost: t\\r\\nIf-None-Match: " + sys.argv[2] + "\\r\\n\\r\\n"
        s.sendall(("GET /feed.atom HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n" + rss + "GET /feed.json HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n" + rss).encode())
        print("\\n".join(answers(s, 4)))
        """

    static let keptAlive = readAnswers + """

        s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
        s.settimeout(10)
        for _ in range(8):
            s.sendall(("GET /feed.rss HTTP/1.1\\r\\nHost: t\\r\\nIf-None-Match: " + sys.argv[2] + "\\r\\n\\r\\n").encode())
            print(answers(s, 1)[0].split(" ")[0], flush=True)
            time.sleep(0.4)
        started = time.time()
        print("closed" if not s.recv(4096) else "answered", round(time.time() - started, 1))
        """
}

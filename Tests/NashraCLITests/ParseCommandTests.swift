import Foundation
import NashraTestSupport
import Testing

/// `nashra parse` as a user runs it.
@Suite struct ParseCommandTests {
    @Test func oneInputPrintsOneJSONDocument() async throws {
        let run = try await NashraBinary.runDetached(["parse", "--json", Fixtures.url("parse/arabic/hespress_style_national.xml").path])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdoutText.split(separator: "\n")
        #expect(lines.count == 1)
        let doc = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        #expect(doc["version"] as? String == "rss20")
        #expect(doc["bozo"] as? Bool == false)
        #expect(doc["file"] == nil)
        #expect((doc["entries"] as? [Any])?.isEmpty == false)
    }

    @Test func severalInputsPrintNDJSONWithFileKeys() async throws {
        let a = Fixtures.url("parse/atom/atom_dates.xml").path
        let b = Fixtures.url("parse/rdf/rss10_full.xml").path
        let run = try await NashraBinary.runDetached(["parse", a, b])
        #expect(run.status == 0, "\(run.stderr)")
        let docs = try run.stdoutText.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(docs.map { $0["file"] as? String } == [a, b])
        #expect(docs.map { $0["version"] as? String } == ["atom10", "rss10"])
    }

    @Test func standardInputAndFileURLsAreRead() async throws {
        let path = Fixtures.url("parse/atom/atom_dates.xml").path
        let stdin = try await NashraBinary.runDetached(["parse", "-"], stdin: try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(stdin.status == 0, "\(stdin.stderr)")
        let url = try await NashraBinary.runDetached(["parse", URL(fileURLWithPath: path).absoluteString])
        #expect(url.status == 0, "\(url.stderr)")
        let fromStdin = try JSONSerialization.jsonObject(with: stdin.stdout) as? [String: Any]
        let fromURL = try JSONSerialization.jsonObject(with: url.stdout) as? [String: Any]
        #expect((fromStdin?["entries"] as? [Any])?.count == (fromURL?["entries"] as? [Any])?.count)
    }

    @Test func anHTMLPageIsAClearErrorNamingItsFeed() async throws {
        let html = Data(
            """
            <!DOCTYPE html><html lang="ar" dir="rtl"><head><title>مملكتنا</title>
            <link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.rss"></head>
            <body><p>مرحبا</p></body></html>
            """.utf8)
        let run = try await NashraBinary.runDetached(["parse", "-"], stdin: html)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("HTML page, not a feed"), "\(run.stderr)")
        #expect(run.stderr.contains("/feed.rss"), "\(run.stderr)")
    }

    @Test func oneBadInputAmongGoodOnesExitsThree() async throws {
        let good = Fixtures.url("parse/atom/atom_dates.xml").path
        let run = try await NashraBinary.runDetached(["parse", good, "/nonexistent/feed.xml"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("/nonexistent/feed.xml"))
        #expect(run.stdoutText.split(separator: "\n").count == 1)
    }

    @Test func brokenXMLIsBozoNotAnError() async throws {
        let run = try await NashraBinary.runDetached(["parse", Fixtures.url("parse/illformed/bare_ampersand_in_url.xml").path])
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        #expect(doc["bozo"] as? Bool == true)
        #expect((doc["bozoMessage"] as? String)?.hasPrefix("line ") == true)
    }

    @Test func emptyInputIsAnError() async throws {
        let run = try await NashraBinary.runDetached(["parse", "-"], stdin: Data())
        #expect(run.status == 1)
        #expect(run.stderr.contains("empty"))
    }
}

/// `nashra parse http://…` fetches the feed and reads it with what HTTP said.
@Suite struct ParseURLTests {
    @Test func httpURLsAreFetchedAndTheirCharsetHonoured() async throws {
        let body = try [UInt8](Fixtures.data("parse/encoding/http_charset_contradicts.xml"))
        let server = try await FixtureHTTPServer.start([
            "/feed.xml": .ok(body, contentType: "text/xml; charset=windows-1256"),
            "/moved": .redirect(301, to: "/feed.xml"),
            "/missing": .status(404),
        ])
        defer { Task { await server.stop() } }
        let run = try await NashraBinary.runDetached(["parse", server.url("/moved").absoluteString])
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        #expect(doc["encoding"] as? String == "windows-1256")
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Fixtures.data("parse/encoding/http_charset_contradicts.expected.json")) as? [String: Any])
        let expectedTitles = (expected["entries"] as? [[String: Any]])?.compactMap { $0["title"] as? String }
        let titles = (doc["entries"] as? [[String: Any]])?.compactMap { $0["title"] as? String }
        #expect(titles == expectedTitles)

        let missing = try await NashraBinary.runDetached(["parse", server.url("/missing").absoluteString])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("HTTP 404"))
    }
}

import Foundation
import NashraTestSupport
import Testing

/// `feeds`, `articles`, `poll` and `publish --source` as an editor uses them.
@Suite struct AggregateCommandTests {
    let dir: URL
    let store: String
    let allow = ["NASHRA_FETCH_ALLOW": "127.0.0.1"]

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-agg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        store = dir.appendingPathComponent("nashra.sqlite").path
    }

    func nashra(_ arguments: [String], environment: [String: String] = [:]) async throws -> ToolRun {
        try await NashraBinary.runDetached(arguments + ["--store", store], environment: environment)
    }

    @Test func loopbackSubscriptionsNeedAnAllowRule() async throws {
        let refused = try await nashra(["feeds", "add", "http://127.0.0.1:9/feed.xml"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("loopback"), "\(refused.stderr)")
        let file = try await nashra(["feeds", "add", "file:///etc/hosts"])
        #expect(file.status == 1)
        #expect(file.stderr.contains("file"), "\(file.stderr)")
        let allowed = try await nashra(["feeds", "add", "http://127.0.0.1:9/feed.xml", "--every", "2h", "--zone", "Africa/Casablanca"], environment: allow)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let listed = try await nashra(["feeds", "list", "--json"])
        let feed = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdoutText.utf8)) as? [String: Any])
        #expect(feed["interval"] as? Int == 7200)
        #expect(feed["zone"] as? String == "Africa/Casablanca")
        #expect(try await nashra(["feeds", "remove", "http://127.0.0.1:9/feed.xml"]).status == 0)
        #expect(try await nashra(["feeds", "remove", "http://127.0.0.1:9/feed.xml"]).status == 1)
    }

    @Test func opmlImportThenExportKeepsFeedsAndFolders() async throws {
        let imported = try await nashra(["feeds", "import", Fixtures.url("opml/partners.opml").path])
        #expect(imported.status == 3 || imported.status == 0, "\(imported.stderr)")
        let exported = try await nashra(["feeds", "export"])
        #expect(exported.status == 0)
        #expect(try ExternalTool.xmllint(exported.stdout) == nil)
        let text = exported.stdoutText
        #expect(text.contains("<opml version=\"2.0\">"))
        #expect(text.contains("xmlUrl=\"https://"))
        let listed = try await nashra(["feeds", "list", "--json"]).stdoutText.split(separator: "\n")
        #expect(listed.count == text.components(separatedBy: "xmlUrl=").count - 1)
    }

    @Test func partnerRiverIsPublishedWithEachItemsSource() async throws {
        let server = try await FixtureHTTPServer.start([
            "/a.xml": .ok(FeedFactory.rss(feed: 1, items: 3, host: "a.example.ma")),
            "/b.xml": .ok(FeedFactory.rss(feed: 2, items: 2, host: "b.example.ma")),
        ])
        defer { Task { await server.stop() } }
        #expect(try await nashra(["feeds", "add", server.url("/a.xml").absoluteString, "--title", "شريك أ"], environment: allow).status == 0)
        #expect(try await nashra(["feeds", "add", server.url("/b.xml").absoluteString], environment: allow).status == 0)
        #expect(try await nashra(["articles", "import", Fixtures.url("publish/articles").path]).status == 0)
        let poll = try await nashra(["poll", "--once", "--stats"], environment: allow)
        #expect(poll.status == 0, "\(poll.stderr)")
        #expect(poll.stderr.contains("2 feeds, 5 new"), "\(poll.stderr)")

        let partners = try await nashra(["publish", "--format", "rss", "--source", "partners"])
        #expect(partners.status == 0, "\(partners.stderr)")
        #expect(try ExternalTool.xmllint(partners.stdout) == nil)
        let river = partners.stdoutText
        #expect(river.components(separatedBy: "<item>").count - 1 == 5)
        #expect(river.contains("<source url=\"\(server.url("/a.xml").absoluteString)\">شريك أ</source>"))

        let all = try await nashra(["publish", "--format", "atom", "--source", "all"])
        #expect(all.status == 0)
        #expect(try ExternalTool.xmllint(all.stdout, relaxNG: Fixtures.url("schema/atom.rng")) == nil)
        #expect(all.stdoutText.components(separatedBy: "<entry>").count - 1 == 10)
        #expect(all.stdoutText.contains("<source>"))

        let own = try await nashra(["publish", "--format", "json", "--limit", "2"])
        let feed = try #require(try JSONSerialization.jsonObject(with: own.stdout) as? [String: Any])
        #expect((feed["items"] as? [Any])?.count == 2)

        let listed = try await nashra(["articles", "list", "--json", "--origin", "partner"])
        #expect(listed.stdoutText.split(separator: "\n").count == 5)
    }

    @Test func badInputsAreNamedAndTheRestGoThrough() async throws {
        let imported = try await nashra(["articles", "import", Fixtures.url("publish/invalid/mixed.ndjson").path])
        #expect(imported.status == 3)
        #expect(imported.stderr.contains("record #1 (id \"no-date\"): field \"published\""), "\(imported.stderr)")
        #expect(imported.stdoutText.contains("imported 2 new"), "\(imported.stdoutText)")
        let listed = try await nashra(["articles", "list", "--json", "--origin", "own"])
        #expect(listed.stdoutText.split(separator: "\n").count == 2)

        let refresh = try await nashra(["feeds", "refresh", "https://nowhere.example.ma/rss"])
        #expect(refresh.status == 1)
        #expect(refresh.stderr.contains("no subscription"))

        let postgres = try await NashraBinary.runDetached(["articles", "list", "--store", "postgres://nashra@127.0.0.1/nashra"])
        #expect(postgres.status != 0)
        #expect(postgres.stderr.contains("PostgreSQL"), "\(postgres.stderr)")
    }
}

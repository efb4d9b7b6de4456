import Foundation
import NashraTestSupport
import Testing

/// `nashra store copy` moves a site from SQLite to PostgreSQL and back without loss.
@Suite(.serialized, .enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipMessage)))
struct StoreCopyTests {
    @Test func aSiteMovesToPostgreSQLAndBackUnchanged() async throws {
        var routes: [String: FixtureRoute] = [:]
        for k in 0..<6 {
            routes["/feed-\(k).xml"] = .ok(FeedFactory.rss(feed: k, items: 4, host: "p\(k).example.ma"), contentType: "application/rss+xml")
        }
        let server = try await FixtureHTTPServer.start(routes)
        defer { Task { await server.stop() } }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = dir.appendingPathComponent("site.sqlite").path
        let back = dir.appendingPathComponent("back.sqlite").path
        let environment = ["NASHRA_FETCH_ALLOW": "127.0.0.1"]

        // A site with own articles, partner articles from a poll, fetch state and related lists.
        let records = Fixtures.packageRoot.appendingPathComponent("Fixtures/publish/articles").path
        #expect(try await NashraBinary.runDetached(["articles", "import", records, "--store", original]).status == 0)
        let opml = dir.appendingPathComponent("partners.opml")
        try Data(FeedFactory.opml((0..<6).map { server.url("/feed-\($0).xml") }).utf8).write(to: opml)
        #expect(try await NashraBinary.runDetached(["feeds", "import", opml.path, "--store", original], environment: environment).status == 0)
        let polled = try await NashraBinary.runDetached(["poll", "--once", "--store", original], environment: environment)
        #expect(polled.status == 0, "\(polled.stderr)")

        try await TestPostgres.withFreshDatabase { postgres in
            let there = try await NashraBinary.runDetached(["store", "copy", "--from", original, "--to", postgres])
            #expect(there.status == 0, "\(there.stderr)")
            let again = try await NashraBinary.runDetached(["store", "copy", "--from", original, "--to", postgres])
            #expect(again.status != 0 && again.stderr.contains("not empty"), "a copy into a store with data: \(again.stderr)")
            let home = try await NashraBinary.runDetached(["store", "copy", "--from", postgres, "--to", back])
            #expect(home.status == 0, "\(home.stderr)")

            // Everything a user sees reads the same from all three.
            for listing in [["articles", "list", "--json"], ["feeds", "list", "--json"], ["related", "--json"]] {
                let reference = try await NashraBinary.runDetached(listing + ["--store", original]).stdoutText
                #expect(reference.split(separator: "\n").count >= 6, "\(listing) printed too little to compare")
                for store in [postgres, back] {
                    let copied = try await NashraBinary.runDetached(listing + ["--store", store]).stdoutText
                    #expect(copied == reference, "\(listing) differs in \(store)")
                }
            }

            // The copy goes on working: new rows take new ids, the schedule carries on.
            routes["/new.xml"] = .ok(FeedFactory.rss(feed: 99, items: 2, host: "new.example.ma"), contentType: "application/rss+xml")
            await server.setRoute("/new.xml", routes["/new.xml"]!)
            let added = try await NashraBinary.runDetached(
                ["feeds", "add", server.url("/new.xml").absoluteString, "--store", postgres], environment: environment)
            #expect(added.status == 0, "\(added.stderr)")
            let next = try await NashraBinary.runDetached(["poll", "--once", "--store", postgres], environment: environment)
            #expect(next.status == 0, "\(next.stderr)")
            let fetchedNew = await server.requests(to: "/new.xml").count
            let refetched = await server.requests(to: "/feed-0.xml").count
            #expect(fetchedNew == 1 && refetched == 1, "after the copy: new feed fetched \(fetchedNew)×, an old one \(refetched)× (not due yet)")
        }
    }

    @Test func aCopyThatFailsHalfWayLeavesTheTargetEmpty() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-copy-fail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("site.sqlite").path
        let records = Fixtures.packageRoot.appendingPathComponent("Fixtures/publish/articles").path
        #expect(try await NashraBinary.runDetached(["articles", "import", records, "--store", source]).status == 0)
        // SQLite keeps whatever it is given; PostgreSQL's number column will not take this. Related lists
        // are copied after the articles, so the articles are already in when the copy fails.
        let broken = try ExternalTool.run(
            "/usr/bin/env",
            ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE relatedList SET computedAt = 'maybe' WHERE articleID = (SELECT MAX(articleID) FROM relatedList)\"); c.commit()", source])
        #expect(broken.status == 0, "\(broken.stderr)")

        try await TestPostgres.withFreshDatabase { postgres in
            let copy = try await NashraBinary.runDetached(["store", "copy", "--from", source, "--to", postgres])
            #expect(copy.status == 1)
            #expect(copy.stderr.contains("computedat") && copy.stderr.contains("maybe"), "the bad value is not named: \(copy.stderr)")
            #expect(copy.stderr.contains("has been removed"), "\(copy.stderr)")
            #expect(copy.stderr.contains("article: 5 rows"), "the failure did not come after the articles: \(copy.stderr)")
            // Nothing half-copied: the articles copied before the bad row are gone again.
            let listed = try await NashraBinary.runDetached(["articles", "list", "--json", "--store", postgres])
            #expect(listed.status == 0 && listed.stdoutText.isEmpty, "the target kept \(listed.stdoutText.split(separator: "\n").count) articles")
            #expect(try await NashraBinary.runDetached(["feeds", "list", "--json", "--store", postgres]).stdoutText.isEmpty)
        }
    }
}

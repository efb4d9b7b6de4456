import Foundation
import NashraTestSupport
import Testing

/// `nashra publish` as a user runs it: the real binary, its stdout, stderr and exit status.
@Suite struct PublishCommandTests {
    let articles = Fixtures.url("publish/articles").path
    let config = Fixtures.url("publish/site.json").path

    @Test(arguments: [("rss", "rss/seed.xml"), ("atom", "atom/seed.xml"), ("json", "json/seed.json")])
    func publishesTheFixtureSiteExactlyAsTheGoldenFile(format: String, golden: String) async throws {
        let run = try await NashraBinary.runDetached(["publish", "--articles", articles, "--config", config, "--format", format])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout == (try Fixtures.data("publish/expected/\(golden)")))
    }

    @Test func invalidRecordsAreNamedAndTheRestArePublished() async throws {
        let run = try await NashraBinary.runDetached([
            "publish", "--articles", Fixtures.url("publish/invalid/mixed.ndjson").path, "--config", config, "--format", "rss",
        ])
        #expect(run.status == 3)
        #expect(run.stderr.contains("record #1 (id \"no-date\"): field \"published\": is required"), "\(run.stderr)")
        #expect(run.stderr.contains("record #2 (id \"bad-url\"): field \"url\""), "\(run.stderr)")
        #expect(run.stderr.contains("mixed.ndjson:4: record #3: not valid JSON"), "\(run.stderr)")
        #expect(run.stderr.contains("3 record(s) rejected"))
        #expect(try ExternalTool.xmllint(run.stdout) == nil)
        let text = run.stdoutText
        #expect(text.contains("<guid isPermaLink=\"false\">good-1</guid>"))
        #expect(text.contains("<guid isPermaLink=\"false\">good-2</guid>"))
        #expect(!text.contains("no-date"))
    }

    @Test func outputIsWrittenAtomicallyAndLeavesNoTemporaryFile() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("feed.xml")
        try Data("old feed".utf8).write(to: target)
        let run = try await NashraBinary.runDetached(["publish", "--articles", articles, "--config", config, "--format", "atom", "--output", target.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(try Data(contentsOf: target) == (try Fixtures.data("publish/expected/atom/seed.xml")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["feed.xml"])
    }

    @Test func aFailedWriteKeepsTheOldFeed() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("feed.xml")
        try Data("old feed".utf8).write(to: target)
        let run = try await NashraBinary.runDetached(["publish", "--articles", "/nonexistent/records.ndjson", "--format", "rss", "--output", target.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("no such file"), "\(run.stderr)")
        #expect(try String(contentsOf: target, encoding: .utf8) == "old feed")
    }

    @Test func limitKeepsTheNewestAndSectionFilters() async throws {
        let limited = try await NashraBinary.runDetached(["publish", "--articles", articles, "--config", config, "--format", "json", "--limit", "2"])
        #expect(limited.status == 0)
        let feed = try #require(try JSONSerialization.jsonObject(with: limited.stdout) as? [String: Any])
        let ids = (feed["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(ids == ["mamlakatuna-2025-03-17-naz3-al-milkiya", "mamlakatuna-2025-03-16-dar-al-umuma-amsmrir"])

        let section = try await NashraBinary.runDetached(["publish", "--articles", articles, "--config", config, "--format", "rss", "--section", "وطني"])
        #expect(section.status == 0)
        #expect(section.stdoutText.components(separatedBy: "<item>").count - 1 == 1)
        #expect(section.stdoutText.contains("https://example.ma/sections/%D9%88%D8%B7%D9%86%D9%8A/feed.rss"))
    }

    @Test func badConfigurationNamesTheKey() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(#"{"title": "x", "feedUrl": "https://example.ma/feed"}"#.utf8).write(to: dir.appendingPathComponent("nashra.json"))
        let run = try await NashraBinary.runDetached(["publish", "--articles", articles, "--format", "rss"], in: dir)
        #expect(run.status == 1)
        #expect(run.stderr.contains("configuration key \"feedUrl\": unknown key"), "\(run.stderr)")
    }

    @Test func unknownFormatIsAUsageError() async throws {
        let run = try await NashraBinary.runDetached(["publish", "--articles", articles, "--format", "rdf"])
        #expect(run.status == 64 || run.status == 2, "status \(run.status)")
        #expect(run.stderr.contains("format"))
    }
}

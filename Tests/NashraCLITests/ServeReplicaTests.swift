import Foundation
import NashraTestSupport
import Testing

/// Two `nashra serve` replicas on one PostgreSQL database: an article another process stores
/// shows in both at once (LISTEN/NOTIFY, not the minutes-long watch interval), and neither
/// computes the related lists again.
@Suite(.serialized, .enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipMessage)))
struct ServeReplicaTests {
    @Test func replicasLearnOfNewArticlesAtOnceAndLeaveTheListsAlone() async throws {
        try await TestPostgres.withFreshDatabase { store in
            let records = Fixtures.packageRoot.appendingPathComponent("Fixtures/publish/articles").path
            #expect(try await NashraBinary.runDetached(["articles", "import", records, "--store", store]).status == 0)

            let replicas = try (0..<2).map { _ in try ServedProcess.start(["serve", "--no-poll", "--port", "0", "--watch-seconds", "300", "--store", store]) }
            defer { for replica in replicas { replica.kill() } }
            var bases: [String] = []
            for replica in replicas { bases.append(try await replica.baseURL()) }
            for base in bases {
                #expect(try await ServeCommandTests.get(base + "/feed.json").contains("انعقاد الجمع السنوي للنواب الجهويين"))
            }

            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-replica-\(UUID().uuidString).ndjson")
            defer { try? FileManager.default.removeItem(at: dir) }
            try Data(#"{"id": "late", "url": "https://example.ma/late", "title": "خبر أضيف من عملية أخرى", "published": "2025-03-20T10:00:00+00:00"}"#.utf8)
                .write(to: dir)
            let imported = try await NashraBinary.runDetached(["articles", "import", dir.path, "--store", store])
            #expect(imported.status == 0, "\(imported.stderr)")
            let listsAfterImport = try Self.relatedListState(store)

            for base in bases {
                var feed = ""
                let deadline = ContinuousClock.now + .seconds(15)
                while !feed.contains("خبر أضيف من عملية أخرى"), ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(100))
                    feed = try await ServeCommandTests.get(base + "/feed.json")
                }
                #expect(feed.contains("خبر أضيف من عملية أخرى"), "\(base) did not re-render after another process's import")
            }
            try await Task.sleep(for: .milliseconds(500))
            #expect(try Self.relatedListState(store) == listsAfterImport, "a replica computed the related lists again")

            for replica in replicas { #expect(try await replica.stop() == 0) }
        }
    }

    /// How many lists there are and when the last was computed.
    static func relatedListState(_ store: String) throws -> String {
        let run = try ExternalTool.run(
            "/usr/bin/env", ["psql", "-qAt", store, "-c", "SELECT COUNT(*) || ' ' || COALESCE(MAX(computedAt), 0) FROM relatedList"])
        return run.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

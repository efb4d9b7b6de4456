import Foundation
import NashraModel
import NashraStore
import NashraStoreSQLite
import NashraTestSupport
import Testing

/// The store contract against a real SQLite file, plus what only a file can show.
@Suite struct SQLiteStoreTests {
    static func freshPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("nashra-store-\(UUID().uuidString).sqlite").path
    }

    @Test(arguments: StoreContract.checks.map(\.0))
    func contract(name: String) async throws {
        let check = try #require(StoreContract.checks.first { $0.0 == name }?.1)
        let path = Self.freshPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let problems = try await check(try SQLiteStore(path: path))
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func reopeningKeepsEverything() async throws {
        let path = Self.freshPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let store = try SQLiteStore(path: path)
            _ = try await store.importArticles([StoreContract.article("keep", minutes: 0)])
            _ = try await store.addSubscription(NewSubscription(url: URL(string: "https://a.example.ma/rss")!))
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.articleCounts() == (own: 1, partner: 0))
        #expect(try await reopened.subscriptions().count == 1)
    }

    @Test func aStoreFromANewerNashraIsRefused() async throws {
        let path = Self.freshPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try SQLiteStore(path: path)
        // Pretend a later version added a migration.
        let process = try ExternalTool.run("/usr/bin/env", ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO grdb_migrations VALUES ('v999')\"); c.commit()", path])
        #expect(process.status == 0, "\(process.stderr)")
        #expect {
            _ = try SQLiteStore(path: path)
        } throws: { ($0 as? StoreError)?.code == .schemaTooNew }
    }

    @Test func anUnwritablePathIsAClearError() {
        #expect {
            _ = try SQLiteStore(path: "/nonexistent-dir/nashra.sqlite")
        } throws: { ($0 as? StoreError)?.code == .unreachable }
    }
}

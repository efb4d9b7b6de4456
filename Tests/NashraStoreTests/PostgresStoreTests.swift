import Foundation
import Logging
import NashraModel
import NashraStore
import NashraStorePostgres
import NashraTestSupport
import Testing

/// The store contract against a real PostgreSQL server: the one `.ci/run` starts, named by
/// `NASHRA_TEST_POSTGRES_URL`. Without it these tests are skipped, and say so.
@Suite(.enabled(if: TestPostgres.url != nil, Comment(rawValue: TestPostgres.skipMessage)))
struct PostgresStoreTests {
    @Test(arguments: StoreContract.checks.map(\.0))
    func contract(name: String) async throws {
        let check = try #require(StoreContract.checks.first { $0.0 == name }?.1)
        try await TestPostgres.withFreshDatabase { url in
            let problems = try await check(try await PostgresStore(url: url))
            #expect(problems.isEmpty, "\(problems)")
        }
    }

    @Test func reopeningKeepsEverything() async throws {
        try await TestPostgres.withFreshDatabase { url in
            do {
                let store = try await PostgresStore(url: url)
                _ = try await store.importArticles([StoreContract.article("keep", minutes: 0)])
                _ = try await store.addSubscription(NewSubscription(url: URL(string: "https://a.example.ma/rss")!))
            }
            let reopened = try await PostgresStore(url: url)
            #expect(try await reopened.articleCounts() == (own: 1, partner: 0))
            #expect(try await reopened.subscriptions().count == 1)
        }
    }

    @Test func aStoreFromANewerNashraIsRefused() async throws {
        try await TestPostgres.withFreshDatabase { url in
            _ = try await PostgresStore(url: url)
            try await TestPostgres.execute("INSERT INTO nashra_migrations (name) VALUES ('v999')", on: url)
            await #expect {
                _ = try await PostgresStore(url: url)
            } throws: { ($0 as? StoreError)?.code == .schemaTooNew }
        }
    }

    @Test func anUnreachableServerIsAClearError() async {
        // A port nothing listens on.
        await #expect {
            _ = try await PostgresStore(url: "postgres://nashra@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
        } throws: { error in
            (error as? StoreError)?.code == .unreachable && "\(error)".contains("127.0.0.1:1")
        }
    }
}

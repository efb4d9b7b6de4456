public import Foundation
public import NashraModel
public import NashraStore
import PostgresNIO

extension PostgresStore {
    public func relatedAnalyses(after cursor: Int64, limit: Int) async throws -> AnalysisPage {
        try await read { connection in
            let rows = try await connection.query(
                """
                SELECT a.id, a.key, r.contentHash, r.analysis FROM relatedAnalysis r JOIN article a ON a.id = r.articleID
                WHERE r.articleID > \(cursor) AND r.contentHash = a.contentHash ORDER BY r.articleID LIMIT \(Int64(limit))
                """, logger: self.logger
            ).rows()
            let analyses = try rows.map {
                ArticleAnalysis(key: try $0.value("key"), contentHash: try $0.value("contentHash"), text: try $0.value("analysis"))
            }
            return AnalysisPage(analyses: analyses, next: rows.count == limit ? try rows.last?.value("id", as: Int64.self) : nil)
        }
    }

    public func articlesNeedingAnalysis(after cursor: Int64, limit: Int) async throws -> PendingAnalysisPage {
        try await read { connection in
            let rows = try await connection.query(
                """
                SELECT a.id, a.record, a.contentHash FROM article a LEFT JOIN relatedAnalysis r ON r.articleID = a.id
                WHERE a.id > \(cursor) AND (r.articleID IS NULL OR r.contentHash <> a.contentHash) ORDER BY a.id LIMIT \(Int64(limit))
                """, logger: self.logger
            ).rows()
            let articles = try rows.map {
                PendingAnalysis(article: try StoredText.article(fromRecord: $0.value("record")), contentHash: try $0.value("contentHash"))
            }
            return PendingAnalysisPage(articles: articles, next: rows.count == limit ? try rows.last?.value("id", as: Int64.self) : nil)
        }
    }

    public func saveAnalyses(_ analyses: [ArticleAnalysis]) async throws {
        guard !analyses.isEmpty else { return }
        try await write { connection in
            // One statement for the whole batch; analyses of changed or gone records find no article.
            _ = try await connection.query(
                """
                INSERT INTO relatedAnalysis (articleID, contentHash, analysis)
                SELECT a.id, a.contentHash, x.analysis
                FROM unnest(\(analyses.map(\.key)), \(analyses.map(\.contentHash)), \(analyses.map(\.text))) AS x(key, hash, analysis)
                JOIN article a ON a.key = x.key AND a.contentHash = x.hash
                ON CONFLICT (articleID) DO UPDATE SET contentHash = excluded.contentHash, analysis = excluded.analysis
                """, logger: self.logger)
        }
    }

    public func saveRelatedLists(_ lists: [String: [RelatedPick]]) async throws {
        guard !lists.isEmpty else { return }
        try await write { connection in
            let now = Date().timeIntervalSince1970
            let keys = Array(lists.keys)
            let texts = keys.map { JSONValue.array(lists[$0]!.map(\.json)).serialized() }
            // Lists of articles that are gone find no article and are skipped.
            try await connection.query(
                """
                INSERT INTO relatedList (articleID, list, computedAt)
                SELECT a.id, x.list, \(now) FROM unnest(\(keys), \(texts)) AS x(key, list) JOIN article a ON a.key = x.key
                ON CONFLICT (articleID) DO UPDATE SET list = excluded.list, computedAt = excluded.computedAt
                """, logger: self.logger)
            try await connection.query(
                "DELETE FROM relatedLink l USING article a WHERE a.id = l.articleID AND a.key = ANY(\(keys))", logger: self.logger)
            var owners: [String] = []
            var named: [String] = []
            for (key, list) in lists {
                for pick in list {
                    owners.append(key)
                    named.append(pick.article.id)
                }
            }
            if !owners.isEmpty {
                try await connection.query(
                    """
                    INSERT INTO relatedLink (articleID, relatedKey)
                    SELECT a.id, x.named FROM unnest(\(owners), \(named)) AS x(owner, named) JOIN article a ON a.key = x.owner
                    ON CONFLICT DO NOTHING
                    """, logger: self.logger)
            }
            try await self.announceChange(connection)
        }
    }

    public func articlesListing(_ keys: [String]) async throws -> [String] {
        guard !keys.isEmpty else { return [] }
        return try await read { connection in
            try await connection.query(
                """
                SELECT DISTINCT a.key FROM relatedLink l JOIN article a ON a.id = l.articleID WHERE l.relatedKey = ANY(\(Array(Set(keys))))
                """, logger: self.logger
            ).all(String.self).sorted()
        }
    }

    public func articlesWithoutList() async throws -> [String] {
        try await read { connection in
            try await connection.query(
                "SELECT key FROM article a WHERE NOT EXISTS (SELECT 1 FROM relatedList l WHERE l.articleID = a.id) ORDER BY id",
                logger: self.logger
            ).all(String.self)
        }
    }

    public func goneRelatedKeys() async throws -> [String] {
        try await read { connection in
            try await connection.query(
                """
                SELECT DISTINCT relatedKey FROM relatedLink l WHERE NOT EXISTS (SELECT 1 FROM article a WHERE a.key = l.relatedKey)
                """, logger: self.logger
            ).all(String.self).sorted()
        }
    }

    public func claimRelatedRefresh(holder: String, now: Date, until: Date) async throws -> Int64? {
        try await write { connection in
            try await connection.query(
                """
                UPDATE relatedRefresh SET holder = \(holder), until = \(until.timeIntervalSince1970), claims = claims + 1
                WHERE id = 1 AND (holder IS NULL OR until <= \(now.timeIntervalSince1970) OR holder = \(holder)) RETURNING claims - 1
                """, logger: self.logger
            ).all(Int64.self).first
        }
    }

    public func releaseRelatedRefresh(holder: String) async throws {
        try await write { connection in
            _ = try await connection.query(
                "UPDATE relatedRefresh SET holder = NULL, until = 0 WHERE id = 1 AND holder = \(holder)", logger: self.logger)
        }
    }

    public func clearRelatedAnalyses() async throws {
        try await write { connection in
            _ = try await connection.query("DELETE FROM relatedAnalysis", logger: self.logger)
        }
    }

    public func relatedList(key: String) async throws -> [RelatedPick]? {
        try await read { connection in
            guard
                let text = try await connection.query(
                    "SELECT l.list FROM relatedList l JOIN article a ON a.id = l.articleID WHERE a.key = \(key)", logger: self.logger
                ).all(String.self).first
            else { return nil }
            return try StoredText.relatedList(fromJSON: text)
        }
    }

    public func relatedLists(_ query: ArticleQuery) async throws -> RelatedListPage {
        try await read { connection in
            let filter = ArticleFilter(query, table: "a")
            let rows = try await connection.query(
                filter.query(
                    "SELECT a.id, a.key, a.published, l.list FROM article a JOIN relatedList l ON l.articleID = a.id",
                    then: "ORDER BY a.published DESC, a.id DESC LIMIT"), logger: self.logger
            ).rows()
            var lists: [(key: String, list: [RelatedPick])] = []
            for row in rows {
                lists.append((try row.value("key"), try StoredText.relatedList(fromJSON: row.value("list"))))
            }
            return RelatedListPage(lists: lists, next: try filter.nextCursor(after: rows))
        }
    }
}

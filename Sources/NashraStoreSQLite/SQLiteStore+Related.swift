public import Foundation
import GRDB
public import NashraModel
public import NashraStore

extension SQLiteStore {
    public func relatedAnalyses(after cursor: Int64, limit: Int) async throws -> AnalysisPage {
        try await read { db in
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT a.id, a.key, r.contentHash, r.analysis FROM relatedAnalysis r JOIN article a ON a.id = r.articleID
                        WHERE r.articleID > ? AND r.contentHash = a.contentHash ORDER BY r.articleID LIMIT ?
                        """),
                arguments: [cursor, limit])
            let analyses = rows.map { ArticleAnalysis(key: $0["key"], contentHash: $0["contentHash"], text: $0["analysis"]) }
            return AnalysisPage(analyses: analyses, next: rows.count == limit ? rows.last?["id"] : nil)
        }
    }

    public func articlesNeedingAnalysis(after cursor: Int64, limit: Int) async throws -> PendingAnalysisPage {
        try await read { db in
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT a.id, a.record, a.contentHash FROM article a LEFT JOIN relatedAnalysis r ON r.articleID = a.id
                        WHERE a.id > ? AND (r.articleID IS NULL OR r.contentHash <> a.contentHash) ORDER BY a.id LIMIT ?
                        """),
                arguments: [cursor, limit])
            var articles: [PendingAnalysis] = []
            for row in rows {
                articles.append(PendingAnalysis(article: try StoredText.article(fromRecord: row["record"]), contentHash: row["contentHash"]))
            }
            return PendingAnalysisPage(articles: articles, next: rows.count == limit ? rows.last?["id"] : nil)
        }
    }

    public func saveAnalyses(_ analyses: [ArticleAnalysis]) async throws {
        guard !analyses.isEmpty else { return }
        try await write { db in
            let save = try db.cachedStatement(
                sql: """
                    INSERT INTO relatedAnalysis (articleID, contentHash, analysis)
                    SELECT id, contentHash, ? FROM article WHERE key = ? AND contentHash = ?
                    ON CONFLICT (articleID) DO UPDATE SET contentHash = excluded.contentHash, analysis = excluded.analysis
                    """)
            for analysis in analyses {
                try save.execute(arguments: [analysis.text, analysis.key, analysis.contentHash])
            }
        }
    }

    public func saveRelatedLists(_ lists: [String: [RelatedPick]]) async throws {
        guard !lists.isEmpty else { return }
        try await write { db in
            let now = Date().timeIntervalSince1970
            let find = try db.cachedStatement(sql: "SELECT id FROM article WHERE key = ?")
            let save = try db.cachedStatement(
                sql: """
                    INSERT INTO relatedList (articleID, list, computedAt) VALUES (?, ?, ?)
                    ON CONFLICT (articleID) DO UPDATE SET list = excluded.list, computedAt = excluded.computedAt
                    """)
            let unlink = try db.cachedStatement(sql: "DELETE FROM relatedLink WHERE articleID = ?")
            let link = try db.cachedStatement(sql: "INSERT OR IGNORE INTO relatedLink (articleID, relatedKey) VALUES (?, ?)")
            for (key, list) in lists {
                guard let articleID = try Int64.fetchOne(find, arguments: [key]) else { continue }
                try save.execute(arguments: [articleID, JSONValue.array(list.map(\.json)).serialized(), now])
                try unlink.execute(arguments: [articleID])
                for pick in list { try link.execute(arguments: [articleID, pick.article.id]) }
            }
        }
    }

    public func articlesListing(_ keys: [String]) async throws -> [String] {
        try await read { db in
            var listing: Set<String> = []
            let lookup = try db.cachedStatement(
                sql: "SELECT a.key FROM relatedLink l JOIN article a ON a.id = l.articleID WHERE l.relatedKey = ?")
            for key in Set(keys) {
                listing.formUnion(try String.fetchAll(lookup, arguments: [key]))
            }
            return listing.sorted()
        }
    }

    public func articlesWithoutList() async throws -> [String] {
        try await read { db in
            try String.fetchAll(
                db, sql: "SELECT key FROM article a WHERE NOT EXISTS (SELECT 1 FROM relatedList l WHERE l.articleID = a.id) ORDER BY id")
        }
    }

    public func goneRelatedKeys() async throws -> [String] {
        try await read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT relatedKey FROM relatedLink l
                    WHERE NOT EXISTS (SELECT 1 FROM article a WHERE a.key = l.relatedKey) ORDER BY relatedKey
                    """)
        }
    }

    public func claimRelatedRefresh(holder: String, now: Date, until: Date) async throws -> Int64? {
        try await write { db in
            try db.execute(
                sql: "UPDATE relatedRefresh SET holder = ?, until = ?, claims = claims + 1 WHERE id = 1 AND (holder IS NULL OR until <= ? OR holder = ?)",
                arguments: [holder, until.timeIntervalSince1970, now.timeIntervalSince1970, holder])
            guard db.changesCount > 0 else { return nil }
            return try Int64.fetchOne(db, sql: "SELECT claims - 1 FROM relatedRefresh WHERE id = 1")
        }
    }

    public func releaseRelatedRefresh(holder: String) async throws {
        try await write { db in
            try db.execute(sql: "UPDATE relatedRefresh SET holder = NULL, until = 0 WHERE id = 1 AND holder = ?", arguments: [holder])
        }
    }

    public func clearRelatedAnalyses() async throws {
        try await write { db in try db.execute(sql: "DELETE FROM relatedAnalysis") }
    }

    public func relatedList(key: String) async throws -> [RelatedPick]? {
        try await read { db in
            guard
                let text = try String.fetchOne(
                    db, sql: "SELECT l.list FROM relatedList l JOIN article a ON a.id = l.articleID WHERE a.key = ?", arguments: [key])
            else { return nil }
            return try StoredText.relatedList(fromJSON: text)
        }
    }

    public func relatedLists(_ query: ArticleQuery) async throws -> RelatedListPage {
        try await read { db in
            let (filter, arguments) = Self.filter(query, table: "a")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.key, a.published, l.list FROM article a JOIN relatedList l ON l.articleID = a.id \(filter)
                    ORDER BY a.published DESC, a.id DESC LIMIT ?
                    """,
                arguments: arguments)
            var lists: [(key: String, list: [RelatedPick])] = []
            for row in rows {
                lists.append((row["key"], try StoredText.relatedList(fromJSON: row["list"])))
            }
            let next = rows.count == query.limit ? rows.last.map { ArticleCursor(published: $0["published"], rowID: $0["id"]) } : nil
            return RelatedListPage(lists: lists, next: next)
        }
    }
}

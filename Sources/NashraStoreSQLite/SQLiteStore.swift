public import Foundation
import GRDB
public import NashraModel
public import NashraStore

/// The embedded store: one SQLite file through GRDB, in WAL mode, so readers
/// (`serve`) never wait for the poller and several processes can share it.
/// Every `Store` call is one transaction.
public final class SQLiteStore: Store {
    private let pool: DatabasePool

    /// Opens (creating and migrating when needed) the store at `path`.
    /// - Throws: `StoreError` (`.unreachable`, `.schemaTooNew`).
    public init(path: String) throws {
        var configuration = Configuration()
        // Other Nashra processes may hold the write lock for one fetch's transaction.
        configuration.busyMode = .timeout(30)
        configuration.label = "nashra"
        // WAL with synchronous=NORMAL: a killed process never leaves a half-written
        // transaction (PollCrashTests); only a power cut may lose the last commits,
        // and the store stays consistent either way. FULL would fsync every fetch.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError(code: .unreachable, message: "cannot open the SQLite store at \(path)", underlying: error)
        }
        do {
            let superseded = try pool.read { try Migrations.migrator.hasBeenSuperseded($0) }
            if superseded {
                throw StoreError(code: .schemaTooNew, message: "the store at \(path) was written by a newer Nashra")
            }
            try Migrations.migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .unreachable, message: "cannot migrate the SQLite store at \(path)", underlying: error)
        }
    }

    // MARK: - Articles

    public func importArticles(_ articles: [Article]) async throws -> ImportSummary {
        try await write { db in
            var summary = ImportSummary()
            let now = Date().timeIntervalSince1970
            for article in articles {
                let record = article.recordJSON.serialized()
                let hash = ContentHash.of(record)
                if let existing = try String.fetchOne(db, sql: "SELECT contentHash FROM article WHERE key = ?", arguments: [article.id]) {
                    if existing == hash {
                        summary.unchanged += 1
                        continue
                    }
                    try db.execute(
                        sql: "UPDATE article SET record = ?, published = ?, section = ?, contentHash = ?, storedAt = ? WHERE key = ?",
                        arguments: [record, article.published.date.timeIntervalSince1970, article.section, hash, now, article.id])
                    summary.updated += 1
                } else {
                    try db.execute(
                        sql: """
                            INSERT INTO article (key, origin, record, published, section, canonicalLink, contentHash, storedAt)
                            VALUES (?, 'own', ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            article.id, record, article.published.date.timeIntervalSince1970, article.section,
                            CanonicalLink.of(article.url.absoluteString), hash, now,
                        ])
                    summary.inserted += 1
                }
            }
            return summary
        }
    }

    public func articles(_ query: ArticleQuery) async throws -> ArticlePage {
        try await read { db in
            let (filter, arguments) = Self.filter(query, table: "article")
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, origin, record, published, heldFutureDate FROM article \(filter) ORDER BY published DESC, id DESC LIMIT ?",
                arguments: arguments)
            let ids = rows.map { $0["id"] as Int64 }
            let sources = try Self.sources(db, articleIDs: ids)
            var articles: [StoredArticle] = []
            for row in rows {
                let id: Int64 = row["id"]
                let record: String = row["record"]
                articles.append(
                    StoredArticle(
                        article: try StoredText.article(fromRecord: record),
                        origin: ArticleQuery.Origin(rawValue: row["origin"]) ?? .partner,
                        sources: sources[id] ?? [], heldFutureDate: row["heldFutureDate"]))
            }
            let next = rows.count == query.limit ? rows.last.map { ArticleCursor(published: $0["published"], rowID: $0["id"]) } : nil
            return ArticlePage(articles: articles, next: next)
        }
    }

    public func article(key: String) async throws -> StoredArticle? {
        try await read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, origin, record, heldFutureDate FROM article WHERE key = ?", arguments: [key])
            else { return nil }
            let id: Int64 = row["id"]
            return StoredArticle(
                article: try StoredText.article(fromRecord: row["record"]), origin: ArticleQuery.Origin(rawValue: row["origin"]) ?? .partner,
                sources: try Self.sources(db, articleIDs: [id])[id] ?? [], heldFutureDate: row["heldFutureDate"])
        }
    }

    public func changeStamp() async throws -> String {
        try await read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT (SELECT COUNT(*) FROM article) || '-' || (SELECT IFNULL(MAX(storedAt), 0) FROM article)
                        || '-' || (SELECT IFNULL(MAX(computedAt), 0) FROM relatedList)
                    """) ?? ""
        }
    }

    /// The `WHERE` clause of an `ArticleQuery` over `table` (an alias of `article`), and its
    /// arguments followed by the page size.
    static func filter(_ query: ArticleQuery, table: String) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let origin = query.origin {
            conditions.append("\(table).origin = ?")
            _ = arguments.append(contentsOf: [origin.rawValue])
        }
        if let section = query.section {
            conditions.append("\(table).section = ?")
            _ = arguments.append(contentsOf: [section])
        }
        if let cursor = query.cursor {
            conditions.append("(\(table).published < ? OR (\(table).published = ? AND \(table).id < ?))")
            _ = arguments.append(contentsOf: [cursor.published, cursor.published, cursor.rowID])
        }
        _ = arguments.append(contentsOf: [query.limit])
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    public func articleCounts() async throws -> (own: Int, partner: Int) {
        try await read { db in
            let own = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article WHERE origin = 'own'") ?? 0
            let partner = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article WHERE origin = 'partner'") ?? 0
            return (own, partner)
        }
    }

    // MARK: - Subscriptions

    public func addSubscription(_ new: NewSubscription) async throws -> (Subscription, created: Bool) {
        try await write { db in
            let url = new.url.absoluteString
            if let existing = try Row.fetchOne(db, sql: "SELECT * FROM subscription WHERE url = ?", arguments: [url]) {
                return (try Self.subscription(existing), false)
            }
            try db.execute(
                sql: "INSERT INTO subscription (url, title, categories, interval, timeZone, nextDue) VALUES (?, ?, ?, ?, ?, 0)",
                arguments: [url, new.title, JSONValue.array(new.categories.map(JSONValue.string)).serialized(), new.interval, new.timeZone])
            let row = try Row.fetchOne(db, sql: "SELECT * FROM subscription WHERE id = ?", arguments: [db.lastInsertedRowID])!
            return (try Self.subscription(row), true)
        }
    }

    public func subscriptions() async throws -> [Subscription] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM subscription ORDER BY id").map(Self.subscription)
        }
    }

    public func removeSubscription(url: URL) async throws -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM subscription WHERE url = ?", arguments: [url.absoluteString])
            return db.changesCount > 0
        }
    }

    public func markDue(url: URL, at date: Date) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: "UPDATE subscription SET nextDue = ?, gone = 0 WHERE url = ?", arguments: [date.timeIntervalSince1970, url.absoluteString])
            return db.changesCount > 0
        }
    }

    public func fetchLog(subscriptionID: Int64, limit: Int) async throws -> [FetchLogEntry] {
        try await read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM fetchLog WHERE subscriptionID = ? ORDER BY at DESC, id DESC LIMIT ?", arguments: [subscriptionID, limit]
            ).map {
                FetchLogEntry(
                    at: Date(timeIntervalSince1970: $0["at"]), status: $0["status"], durationMilliseconds: $0["durationMilliseconds"],
                    error: $0["error"], bytes: $0["bytes"])
            }
        }
    }

    // MARK: - Leases

    public func leaseSubscriptions(_ request: LeaseRequest) async throws -> LeaseOutcome {
        guard !request.subscriptionIDs.isEmpty else { return LeaseOutcome(leased: [], refused: []) }
        return try await write { db in
            let ids = StatementArguments(request.subscriptionIDs)
            let placeholders = Array(repeating: "?", count: request.subscriptionIDs.count).joined(separator: ",")
            // SQLite has one writer at a time: this transaction alone decides who holds what.
            try db.execute(
                sql: """
                    UPDATE subscription SET leaseHolder = ?, leaseUntil = ? WHERE id IN (\(placeholders)) AND gone = 0 AND nextDue <= ?
                    AND (leaseUntil IS NULL OR leaseUntil <= ? OR leaseHolder = ?)
                    """,
                arguments: [request.holder, request.until.timeIntervalSince1970] + ids
                    + [request.dueBy.timeIntervalSince1970, request.now.timeIntervalSince1970, request.holder])
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM subscription WHERE id IN (\(placeholders)) ORDER BY id", arguments: ids)
            var outcome = LeaseOutcome(leased: [], refused: [])
            for row in rows {
                let holder: String? = row["leaseHolder"]
                let until: Double? = row["leaseUntil"]
                if holder == request.holder && until == request.until.timeIntervalSince1970 {
                    outcome.leased.append(try Self.subscription(row))
                } else {
                    outcome.refused.append(try Self.subscription(row))
                }
            }
            return outcome
        }
    }

    // MARK: - Ingest

    public func applyFetch(_ fetch: FetchApplication) async throws -> IngestSummary {
        try await write { db in
            let s = fetch.state
            try db.execute(
                sql: """
                    UPDATE subscription SET etag = ?, lastModified = ?, lastAttempt = ?, lastSuccess = ?, lastStatus = ?, lastError = ?,
                    failures = ?, nextDue = ?, gone = ?, feedMinimumInterval = ?, title = COALESCE(title, ?), leaseHolder = NULL,
                    leaseUntil = NULL WHERE id = ?
                    """,
                arguments: [
                    s.etag, s.lastModified, s.lastAttempt?.timeIntervalSince1970, s.lastSuccess?.timeIntervalSince1970, s.lastStatus,
                    s.lastError, s.consecutiveFailures, s.nextDue.timeIntervalSince1970, s.gone, s.feedMinimumInterval, fetch.feedTitle,
                    fetch.subscriptionID,
                ])
            if let newURL = fetch.newURL {
                // A permanent redirect onto a URL another subscription already has keeps the old URL.
                try db.execute(
                    sql: "UPDATE OR IGNORE subscription SET url = ? WHERE id = ?", arguments: [newURL.absoluteString, fetch.subscriptionID])
            }
            var summary = IngestSummary()
            let now = fetch.log.at.timeIntervalSince1970
            for entry in fetch.entries {
                try Self.merge(entry, subscriptionID: fetch.subscriptionID, now: now, db: db, summary: &summary)
            }
            try db.execute(
                sql: """
                    INSERT INTO fetchLog (subscriptionID, at, status, durationMilliseconds, error, bytes, newCount, updatedCount)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    fetch.subscriptionID, now, fetch.log.status, fetch.log.durationMilliseconds, fetch.log.error, fetch.log.bytes,
                    summary.new, summary.updated,
                ])
            return summary
        }
    }

    /// One entry: unchanged, updated in place, the same story as one already stored, or new.
    private static func merge(_ entry: IncomingEntry, subscriptionID: Int64, now: Double, db: Database, summary: inout IngestSummary) throws {
        if let known = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT articleID, contentHash FROM articleSource WHERE subscriptionID = ? AND entryKey = ?"),
            arguments: [subscriptionID, entry.entryKey])
        {
            let oldHash: String = known["contentHash"]
            if oldHash == entry.contentHash {
                summary.unchanged += 1
                return
            }
            let articleID: Int64 = known["articleID"]
            let key = try String.fetchOne(db.cachedStatement(sql: "SELECT key FROM article WHERE id = ?"), arguments: [articleID]) ?? entry.article.id
            var article = entry.article
            article.id = key
            // A story merged from several partners keeps the key it was first stored under.
            let record = key == entry.article.id ? entry.record : article.recordJSON.serialized()
            try db.cachedStatement(
                sql: "UPDATE article SET record = ?, published = ?, contentHash = ?, heldFutureDate = ?, storedAt = ? WHERE id = ? AND origin = 'partner'"
            ).execute(arguments: [record, article.published.date.timeIntervalSince1970, entry.contentHash, entry.heldFutureDate, now, articleID])
            let bands = entry.simhash.map(SimHashBands.init)
            try db.cachedStatement(sql: """
                    UPDATE articleSource SET contentHash = ?, link = ?, canonicalLink = ?, simhash = ?, band0 = ?, band1 = ?, band2 = ?,
                    band3 = ? WHERE subscriptionID = ? AND entryKey = ?
                    """).execute(arguments: [
                    entry.contentHash, entry.article.url.absoluteString, entry.canonicalLink, entry.simhash.map { Int64(bitPattern: $0) },
                    bands?.values[0], bands?.values[1], bands?.values[2], bands?.values[3], subscriptionID, entry.entryKey,
                ])
            summary.updated += 1
            return
        }
        let matches = try sameStories(entry, subscriptionID: subscriptionID, db: db)
        if let target = try mergeTarget(matches, db: db) {
            try insertSource(entry, subscriptionID: subscriptionID, articleID: target, db: db)
            // A late copy may tie together stories stored apart (B and C share nothing; A matches both).
            for other in matches where other != target {
                try absorb(other, into: target, db: db)
            }
            summary.duplicates += 1
            return
        }
        try db.cachedStatement(sql: """
                INSERT INTO article (key, origin, record, published, section, canonicalLink, contentHash, heldFutureDate, storedAt)
                VALUES (?, 'partner', ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                entry.article.id, entry.record, entry.article.published.date.timeIntervalSince1970,
                entry.article.section, entry.canonicalLink, entry.contentHash, entry.heldFutureDate, now,
            ])
        try insertSource(entry, subscriptionID: subscriptionID, articleID: db.lastInsertedRowID, db: db)
        summary.new += 1
    }

    /// One partner's copy of a story, with its own fingerprints: later copies are compared with
    /// every copy stored, not only with the first (see `Migrations`).
    private static func insertSource(_ entry: IncomingEntry, subscriptionID: Int64, articleID: Int64, db: Database) throws {
        let bands = entry.simhash.map(SimHashBands.init)
        try db.cachedStatement(sql: """
                INSERT INTO articleSource (subscriptionID, entryKey, articleID, link, contentHash, canonicalLink, simhash, band0, band1, band2,
                band3) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                subscriptionID, entry.entryKey, articleID, entry.article.url.absoluteString, entry.contentHash, entry.canonicalLink,
                entry.simhash.map { Int64(bitPattern: $0) }, bands?.values[0], bands?.values[1], bands?.values[2], bands?.values[3],
            ])
    }

    /// An article already stored, from another source, that tells the same
    /// story: the same canonical link as the site's own article or as any
    /// partner's copy, or a SimHash within `SimHashBands.maximumDistance` bits
    /// of any partner's copy (found through the four 16-bit bands: two hashes
    /// that close share at least one band). Two items of one feed are never
    /// merged: the partner published them as separate stories.
    private static func sameStories(_ entry: IncomingEntry, subscriptionID: Int64, db: Database) throws -> [Int64] {
        var found: [Int64] = []
        // The candidate article (named by `column`) has no copy from this subscription yet.
        func otherSource(_ column: String) -> String {
            "NOT EXISTS (SELECT 1 FROM articleSource o WHERE o.articleID = \(column) AND o.subscriptionID = ?)"
        }
        if let link = entry.canonicalLink {
            // The site's own articles (which have no source rows) and the first copy of each story.
            found += try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT id FROM article WHERE canonicalLink = ? AND \(otherSource("article.id")) LIMIT 20"),
                arguments: [link, subscriptionID])
            // Any partner's copy: B may carry A's link although C's copy was stored first.
            found += try Int64.fetchAll(
                db.cachedStatement(sql: """
                    SELECT s.articleID FROM articleSource s WHERE s.canonicalLink = ? AND s.subscriptionID != ?
                    AND \(otherSource("s.articleID")) LIMIT 20
                    """),
                arguments: [link, subscriptionID, subscriptionID])
        }
        guard let simhash = entry.simhash else { return unique(found) }
        let bands = SimHashBands(simhash)
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT s.articleID, s.simhash FROM articleSource s WHERE (s.band0 = ? OR s.band1 = ? OR s.band2 = ? OR s.band3 = ?)
                AND s.subscriptionID != ? AND \(otherSource("s.articleID")) LIMIT 200
                """),
            arguments: [bands.values[0], bands.values[1], bands.values[2], bands.values[3], subscriptionID, subscriptionID])
        for row in rows {
            guard let other: Int64 = row["simhash"] else { continue }
            if (UInt64(bitPattern: other) ^ simhash).nonzeroBitCount <= SimHashBands.maximumDistance { found.append(row["articleID"]) }
        }
        return unique(found)
    }

    /// Ids in first-seen order, without repeats.
    private static func unique(_ ids: [Int64]) -> [Int64] {
        var seen = Set<Int64>()
        return ids.filter { seen.insert($0).inserted }
    }

    /// The article a new copy joins: the site's own article when one matched, else the oldest.
    private static func mergeTarget(_ matches: [Int64], db: Database) throws -> Int64? {
        guard !matches.isEmpty else { return nil }
        let placeholders = Array(repeating: "?", count: matches.count).joined(separator: ",")
        return try Int64.fetchOne(
            db, sql: "SELECT id FROM article WHERE id IN (\(placeholders)) ORDER BY origin = 'own' DESC, id LIMIT 1",
            arguments: StatementArguments(matches))
    }

    /// Moves a partner article's copies onto `target` and deletes it, unless
    /// that would put two items of one feed into one story (they stay apart)
    /// or `other` is one of the site's own articles.
    private static func absorb(_ other: Int64, into target: Int64, db: Database) throws {
        let clash = try Bool.fetchOne(
            db,
            sql: """
                SELECT EXISTS (SELECT 1 FROM articleSource a JOIN articleSource b ON a.subscriptionID = b.subscriptionID
                WHERE a.articleID = ? AND b.articleID = ?) OR EXISTS (SELECT 1 FROM article WHERE id = ? AND origin = 'own')
                """,
            arguments: [other, target, other]) ?? true
        guard !clash else { return }
        try db.execute(sql: "UPDATE articleSource SET articleID = ? WHERE articleID = ?", arguments: [target, other])
        try db.execute(sql: "DELETE FROM article WHERE id = ?", arguments: [other])
    }

    // MARK: - Rows

    private static func subscription(_ row: Row) throws -> Subscription {
        let categoriesJSON: String = row["categories"]
        let categories = (try? JSONSerialization.jsonObject(with: Data(categoriesJSON.utf8)) as? [String]) ?? []
        let urlText: String = row["url"]
        guard let url = URL(string: urlText) else {
            throw StoreError(code: .invalid, message: "stored subscription URL is not a URL: \(urlText)")
        }
        let lastAttempt: Double? = row["lastAttempt"]
        let lastSuccess: Double? = row["lastSuccess"]
        let leaseUntil: Double? = row["leaseUntil"]
        return Subscription(
            id: row["id"], url: url, title: row["title"], categories: categories, interval: row["interval"], timeZone: row["timeZone"],
            fetch: FetchState(
                etag: row["etag"], lastModified: row["lastModified"], lastAttempt: lastAttempt.map(Date.init(timeIntervalSince1970:)),
                lastSuccess: lastSuccess.map(Date.init(timeIntervalSince1970:)), lastStatus: row["lastStatus"], lastError: row["lastError"],
                consecutiveFailures: row["failures"], nextDue: Date(timeIntervalSince1970: row["nextDue"]), gone: row["gone"],
                feedMinimumInterval: row["feedMinimumInterval"], leasedUntil: leaseUntil.map(Date.init(timeIntervalSince1970:))))
    }

    private static func sources(_ db: Database, articleIDs: [Int64]) throws -> [Int64: [ArticleSourceRef]] {
        guard !articleIDs.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: articleIDs.count).joined(separator: ",")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.articleID, s.subscriptionID, s.entryKey, s.link, sub.url, sub.title FROM articleSource s
                JOIN subscription sub ON sub.id = s.subscriptionID WHERE s.articleID IN (\(placeholders)) ORDER BY s.rowid
                """,
            arguments: StatementArguments(articleIDs))
        var result: [Int64: [ArticleSourceRef]] = [:]
        for row in rows {
            let feed: String = row["url"]
            let link: String? = row["link"]
            guard let feedURL = URL(string: feed) else { continue }
            result[row["articleID"], default: []].append(
                ArticleSourceRef(
                    subscriptionID: row["subscriptionID"], feedURL: feedURL, feedTitle: row["title"], entryKey: row["entryKey"],
                    link: link.flatMap(URL.init(string:))))
        }
        return result
    }

    // MARK: - Transactions

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await pool.write(body) } catch let error as StoreError { throw error } catch {
            throw StoreError(code: .io, message: "the SQLite store could not be written", underlying: error)
        }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await pool.read(body) } catch let error as StoreError { throw error } catch {
            throw StoreError(code: .io, message: "the SQLite store could not be read", underlying: error)
        }
    }
}

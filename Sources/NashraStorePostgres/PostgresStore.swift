public import Foundation
public import Logging
public import NashraModel
public import NashraStore
import PostgresNIO

/// The store on PostgreSQL, for sites that outgrow one machine: several pollers and servers
/// share one database. Same semantics as the SQLite engine: every `Store` call is one
/// transaction, and merging fetched entries into stories happens one fetch at a time across
/// every process (an advisory lock), so two pollers never store one story twice. Committed
/// writes are announced on the `nashra_changes` channel (`LISTEN`), for server replicas.
public final class PostgresStore: Store {
    let client: PostgresClient
    let logger: Logger
    /// Names this process's writes in change notifications, so that it can ignore its own.
    let instanceID = UUID().uuidString
    /// The URL without its password, for messages.
    public let displayName: String
    private let runner: Task<Void, Never>

    /// Times a deadlocked transaction is tried.
    static let maximumAttempts = 3
    static let migrationLock: Int64 = 0x6E61_7368_0001
    /// Held while fetched entries are merged or articles imported (see the type's documentation).
    static let ingestLock: Int64 = 0x6E61_7368_0002
    /// The channel that announces committed changes to articles and related lists.
    public static let changeChannel = "nashra_changes"

    /// Connects to the database `url` names and brings its schema up to date.
    /// - Throws: `StoreError` (`.invalid` URL, `.unreachable`, `.schemaTooNew`).
    public init(url: String, logger: Logger = Logger(label: "nashra.postgres")) async throws {
        let location = try PostgresLocation(url: url)
        var quiet = logger
        // The pool logs every reconnection attempt at debug level; keep the caller's level otherwise.
        quiet.logLevel = max(logger.logLevel, .warning)
        let client = PostgresClient(configuration: location.configuration, backgroundLogger: quiet)
        self.client = client
        self.logger = quiet
        self.displayName = location.displayName
        runner = Task { await client.run() }
        let (background, name, timeout) = (quiet, location.displayName, location.connectTimeout)
        do {
            // The pool retries a refused connection for ever; opening the store gives up after the connect time-out.
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await PostgresMigrations.migrate(client, logger: background, displayName: name)
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw StoreError(code: .unreachable, message: "cannot open the PostgreSQL store at \(name): no connection within \(timeout)")
                }
                try await group.next()
                group.cancelAll()
            }
        } catch {
            runner.cancel()
            if let error = Self.storeError(error) { throw error }
            throw StoreError(code: .unreachable, message: "cannot open the PostgreSQL store at \(location.displayName)", underlying: error)
        }
    }

    deinit {
        runner.cancel()
    }

    // MARK: - Articles

    public func importArticles(_ articles: [Article]) async throws -> ImportSummary {
        try await write { connection in
            try await self.lock(Self.ingestLock, connection)
            var summary = ImportSummary()
            let now = Date().timeIntervalSince1970
            for article in articles {
                let record = article.recordJSON.serialized()
                let hash = ContentHash.of(record)
                let published = article.published.date.timeIntervalSince1970
                let existing = try await connection.query(
                    "SELECT contentHash FROM article WHERE key = \(article.id)", logger: self.logger
                ).rows().first
                if let existing {
                    if try existing.value("contentHash", as: String.self) == hash {
                        summary.unchanged += 1
                        continue
                    }
                    try await connection.query(
                        """
                        UPDATE article SET record = \(record), published = \(published), section = \(article.section),
                        contentHash = \(hash), storedAt = \(now) WHERE key = \(article.id)
                        """, logger: self.logger)
                    summary.updated += 1
                } else {
                    try await connection.query(
                        """
                        INSERT INTO article (key, origin, record, published, section, canonicalLink, contentHash, storedAt)
                        VALUES (\(article.id), 'own', \(record), \(published), \(article.section),
                        \(CanonicalLink.of(article.url.absoluteString)), \(hash), \(now))
                        """, logger: self.logger)
                    summary.inserted += 1
                }
            }
            if summary.inserted + summary.updated > 0 { try await self.announceChange(connection) }
            return summary
        }
    }

    public func articles(_ query: ArticleQuery) async throws -> ArticlePage {
        try await read { connection in
            let filter = ArticleFilter(query, table: "article")
            let rows = try await connection.query(
                filter.query(
                    "SELECT id, origin, record, published, heldFutureDate FROM article",
                    then: "ORDER BY published DESC, id DESC LIMIT"), logger: self.logger
            ).rows()
            let ids = try rows.map { try $0.value("id", as: Int64.self) }
            let sources = try await self.sources(connection, articleIDs: ids)
            var articles: [StoredArticle] = []
            for row in rows {
                articles.append(
                    StoredArticle(
                        article: try StoredText.article(fromRecord: row.value("record")),
                        origin: ArticleQuery.Origin(rawValue: try row.value("origin")) ?? .partner,
                        sources: sources[try row.value("id")] ?? [], heldFutureDate: try row.value("heldFutureDate")))
            }
            return ArticlePage(articles: articles, next: try filter.nextCursor(after: rows))
        }
    }

    public func article(key: String) async throws -> StoredArticle? {
        try await read { connection in
            guard
                let row = try await connection.query(
                    "SELECT id, origin, record, heldFutureDate FROM article WHERE key = \(key)", logger: self.logger
                ).rows().first
            else { return nil }
            let id: Int64 = try row.value("id")
            return StoredArticle(
                article: try StoredText.article(fromRecord: row.value("record")),
                origin: ArticleQuery.Origin(rawValue: try row.value("origin")) ?? .partner,
                sources: try await self.sources(connection, articleIDs: [id])[id] ?? [], heldFutureDate: try row.value("heldFutureDate"))
        }
    }

    public func changeStamp() async throws -> String {
        try await read { connection in
            let rows = try await connection.query(
                """
                SELECT (SELECT COUNT(*) FROM article)::text || '-' || (SELECT COALESCE(MAX(storedAt), 0) FROM article)::text
                    || '-' || (SELECT COALESCE(MAX(computedAt), 0) FROM relatedList)::text
                """, logger: self.logger
            ).all(String.self)
            return rows.first ?? ""
        }
    }

    public func articleCounts() async throws -> (own: Int, partner: Int) {
        try await read { connection in
            let row = try await connection.query(
                "SELECT COUNT(*) FILTER (WHERE origin = 'own') AS own, COUNT(*) FILTER (WHERE origin = 'partner') AS partner FROM article",
                logger: self.logger
            ).rows().first
            return (Int(try row?.value("own", as: Int64.self) ?? 0), Int(try row?.value("partner", as: Int64.self) ?? 0))
        }
    }

    // MARK: - Subscriptions

    public func addSubscription(_ new: NewSubscription) async throws -> (Subscription, created: Bool) {
        try await write { connection in
            let url = new.url.absoluteString
            let categories = JSONValue.array(new.categories.map(JSONValue.string)).serialized()
            let inserted = try await connection.query(
                """
                INSERT INTO subscription (url, title, categories, interval, timeZone, nextDue)
                VALUES (\(url), \(new.title), \(categories), \(Int64(new.interval)), \(new.timeZone), 0)
                ON CONFLICT (url) DO NOTHING RETURNING *
                """, logger: self.logger
            ).rows()
            if let row = inserted.first { return (try Self.subscription(row), true) }
            let existing = try await connection.query("SELECT * FROM subscription WHERE url = \(url)", logger: self.logger).rows()
            guard let row = existing.first else {
                throw StoreError(code: .io, message: "the subscription \(url) was removed while it was being added")
            }
            return (try Self.subscription(row), false)
        }
    }

    public func subscriptions() async throws -> [Subscription] {
        try await read { connection in
            try await connection.query("SELECT * FROM subscription ORDER BY id", logger: self.logger).rows().map(Self.subscription)
        }
    }

    public func removeSubscription(url: URL) async throws -> Bool {
        try await write { connection in
            try await !connection.query("DELETE FROM subscription WHERE url = \(url.absoluteString) RETURNING id", logger: self.logger)
                .rows().isEmpty
        }
    }

    public func markDue(url: URL, at date: Date) async throws -> Bool {
        try await write { connection in
            try await !connection.query(
                "UPDATE subscription SET nextDue = \(date.timeIntervalSince1970), gone = FALSE WHERE url = \(url.absoluteString) RETURNING id",
                logger: self.logger
            ).rows().isEmpty
        }
    }

    public func fetchLog(subscriptionID: Int64, limit: Int) async throws -> [FetchLogEntry] {
        try await read { connection in
            try await connection.query(
                "SELECT * FROM fetchLog WHERE subscriptionID = \(subscriptionID) ORDER BY at DESC, id DESC LIMIT \(Int64(limit))",
                logger: self.logger
            ).rows().map { row in
                FetchLogEntry(
                    at: Date(timeIntervalSince1970: try row.value("at")), status: try row.value("status", as: Int64?.self).map(Int.init),
                    durationMilliseconds: Int(try row.value("durationMilliseconds", as: Int64.self)), error: try row.value("error"),
                    bytes: Int(try row.value("bytes", as: Int64.self)))
            }
        }
    }

    // MARK: - Leases

    public func leaseSubscriptions(_ request: LeaseRequest) async throws -> LeaseOutcome {
        guard !request.subscriptionIDs.isEmpty else { return LeaseOutcome(leased: [], refused: []) }
        return try await write { connection in
            let ids = request.subscriptionIDs
            // Rows another poller is leasing right now are skipped, not waited for.
            let leased = try await connection.query(
                """
                WITH claimable AS (
                    SELECT id FROM subscription WHERE id = ANY(\(ids)) AND NOT gone AND nextDue <= \(request.dueBy.timeIntervalSince1970)
                    AND (leaseUntil IS NULL OR leaseUntil <= \(request.now.timeIntervalSince1970) OR leaseHolder = \(request.holder))
                    ORDER BY id FOR UPDATE SKIP LOCKED
                )
                UPDATE subscription s SET leaseHolder = \(request.holder), leaseUntil = \(request.until.timeIntervalSince1970)
                FROM claimable WHERE s.id = claimable.id RETURNING s.*
                """, logger: self.logger
            ).rows().map(Self.subscription)
            let claimed = Set(leased.map(\.id))
            let others = ids.filter { !claimed.contains($0) }
            let refused =
                others.isEmpty
                ? []
                : try await connection.query("SELECT * FROM subscription WHERE id = ANY(\(others)) ORDER BY id", logger: self.logger)
                    .rows().map(Self.subscription)
            return LeaseOutcome(leased: leased.sorted { $0.id < $1.id }, refused: refused)
        }
    }

    // MARK: - Ingest

    public func applyFetch(_ fetch: FetchApplication) async throws -> IngestSummary {
        try await write { connection in
            if !fetch.entries.isEmpty { try await self.lock(Self.ingestLock, connection) }
            let s = fetch.state
            try await connection.query(
                """
                UPDATE subscription SET etag = \(s.etag), lastModified = \(s.lastModified),
                lastAttempt = \(s.lastAttempt?.timeIntervalSince1970), lastSuccess = \(s.lastSuccess?.timeIntervalSince1970),
                lastStatus = \(s.lastStatus.map(Int64.init)), lastError = \(s.lastError), failures = \(Int64(s.consecutiveFailures)),
                nextDue = \(s.nextDue.timeIntervalSince1970), gone = \(s.gone), feedMinimumInterval = \(s.feedMinimumInterval.map(Int64.init)),
                title = COALESCE(title, \(fetch.feedTitle)), leaseHolder = NULL, leaseUntil = NULL WHERE id = \(fetch.subscriptionID)
                """, logger: self.logger)
            if let newURL = fetch.newURL?.absoluteString {
                // A permanent redirect onto a URL another subscription already has keeps the old URL.
                try await connection.query(
                    """
                    UPDATE subscription SET url = \(newURL) WHERE id = \(fetch.subscriptionID)
                    AND NOT EXISTS (SELECT 1 FROM subscription WHERE url = \(newURL))
                    """, logger: self.logger)
            }
            var summary = IngestSummary()
            let now = fetch.log.at.timeIntervalSince1970
            try await self.ingest(fetch.entries, subscriptionID: fetch.subscriptionID, now: now, connection: connection, summary: &summary)
            try await connection.query(
                """
                INSERT INTO fetchLog (subscriptionID, at, status, durationMilliseconds, error, bytes, newCount, updatedCount)
                VALUES (\(fetch.subscriptionID), \(now), \(fetch.log.status.map(Int64.init)), \(Int64(fetch.log.durationMilliseconds)),
                \(fetch.log.error), \(Int64(fetch.log.bytes)), \(Int64(summary.new)), \(Int64(summary.updated)))
                """, logger: self.logger)
            if summary.new + summary.updated + summary.duplicates > 0 { try await self.announceChange(connection) }
            return summary
        }
    }

    // MARK: - Rows

    static func subscription(_ row: PostgresRandomAccessRow) throws -> Subscription {
        let categoriesJSON: String = try row.value("categories")
        let categories = (try? JSONSerialization.jsonObject(with: Data(categoriesJSON.utf8)) as? [String]) ?? []
        let urlText: String = try row.value("url")
        guard let url = URL(string: urlText) else {
            throw StoreError(code: .invalid, message: "stored subscription URL is not a URL: \(urlText)")
        }
        func date(_ column: String) throws -> Date? { try row.value(column, as: Double?.self).map(Date.init(timeIntervalSince1970:)) }
        func int(_ column: String) throws -> Int? { try row.value(column, as: Int64?.self).map(Int.init) }
        return Subscription(
            id: try row.value("id"), url: url, title: try row.value("title"), categories: categories,
            interval: try int("interval") ?? 900, timeZone: try row.value("timeZone"),
            fetch: FetchState(
                etag: try row.value("etag"), lastModified: try row.value("lastModified"), lastAttempt: try date("lastAttempt"),
                lastSuccess: try date("lastSuccess"), lastStatus: try int("lastStatus"), lastError: try row.value("lastError"),
                consecutiveFailures: try int("failures") ?? 0, nextDue: try date("nextDue") ?? Date(timeIntervalSince1970: 0),
                gone: try row.value("gone"), feedMinimumInterval: try int("feedMinimumInterval"), leasedUntil: try date("leaseUntil")))
    }

    func sources(_ connection: PostgresConnection, articleIDs: [Int64]) async throws -> [Int64: [ArticleSourceRef]] {
        guard !articleIDs.isEmpty else { return [:] }
        let rows = try await connection.query(
            """
            SELECT s.articleID, s.subscriptionID, s.entryKey, s.link, sub.url, sub.title FROM articleSource s
            JOIN subscription sub ON sub.id = s.subscriptionID WHERE s.articleID = ANY(\(articleIDs)) ORDER BY s.seq
            """, logger: logger
        ).rows()
        var result: [Int64: [ArticleSourceRef]] = [:]
        for row in rows {
            guard let feedURL = URL(string: try row.value("url")) else { continue }
            result[try row.value("articleID"), default: []].append(
                ArticleSourceRef(
                    subscriptionID: try row.value("subscriptionID"), feedURL: feedURL, feedTitle: try row.value("title"),
                    entryKey: try row.value("entryKey"), link: try row.value("link", as: String?.self).flatMap(URL.init(string:))))
        }
        return result
    }

    // MARK: - Transactions

    /// The `StoreError` a transaction's body threw, unwrapped from PostgresNIO's transaction error.
    static func storeError(_ error: any Error) -> StoreError? {
        if let error = error as? StoreError { return error }
        if let error = error as? PostgresTransactionError, let inner = error.closureError { return storeError(inner) }
        return nil
    }

    /// The SQLSTATE of a server error, unwrapped from PostgresNIO's transaction error.
    static func sqlState(_ error: any Error) -> String? {
        if let error = error as? PSQLError { return error.serverInfo?[.sqlState] }
        if let error = error as? PostgresTransactionError {
            return [error.closureError, error.commitError].compactMap { $0.flatMap(sqlState) }.first
        }
        return nil
    }

    /// Runs `body` in one transaction. A transaction the server chose to abort to end a deadlock
    /// with another process's (a poller merging stories while a server stores lists) runs again.
    @discardableResult
    func write<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        var attempt = 1
        do {
            while true {
                do {
                    return try await client.withTransaction(logger: logger) { try await body($0) }
                } catch where attempt < Self.maximumAttempts && ["40P01", "40001"].contains(Self.sqlState(error) ?? "") {
                    logger.notice("transaction retried after a deadlock", metadata: ["attempt": "\(attempt)"])
                    attempt += 1
                }
            }
        } catch {
            if let error = Self.storeError(error) { throw error }
            throw StoreError(code: .io, message: "the PostgreSQL store at \(displayName) could not be written", underlying: error)
        }
    }

    /// Runs `body` on one connection, in one read-only transaction (a consistent view across its queries).
    func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SET TRANSACTION READ ONLY", logger: logger)
                return try await body(connection)
            }
        } catch {
            if let error = Self.storeError(error) { throw error }
            throw StoreError(code: .io, message: "the PostgreSQL store at \(displayName) could not be read", underlying: error)
        }
    }

    /// Takes a lock held until the transaction ends.
    func lock(_ key: Int64, _ connection: PostgresConnection) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(key))", logger: logger)
    }

    /// Tells listeners, when the transaction commits, that articles or related lists changed.
    func announceChange(_ connection: PostgresConnection) async throws {
        try await connection.query("SELECT pg_notify(\(Self.changeChannel), \(instanceID))", logger: logger)
    }
}

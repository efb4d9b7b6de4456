import Foundation
import NashraModel
import NashraStore
import PostgresNIO

/// Merging fetched entries into the stored stories: the SQLite engine's rules, in PostgreSQL.
/// Runs under the ingest lock, so no other transaction merges at the same time; the lock is
/// held for few round trips: entries that are plainly new go in with one statement.
extension PostgresStore {
    /// Merges a fetch's entries: the ones this feed sent before are compared by hash; of the
    /// others, those that may tell a story stored from elsewhere go through `merge` one by one,
    /// and the rest are inserted together.
    func ingest(_ entries: [IncomingEntry], subscriptionID: Int64, now: Double, connection: PostgresConnection, summary: inout IngestSummary)
        async throws
    {
        guard !entries.isEmpty else { return }
        let known = try await connection.query(
            """
            SELECT s.entryKey, s.contentHash FROM articleSource s
            WHERE s.subscriptionID = \(subscriptionID) AND s.entryKey = ANY(\(Array(Set(entries.map(\.entryKey)))))
            """, logger: logger
        ).rows()
        var knownHashes: [String: String] = [:]
        for row in known { knownHashes[try row.value("entryKey")] = try row.value("contentHash") }

        // An entry key or article id that repeats within the fetch goes through `merge` after the first.
        var fresh: [IncomingEntry] = []
        var oneByOne: [IncomingEntry] = []
        var freshKeys = Set<String>()
        var freshIDs = Set<String>()
        for entry in entries {
            if let hash = knownHashes[entry.entryKey], hash == entry.contentHash {
                summary.unchanged += 1
            } else if knownHashes[entry.entryKey] == nil, freshKeys.insert(entry.entryKey).inserted, freshIDs.insert(entry.article.id).inserted {
                fresh.append(entry)
            } else {
                oneByOne.append(entry)
            }
        }
        let mayBeCopies = try await entriesWithStoryCandidates(fresh, subscriptionID: subscriptionID, connection: connection)
        let alone = fresh.indices.filter { !mayBeCopies.contains($0) }.map { fresh[$0] }
        try await insertNewStories(alone, subscriptionID: subscriptionID, now: now, connection: connection)
        summary.new += alone.count
        for entry in mayBeCopies.sorted().map({ fresh[$0] }) + oneByOne {
            try await merge(entry, subscriptionID: subscriptionID, now: now, connection: connection, summary: &summary)
        }
    }

    /// The positions in `entries` of those that share a canonical link with a stored story, or
    /// have a SimHash within `SimHashBands.maximumDistance` bits of another feed's copy (`merge`
    /// then decides, with the exact rules): two queries for the whole fetch, on the indexes.
    private func entriesWithStoryCandidates(_ entries: [IncomingEntry], subscriptionID: Int64, connection: PostgresConnection)
        async throws -> Set<Int>
    {
        guard !entries.isEmpty else { return [] }
        var found = Set<Int>()
        let links = Array(Set(entries.compactMap(\.canonicalLink)))
        if !links.isEmpty {
            let matched = try await connection.query(
                """
                SELECT canonicalLink FROM article WHERE canonicalLink = ANY(\(links))
                UNION SELECT canonicalLink FROM articleSource WHERE canonicalLink = ANY(\(links)) AND subscriptionID <> \(subscriptionID)
                """, logger: logger
            ).all(String.self)
            let linked = Set(matched)
            for (position, entry) in entries.enumerated() where entry.canonicalLink.map(linked.contains) ?? false {
                found.insert(position)
            }
        }
        let hashes = entries.compactMap(\.simhash)
        if !hashes.isEmpty {
            let bands = hashes.map { SimHashBands($0).values }
            let near = try await connection.query(
                """
                SELECT DISTINCT simhash FROM articleSource
                WHERE (band0 = ANY(\(bands.map { $0[0] })) OR band1 = ANY(\(bands.map { $0[1] })) OR band2 = ANY(\(bands.map { $0[2] }))
                       OR band3 = ANY(\(bands.map { $0[3] }))) AND subscriptionID <> \(subscriptionID)
                """, logger: logger
            ).all(Int64.self).map { UInt64(bitPattern: $0) }
            for (position, entry) in entries.enumerated() {
                guard let simhash = entry.simhash else { continue }
                if near.contains(where: { ($0 ^ simhash).nonzeroBitCount <= SimHashBands.maximumDistance }) { found.insert(position) }
            }
        }
        return found
    }

    /// Entries that tell no stored story: their articles and sources in one statement, in feed order.
    private func insertNewStories(_ entries: [IncomingEntry], subscriptionID: Int64, now: Double, connection: PostgresConnection) async throws {
        guard !entries.isEmpty else { return }
        let bands = entries.map { $0.simhash.map { SimHashBands($0).values } ?? [0, 0, 0, 0] }
        try await connection.query(
            """
            WITH x AS (
                SELECT * FROM unnest(
                    \(entries.map(\.article.id)), \(entries.map(\.record)), \(entries.map { $0.article.published.date.timeIntervalSince1970 }),
                    \(entries.map { $0.article.section ?? "" }), \(entries.map { $0.article.section != nil }),
                    \(entries.map { $0.canonicalLink ?? "" }), \(entries.map { $0.canonicalLink != nil }), \(entries.map(\.contentHash)),
                    \(entries.map(\.heldFutureDate)), \(entries.map(\.entryKey)), \(entries.map(\.article.url.absoluteString)),
                    \(entries.map { $0.simhash.map { Int64(bitPattern: $0) } ?? 0 }), \(entries.map { $0.simhash != nil }),
                    \(bands.map { $0[0] }), \(bands.map { $0[1] }), \(bands.map { $0[2] }), \(bands.map { $0[3] })
                ) WITH ORDINALITY AS x(key, record, published, section, hasSection, link, hasLink, hash, held, entryKey, url,
                                       simhash, hasSimhash, b0, b1, b2, b3, position)
            ),
            inserted AS (
                INSERT INTO article (key, origin, record, published, section, canonicalLink, contentHash, heldFutureDate, storedAt)
                SELECT key, 'partner', record, published, CASE WHEN hasSection THEN section END, CASE WHEN hasLink THEN link END, hash,
                       held, \(now)
                FROM x ORDER BY position RETURNING id, key
            )
            INSERT INTO articleSource (subscriptionID, entryKey, articleID, link, contentHash, canonicalLink, simhash, band0, band1, band2, band3)
            SELECT \(subscriptionID), x.entryKey, inserted.id, x.url, x.hash, CASE WHEN x.hasLink THEN x.link END,
                   CASE WHEN x.hasSimhash THEN x.simhash END, CASE WHEN x.hasSimhash THEN x.b0 END, CASE WHEN x.hasSimhash THEN x.b1 END,
                   CASE WHEN x.hasSimhash THEN x.b2 END, CASE WHEN x.hasSimhash THEN x.b3 END
            FROM x JOIN inserted ON inserted.key = x.key ORDER BY x.position
            """, logger: logger)
    }

    /// One entry: unchanged, updated in place, the same story as one already stored, or new.
    func merge(_ entry: IncomingEntry, subscriptionID: Int64, now: Double, connection: PostgresConnection, summary: inout IngestSummary)
        async throws
    {
        let simhash = entry.simhash.map { Int64(bitPattern: $0) }
        let bands = entry.simhash.map(SimHashBands.init)
        if let known = try await connection.query(
            """
            SELECT s.articleID, s.contentHash, a.key FROM articleSource s JOIN article a ON a.id = s.articleID
            WHERE s.subscriptionID = \(subscriptionID) AND s.entryKey = \(entry.entryKey)
            """, logger: logger
        ).rows().first {
            if try known.value("contentHash", as: String.self) == entry.contentHash {
                summary.unchanged += 1
                return
            }
            let articleID: Int64 = try known.value("articleID")
            let key: String = try known.value("key")
            var article = entry.article
            article.id = key
            // A story merged from several partners keeps the key it was first stored under.
            let record = key == entry.article.id ? entry.record : article.recordJSON.serialized()
            try await connection.query(
                """
                UPDATE article SET record = \(record), published = \(article.published.date.timeIntervalSince1970),
                contentHash = \(entry.contentHash), heldFutureDate = \(entry.heldFutureDate), storedAt = \(now)
                WHERE id = \(articleID) AND origin = 'partner'
                """, logger: logger)
            try await connection.query(
                """
                UPDATE articleSource SET contentHash = \(entry.contentHash), link = \(entry.article.url.absoluteString),
                canonicalLink = \(entry.canonicalLink), simhash = \(simhash), band0 = \(bands?.values[0]), band1 = \(bands?.values[1]),
                band2 = \(bands?.values[2]), band3 = \(bands?.values[3])
                WHERE subscriptionID = \(subscriptionID) AND entryKey = \(entry.entryKey)
                """, logger: logger)
            summary.updated += 1
            return
        }
        let matches = try await sameStories(entry, subscriptionID: subscriptionID, connection: connection)
        if let target = try await mergeTarget(matches, connection: connection) {
            try await insertSource(entry, subscriptionID: subscriptionID, articleID: target, connection: connection)
            // A late copy may tie together stories stored apart (B and C share nothing; A matches both).
            for other in matches where other != target {
                try await absorb(other, into: target, connection: connection)
            }
            summary.duplicates += 1
            return
        }
        let inserted = try await connection.query(
            """
            INSERT INTO article (key, origin, record, published, section, canonicalLink, contentHash, heldFutureDate, storedAt)
            VALUES (\(entry.article.id), 'partner', \(entry.record), \(entry.article.published.date.timeIntervalSince1970),
            \(entry.article.section), \(entry.canonicalLink), \(entry.contentHash), \(entry.heldFutureDate), \(now))
            RETURNING id
            """, logger: logger
        ).all(Int64.self)
        for articleID in inserted {
            try await insertSource(entry, subscriptionID: subscriptionID, articleID: articleID, connection: connection)
        }
        summary.new += 1
    }

    /// One partner's copy of a story, with its own fingerprints.
    private func insertSource(_ entry: IncomingEntry, subscriptionID: Int64, articleID: Int64, connection: PostgresConnection) async throws {
        let bands = entry.simhash.map(SimHashBands.init)
        try await connection.query(
            """
            INSERT INTO articleSource (subscriptionID, entryKey, articleID, link, contentHash, canonicalLink, simhash, band0, band1, band2, band3)
            VALUES (\(subscriptionID), \(entry.entryKey), \(articleID), \(entry.article.url.absoluteString), \(entry.contentHash),
            \(entry.canonicalLink), \(entry.simhash.map { Int64(bitPattern: $0) }), \(bands?.values[0]), \(bands?.values[1]),
            \(bands?.values[2]), \(bands?.values[3]))
            """, logger: logger)
    }

    /// Stories already stored, from another source, that this entry tells too: the same
    /// canonical link as an own article or any partner's copy, or a SimHash within
    /// `SimHashBands.maximumDistance` bits of any partner's copy. Never an article that
    /// already has a copy from this subscription (two items of one feed stay apart).
    private func sameStories(_ entry: IncomingEntry, subscriptionID: Int64, connection: PostgresConnection) async throws -> [Int64] {
        var found: [Int64] = []
        if let link = entry.canonicalLink {
            let rows = try await connection.query(
                """
                (SELECT id FROM article WHERE canonicalLink = \(link)
                 AND NOT EXISTS (SELECT 1 FROM articleSource o WHERE o.articleID = article.id AND o.subscriptionID = \(subscriptionID))
                 ORDER BY id LIMIT 20)
                UNION ALL
                (SELECT s.articleID FROM articleSource s WHERE s.canonicalLink = \(link) AND s.subscriptionID <> \(subscriptionID)
                 AND NOT EXISTS (SELECT 1 FROM articleSource o WHERE o.articleID = s.articleID AND o.subscriptionID = \(subscriptionID))
                 ORDER BY s.seq LIMIT 20)
                """, logger: logger
            ).all(Int64.self)
            found += rows
        }
        if let simhash = entry.simhash {
            let bands = SimHashBands(simhash)
            let rows = try await connection.query(
                """
                SELECT s.articleID, s.simhash FROM articleSource s
                WHERE (s.band0 = \(bands.values[0]) OR s.band1 = \(bands.values[1]) OR s.band2 = \(bands.values[2])
                       OR s.band3 = \(bands.values[3]))
                AND s.subscriptionID <> \(subscriptionID) AND s.simhash IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM articleSource o WHERE o.articleID = s.articleID AND o.subscriptionID = \(subscriptionID))
                ORDER BY s.seq LIMIT 200
                """, logger: logger
            ).rows()
            for row in rows {
                let (articleID, other): (Int64, Int64) = (try row.value("articleID"), try row.value("simhash"))
                guard (UInt64(bitPattern: other) ^ simhash).nonzeroBitCount <= SimHashBands.maximumDistance else { continue }
                found.append(articleID)
            }
        }
        var seen = Set<Int64>()
        return found.filter { seen.insert($0).inserted }
    }

    /// The article a new copy joins: the site's own article when one matched, else the oldest.
    private func mergeTarget(_ matches: [Int64], connection: PostgresConnection) async throws -> Int64? {
        guard !matches.isEmpty else { return nil }
        return try await connection.query(
            "SELECT id FROM article WHERE id = ANY(\(matches)) ORDER BY origin = 'own' DESC, id LIMIT 1", logger: logger
        ).all(Int64.self).first
    }

    /// Moves a partner article's copies onto `target` and deletes it, unless that would put two
    /// items of one feed into one story or `other` is one of the site's own articles.
    private func absorb(_ other: Int64, into target: Int64, connection: PostgresConnection) async throws {
        let clash = try await connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM articleSource a JOIN articleSource b ON a.subscriptionID = b.subscriptionID
            WHERE a.articleID = \(other) AND b.articleID = \(target)) OR EXISTS (SELECT 1 FROM article WHERE id = \(other) AND origin = 'own')
            """, logger: logger
        ).all(Bool.self)
        guard clash == [false] else { return }
        try await connection.query("UPDATE articleSource SET articleID = \(target) WHERE articleID = \(other)", logger: logger)
        try await connection.query("DELETE FROM article WHERE id = \(other)", logger: logger)
    }
}

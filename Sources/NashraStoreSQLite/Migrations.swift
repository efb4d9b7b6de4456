import GRDB
import NashraModel

/// The SQLite schema, as named, ordered migrations (GRDB's `DatabaseMigrator`).
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE subscription (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        url TEXT NOT NULL UNIQUE,
                        title TEXT,
                        categories TEXT NOT NULL DEFAULT '[]',
                        interval INTEGER NOT NULL,
                        timeZone TEXT,
                        etag TEXT,
                        lastModified TEXT,
                        lastAttempt REAL,
                        lastSuccess REAL,
                        lastStatus INTEGER,
                        lastError TEXT,
                        failures INTEGER NOT NULL DEFAULT 0,
                        nextDue REAL NOT NULL DEFAULT 0,
                        gone INTEGER NOT NULL DEFAULT 0,
                        feedMinimumInterval INTEGER
                    );
                    CREATE TABLE article (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        key TEXT NOT NULL UNIQUE,
                        origin TEXT NOT NULL CHECK (origin IN ('own', 'partner')),
                        record TEXT NOT NULL,
                        published REAL NOT NULL,
                        section TEXT,
                        canonicalLink TEXT,
                        contentHash TEXT NOT NULL,
                        simhash INTEGER,
                        band0 INTEGER, band1 INTEGER, band2 INTEGER, band3 INTEGER,
                        heldFutureDate INTEGER NOT NULL DEFAULT 0,
                        storedAt REAL NOT NULL
                    );
                    CREATE INDEX article_published ON article(published DESC, id DESC);
                    CREATE INDEX article_canonical ON article(canonicalLink);
                    CREATE INDEX article_band0 ON article(band0);
                    CREATE INDEX article_band1 ON article(band1);
                    CREATE INDEX article_band2 ON article(band2);
                    CREATE INDEX article_band3 ON article(band3);
                    CREATE TABLE articleSource (
                        subscriptionID INTEGER NOT NULL,
                        entryKey TEXT NOT NULL,
                        articleID INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                        link TEXT,
                        contentHash TEXT NOT NULL,
                        PRIMARY KEY (subscriptionID, entryKey)
                    );
                    CREATE INDEX articleSource_article ON articleSource(articleID);
                    CREATE TABLE fetchLog (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        subscriptionID INTEGER NOT NULL,
                        at REAL NOT NULL,
                        status INTEGER,
                        durationMilliseconds INTEGER NOT NULL,
                        error TEXT,
                        bytes INTEGER NOT NULL DEFAULT 0,
                        newCount INTEGER NOT NULL DEFAULT 0,
                        updatedCount INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX fetchLog_subscription ON fetchLog(subscriptionID, at DESC);
                    """)
        }
        // Same-story matching compared a new entry with the fingerprints of the first partner
        // that stored the story only: once B's copy had been attached to A's article, C's copy
        // of A's link (or of B's text) was not recognised (PollContentScenarioTests,
        // oneStoryFromSeveralPartnersIsStoredOnce, orders c-a-b and b-a-c). Each partner's copy
        // now keeps its own canonical link and SimHash bands; the article's band indexes are
        // no longer searched.
        migrator.registerMigration("v2-source-fingerprints") { db in
            try db.execute(
                sql: """
                    ALTER TABLE articleSource ADD COLUMN canonicalLink TEXT;
                    ALTER TABLE articleSource ADD COLUMN simhash INTEGER;
                    ALTER TABLE articleSource ADD COLUMN band0 INTEGER;
                    ALTER TABLE articleSource ADD COLUMN band1 INTEGER;
                    ALTER TABLE articleSource ADD COLUMN band2 INTEGER;
                    ALTER TABLE articleSource ADD COLUMN band3 INTEGER;
                    DROP INDEX article_band0;
                    DROP INDEX article_band1;
                    DROP INDEX article_band2;
                    DROP INDEX article_band3;
                    CREATE INDEX articleSource_canonical ON articleSource(canonicalLink);
                    CREATE INDEX articleSource_band0 ON articleSource(band0);
                    CREATE INDEX articleSource_band1 ON articleSource(band1);
                    CREATE INDEX articleSource_band2 ON articleSource(band2);
                    CREATE INDEX articleSource_band3 ON articleSource(band3);
                    UPDATE articleSource SET (simhash, band0, band1, band2, band3) =
                        (SELECT simhash, band0, band1, band2, band3 FROM article WHERE article.id = articleSource.articleID);
                    """)
            // The store kept one text per story, so older copies get the story's SimHash; their links are their own.
            let rows = try Row.fetchAll(db, sql: "SELECT rowid, link FROM articleSource WHERE link IS NOT NULL")
            for row in rows {
                let link: String = row["link"]
                let rowID: Int64 = row["rowid"]
                try db.execute(
                    sql: "UPDATE articleSource SET canonicalLink = ? WHERE rowid = ?", arguments: [CanonicalLink.of(link), rowID])
            }
        }
        return migrator
    }
}

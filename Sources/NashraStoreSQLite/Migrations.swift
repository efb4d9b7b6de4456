import GRDB

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
                        heldFutureDate INTEGER NOT NULL DEFAULT 0,
                        storedAt REAL NOT NULL
                    );
                    CREATE INDEX article_published ON article(published DESC, id DESC);
                    CREATE INDEX article_canonical ON article(canonicalLink);
                    CREATE TABLE articleSource (
                        subscriptionID INTEGER NOT NULL,
                        entryKey TEXT NOT NULL,
                        articleID INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                        link TEXT,
                        contentHash TEXT NOT NULL,
                        -- Each partner's copy keeps its own fingerprints, so a later copy is
                        -- compared with every copy of the story, not only the first
                        -- (PollContentScenarioTests.oneStoryFromSeveralPartnersIsStoredOnce).
                        canonicalLink TEXT,
                        simhash INTEGER,
                        band0 INTEGER, band1 INTEGER, band2 INTEGER, band3 INTEGER,
                        PRIMARY KEY (subscriptionID, entryKey)
                    );
                    CREATE INDEX articleSource_article ON articleSource(articleID);
                    CREATE INDEX articleSource_canonical ON articleSource(canonicalLink);
                    CREATE INDEX articleSource_band0 ON articleSource(band0);
                    CREATE INDEX articleSource_band1 ON articleSource(band1);
                    CREATE INDEX articleSource_band2 ON articleSource(band2);
                    CREATE INDEX articleSource_band3 ON articleSource(band3);
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
        migrator.registerMigration("v2-related") { db in
            try db.execute(
                sql: """
                    -- The related-articles analysis of each article, tied to the record version it was made from.
                    CREATE TABLE relatedAnalysis (
                        articleID INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
                        contentHash TEXT NOT NULL,
                        analysis TEXT NOT NULL
                    );
                    -- Each article's computed list (JSON), and which articles it names, so that a
                    -- change to one article finds the lists that show it.
                    CREATE TABLE relatedList (
                        articleID INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
                        list TEXT NOT NULL,
                        computedAt REAL NOT NULL
                    );
                    CREATE TABLE relatedLink (
                        articleID INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                        relatedKey TEXT NOT NULL,
                        PRIMARY KEY (articleID, relatedKey)
                    ) WITHOUT ROWID;
                    CREATE INDEX relatedLink_key ON relatedLink(relatedKey);
                    """)
        }
        migrator.registerMigration("v3-leases") { db in
            try db.execute(
                sql: """
                    -- The poller that holds a subscription for a fetch, and until when (several pollers, one store).
                    ALTER TABLE subscription ADD COLUMN leaseHolder TEXT;
                    ALTER TABLE subscription ADD COLUMN leaseUntil REAL;
                    """)
        }
        migrator.registerMigration("v4-related-claim") { db in
            try db.execute(
                sql: """
                    -- Which process computes related lists now, and how many claims were made (see RelatedStore).
                    CREATE TABLE relatedRefresh (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        holder TEXT,
                        until REAL NOT NULL DEFAULT 0,
                        claims INTEGER NOT NULL DEFAULT 0
                    );
                    INSERT INTO relatedRefresh (id) VALUES (1);
                    """)
        }
        return migrator
    }
}

import Foundation
public import NashraModel
public import NashraStore

/// The behaviour every `Store` engine must have (STYLE.md 12). Each check
/// takes a fresh, empty store and returns the problems it found, so the same
/// suite runs against SQLite now and PostgreSQL later.
public enum StoreContract {
    public typealias Check = @Sendable (any Store) async throws -> [String]

    /// Every check, by name.
    public static let checks: [(String, Check)] = [
        ("importThenPageNewestFirst", importThenPageNewestFirst),
        ("reimportCountsUnchangedAndUpdated", reimportCountsUnchangedAndUpdated),
        ("subscriptionsAddListRemove", subscriptionsAddListRemove),
        ("fetchMergesNewUnchangedUpdated", fetchMergesNewUnchangedUpdated),
        ("sameStoryFromTwoPartnersIsStoredOnce", sameStoryFromTwoPartnersIsStoredOnce),
        ("ownArticleRecognisedInPartnerFeed", ownArticleRecognisedInPartnerFeed),
        ("lateCopyMergesStoriesStoredApart", lateCopyMergesStoriesStoredApart),
        ("fetchStateAndLogAreKept", fetchStateAndLogAreKept),
    ] + relatedChecks + leaseChecks

    public static func article(_ id: String, minutes: Int, title: String? = nil, url: String? = nil, body: String? = nil) -> Article {
        Article(
            id: id, url: URL(string: url ?? "https://example.ma/\(id)")!, title: title ?? "عنوان \(id)",
            contentHTML: body.map { "<p>\($0)</p>" },
            published: Timestamp(date: Date(timeIntervalSince1970: 1_739_448_720 + Double(minutes) * 60), utcOffsetSeconds: 3600))
    }

    static func incoming(_ article: Article, key: String, simhash: UInt64? = nil) -> IncomingEntry {
        IncomingEntry(
            article: article, entryKey: key, canonicalLink: CanonicalLink.of(article.url.absoluteString), simhash: simhash,
            contentHash: nil)
    }

    static func fetch(_ subscription: Subscription, _ entries: [IncomingEntry], status: Int = 200) -> FetchApplication {
        var state = subscription.fetch
        state.lastStatus = status
        state.nextDue = Date(timeIntervalSinceNow: 900)
        return FetchApplication(
            subscriptionID: subscription.id, state: state, feedTitle: "Partner", entries: entries,
            log: FetchLogEntry(at: Date(), status: status, durationMilliseconds: 12, bytes: 1000))
    }

    static func importThenPageNewestFirst(_ store: any Store) async throws -> [String] {
        var problems: [String] = []
        let summary = try await store.importArticles((0..<25).map { article("a\($0)", minutes: $0) })
        if summary.inserted != 25 { problems.append("inserted \(summary.inserted), expected 25") }
        var ids: [String] = []
        var query = ArticleQuery(limit: 10)
        while true {
            let page = try await store.articles(query)
            ids += page.articles.map(\.article.id)
            guard let next = page.next else { break }
            query.cursor = next
        }
        if ids != (0..<25).reversed().map({ "a\($0)" }) { problems.append("pages gave \(ids)") }
        let first = try await store.articles(ArticleQuery(limit: 1)).articles.first
        if first?.article.published.rfc3339 != article("a24", minutes: 24).published.rfc3339 {
            problems.append("the record does not read back with its offset: \(String(describing: first?.article.published.rfc3339))")
        }
        if first?.origin != .own { problems.append("own article listed as \(String(describing: first?.origin))") }
        if try await store.article(key: "a7")?.article != article("a7", minutes: 7) { problems.append("a7 does not read back by its key") }
        if try await store.article(key: "nope") != nil { problems.append("an unknown key found an article") }
        return problems
    }

    static func reimportCountsUnchangedAndUpdated(_ store: any Store) async throws -> [String] {
        _ = try await store.importArticles([article("x", minutes: 0), article("y", minutes: 1)])
        var changed = article("y", minutes: 1)
        changed.title = "عنوان جديد"
        let summary = try await store.importArticles([article("x", minutes: 0), changed])
        var problems: [String] = []
        if summary != ImportSummary(inserted: 0, updated: 1, unchanged: 1) { problems.append("re-import gave \(summary)") }
        let titles = try await store.articles(ArticleQuery()).articles.map(\.article.title)
        if titles != ["عنوان جديد", "عنوان x"] { problems.append("titles \(titles)") }
        return problems
    }

    static func subscriptionsAddListRemove(_ store: any Store) async throws -> [String] {
        var problems: [String] = []
        let url = URL(string: "https://partner.example.ma/rss")!
        let (first, created) = try await store.addSubscription(
            NewSubscription(url: url, title: "شريك", categories: ["/أخبار"], interval: 60, timeZone: "Africa/Casablanca"))
        let (again, createdAgain) = try await store.addSubscription(NewSubscription(url: url))
        if !created || createdAgain || first.id != again.id { problems.append("adding twice did not keep one subscription") }
        let listed = try await store.subscriptions()
        if listed.count != 1 || listed.first?.categories != ["/أخبار"] || listed.first?.timeZone != "Africa/Casablanca"
            || listed.first?.interval != 60
        {
            problems.append("listed \(listed)")
        }
        if try await !store.removeSubscription(url: url) { problems.append("remove said none") }
        if try await store.removeSubscription(url: url) { problems.append("second remove said removed") }
        if try await !store.subscriptions().isEmpty { problems.append("still listed after remove") }
        return problems
    }

    static func fetchMergesNewUnchangedUpdated(_ store: any Store) async throws -> [String] {
        var problems: [String] = []
        let (subscription, _) = try await store.addSubscription(NewSubscription(url: URL(string: "https://a.example.ma/rss")!))
        let one = article("p-1", minutes: 0, url: "https://a.example.ma/1")
        let two = article("p-2", minutes: 1, url: "https://a.example.ma/2")
        var summary = try await store.applyFetch(fetch(subscription, [incoming(one, key: "1"), incoming(two, key: "2")]))
        if summary.new != 2 { problems.append("first fetch new = \(summary.new)") }
        var edited = two
        edited.title = "تحديث"
        summary = try await store.applyFetch(fetch(subscription, [incoming(one, key: "1"), incoming(edited, key: "2")]))
        if summary.unchanged != 1 || summary.updated != 1 || summary.new != 0 { problems.append("second fetch gave \(summary)") }
        let stored = try await store.articles(ArticleQuery(origin: .partner)).articles
        if stored.count != 2 { problems.append("\(stored.count) partner articles, expected 2") }
        if stored.first?.article.title != "تحديث" { problems.append("not updated in place: \(String(describing: stored.first?.article.title))") }
        if stored.first?.sources.first?.feedURL.absoluteString != "https://a.example.ma/rss" { problems.append("source not recorded") }
        return problems
    }

    static func sameStoryFromTwoPartnersIsStoredOnce(_ store: any Store) async throws -> [String] {
        var problems: [String] = []
        let (a, _) = try await store.addSubscription(NewSubscription(url: URL(string: "https://a.example.ma/rss")!))
        let (b, _) = try await store.addSubscription(NewSubscription(url: URL(string: "https://b.example.ma/rss")!))
        let (c, _) = try await store.addSubscription(NewSubscription(url: URL(string: "https://c.example.ma/rss")!))
        let story = article("pa-1", minutes: 0, url: "https://agency.example.ma/story?utm_source=a")
        let sameLink = article("pb-1", minutes: 0, url: "http://www.agency.example.ma/story/")
        let nearText = article("pc-1", minutes: 5, url: "https://c.example.ma/other-url")
        let sameFeedNeighbour = article("pc-2", minutes: 6, url: "https://c.example.ma/next-url")
        _ = try await store.applyFetch(fetch(a, [incoming(story, key: "s", simhash: 0xF0F0_F0F0_1234_5678)]))
        var summary = try await store.applyFetch(fetch(b, [incoming(sameLink, key: "x")]))
        if summary.duplicates != 1 || summary.new != 0 { problems.append("same canonical link gave \(summary)") }
        // Two bits away from the first story's SimHash.
        summary = try await store.applyFetch(fetch(c, [incoming(nearText, key: "y", simhash: 0xF0F0_F0F0_1234_5678 ^ 0b101)]))
        if summary.duplicates != 1 { problems.append("near-identical text gave \(summary)") }
        // Another item of the same feed is never merged with it, however close its text.
        summary = try await store.applyFetch(fetch(c, [incoming(sameFeedNeighbour, key: "z", simhash: 0xF0F0_F0F0_1234_5678 ^ 0b1)]))
        if summary.new != 1 { problems.append("a second item of one feed was merged: \(summary)") }
        let stored = try await store.articles(ArticleQuery(origin: .partner)).articles
        if stored.count != 2 { problems.append("\(stored.count) partner articles, expected 2") }
        let merged = stored.first { $0.article.id == "pa-1" }
        if Set(merged?.sources.map(\.subscriptionID) ?? []) != [a.id, b.id, c.id] { problems.append("the three partners are not all sources") }
        return problems
    }

    static func lateCopyMergesStoriesStoredApart(_ store: any Store) async throws -> [String] {
        let (a, _) = try await store.addSubscription(NewSubscription(url: URL(string: "https://a.example.ma/rss")!))
        let (b, _) = try await store.addSubscription(NewSubscription(url: URL(string: "https://b.example.ma/rss")!))
        let (c, _) = try await store.addSubscription(NewSubscription(url: URL(string: "https://c.example.ma/rss")!))
        let text: UInt64 = 0x0123_4567_89AB_CDEF
        // A and B share neither link nor text: two stories, as far as the store can tell.
        _ = try await store.applyFetch(fetch(a, [incoming(article("pa-1", minutes: 0, url: "https://a.example.ma/dams"), key: "1")]))
        _ = try await store.applyFetch(fetch(b, [incoming(article("pb-1", minutes: 1, url: "https://b.example.ma/x"), key: "1", simhash: text)]))
        // C carries A's link and B's text.
        let summary = try await store.applyFetch(
            fetch(c, [incoming(article("pc-1", minutes: 2, url: "https://www.a.example.ma/dams/"), key: "1", simhash: text ^ 0b11)]))
        let stored = try await store.articles(ArticleQuery(origin: .partner)).articles
        var problems: [String] = []
        if summary.duplicates != 1 { problems.append("the bridging copy gave \(summary)") }
        if stored.count != 1 { problems.append("\(stored.count) partner articles, expected the two stories merged into 1") }
        if Set(stored.first?.sources.map(\.subscriptionID) ?? []) != [a.id, b.id, c.id] { problems.append("not all three partners are sources") }
        return problems
    }

    static func ownArticleRecognisedInPartnerFeed(_ store: any Store) async throws -> [String] {
        _ = try await store.importArticles([article("own-1", minutes: 0, url: "https://example.ma/2025/02/13/story")])
        let (a, _) = try await store.addSubscription(NewSubscription(url: URL(string: "https://a.example.ma/rss")!))
        let copy = article("pa-9", minutes: 0, url: "https://www.example.ma/2025/02/13/story/?utm_medium=rss")
        let summary = try await store.applyFetch(fetch(a, [incoming(copy, key: "copy")]))
        let counts = try await store.articleCounts()
        return summary.duplicates == 1 && counts.partner == 0 ? [] : ["own story from a partner gave \(summary), counts \(counts)"]
    }

    static func fetchStateAndLogAreKept(_ store: any Store) async throws -> [String] {
        var problems: [String] = []
        let (subscription, _) = try await store.addSubscription(NewSubscription(url: URL(string: "https://a.example.ma/rss")!))
        var application = fetch(subscription, [], status: 304)
        application.state.etag = "\"v1\""
        application.state.lastModified = "Thu, 13 Feb 2025 12:12:00 GMT"
        application.state.consecutiveFailures = 0
        application.newURL = URL(string: "https://a.example.ma/feed.xml")
        _ = try await store.applyFetch(application)
        let reread = try await store.subscriptions().first
        if reread?.fetch.etag != "\"v1\"" || reread?.fetch.lastModified != "Thu, 13 Feb 2025 12:12:00 GMT" { problems.append("validators lost") }
        if reread?.url.absoluteString != "https://a.example.ma/feed.xml" { problems.append("permanent redirect not stored") }
        if reread?.title != "Partner" { problems.append("feed title not stored") }
        let log = try await store.fetchLog(subscriptionID: subscription.id, limit: 5)
        if log.first?.status != 304 || log.count != 1 { problems.append("log \(log)") }
        return problems
    }
}

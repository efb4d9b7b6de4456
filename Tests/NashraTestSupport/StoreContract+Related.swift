import Foundation
import NashraModel
import NashraStore

/// The related-articles part of the store contract.
extension StoreContract {
    static let relatedChecks: [(String, Check)] = [
        ("analysesFollowTheRecord", analysesFollowTheRecord),
        ("relatedListsAreStoredAndFound", relatedListsAreStoredAndFound),
        ("listsNamingAMergedStoryAreFound", listsNamingAMergedStoryAreFound),
        ("theChangeStampFollowsWrites", theChangeStampFollowsWrites),
        ("oneProcessRefreshesListsAtATime", oneProcessRefreshesListsAtATime),
    ]

    /// Every item of a paged listing, read two at a time so that paging is exercised.
    static func all<Item>(_ page: (Int64) async throws -> ([Item], Int64?)) async throws -> [Item] {
        var items: [Item] = []
        var cursor: Int64 = 0
        while true {
            let (part, next) = try await page(cursor)
            items += part
            guard let next else { return items }
            cursor = next
        }
    }

    static func pending(_ store: any Store) async throws -> [PendingAnalysis] {
        try await all { cursor in
            let page = try await store.articlesNeedingAnalysis(after: cursor, limit: 2)
            return (page.articles, page.next)
        }
    }

    static func analyses(_ store: any Store) async throws -> [ArticleAnalysis] {
        try await all { cursor in
            let page = try await store.relatedAnalyses(after: cursor, limit: 2)
            return (page.analyses, page.next)
        }
    }

    static func analysesFollowTheRecord(_ store: any Store) async throws -> [String] {
        var problems: [String] = []
        _ = try await store.importArticles((0..<3).map { article("r\($0)", minutes: $0) })
        let first = try await pending(store)
        if first.map(\.article.id) != ["r0", "r1", "r2"] { problems.append("new articles needing analysis: \(first.map(\.article.id))") }
        try await store.saveAnalyses(first.map { ArticleAnalysis(key: $0.article.id, contentHash: $0.contentHash, text: "analysis of \($0.article.id)") })
        if try await !pending(store).isEmpty { problems.append("analysed articles still need analysis") }
        if try await analyses(store).map(\.text) != ["analysis of r0", "analysis of r1", "analysis of r2"] {
            problems.append("stored analyses read back as \(try await analyses(store).map(\.text))")
        }
        // A changed record makes its analysis stale; an analysis of the old record is not accepted.
        var changed = article("r1", minutes: 1)
        changed.title = "عنوان جديد"
        _ = try await store.importArticles([changed])
        let stale = try await pending(store)
        if stale.map(\.article.id) != ["r1"] || stale.first?.article.title != "عنوان جديد" {
            problems.append("after an update, needing analysis: \(stale.map(\.article.id))")
        }
        if try await analyses(store).map(\.key) != ["r0", "r2"] { problems.append("a stale analysis is still served") }
        let oldHash = first[1].contentHash
        try await store.saveAnalyses([ArticleAnalysis(key: "r1", contentHash: oldHash, text: "analysis of the old r1")])
        if try await pending(store).map(\.article.id) != ["r1"] { problems.append("an analysis of an older record was accepted") }
        try await store.saveAnalyses([ArticleAnalysis(key: "gone", contentHash: "0", text: "x")])
        try await store.clearRelatedAnalyses()
        if try await pending(store).count != 3 { problems.append("clearing the analyses left some") }
        return problems
    }

    static func pick(_ id: String, score: Double) -> RelatedPick {
        let source = article(id, minutes: 0)
        return RelatedPick(
            article: RelatedArticle(id: id, url: source.url, title: source.title, published: source.published), score: score,
            reason: "terms: مقاوم، تحرير; section: وطني")
    }

    static func relatedListsAreStoredAndFound(_ store: any Store) async throws -> [String] {
        var problems: [String] = []
        _ = try await store.importArticles((0..<3).map { article("l\($0)", minutes: $0) })
        let lists = ["l0": [pick("l1", score: 0.9), pick("l2", score: 0.5)], "l1": [pick("l0", score: 0.9)], "missing": [pick("l0", score: 1)]]
        try await store.saveRelatedLists(lists)
        if try await store.relatedList(key: "l0") != lists["l0"] {
            problems.append("l0's list reads back as \(String(describing: try await store.relatedList(key: "l0")))")
        }
        if try await store.relatedList(key: "l2") != nil { problems.append("an article with no list computed has one") }
        if try await store.articlesWithoutList() != ["l2"] { problems.append("articles without a list: \(try await store.articlesWithoutList())") }
        if try await store.relatedList(key: "missing") != nil { problems.append("a list was stored for an article that does not exist") }
        if try await store.articlesListing(["l2"]) != ["l0"] { problems.append("the lists naming l2: \(try await store.articlesListing(["l2"]))") }
        if try await store.articlesListing(["l0", "l1"]) != ["l0", "l1"] { problems.append("the lists naming l0 or l1 are not both found") }
        // Replacing a list forgets what it named.
        try await store.saveRelatedLists(["l0": [pick("l1", score: 0.8)]])
        if try await !store.articlesListing(["l2"]).isEmpty { problems.append("a replaced list still names l2") }
        var query = ArticleQuery(limit: 1)
        var keys: [String] = []
        while true {
            let page = try await store.relatedLists(query)
            keys += page.lists.map(\.key)
            guard let next = page.next else { break }
            query.cursor = next
        }
        if keys != ["l1", "l0"] { problems.append("stored lists paged newest first: \(keys)") }
        if try await !store.goneRelatedKeys().isEmpty { problems.append("keys reported gone while every listed article is stored") }
        return problems
    }

    static func listsNamingAMergedStoryAreFound(_ store: any Store) async throws -> [String] {
        var problems: [String] = []
        _ = try await store.importArticles([article("own", minutes: 0)])
        let (a, _) = try await store.addSubscription(NewSubscription(url: URL(string: "https://a.example.ma/rss")!))
        let (b, _) = try await store.addSubscription(NewSubscription(url: URL(string: "https://b.example.ma/rss")!))
        let (c, _) = try await store.addSubscription(NewSubscription(url: URL(string: "https://c.example.ma/rss")!))
        let text: UInt64 = 0x0123_4567_89AB_CDEF
        _ = try await store.applyFetch(fetch(a, [incoming(article("pa-1", minutes: 1, url: "https://a.example.ma/dams"), key: "1")]))
        _ = try await store.applyFetch(fetch(b, [incoming(article("pb-1", minutes: 2, url: "https://b.example.ma/x"), key: "1", simhash: text)]))
        try await store.saveRelatedLists(["own": [pick("pa-1", score: 0.7), pick("pb-1", score: 0.6)]])
        // A copy bridging the two merges them into one story: one of the two keys goes.
        _ = try await store.applyFetch(
            fetch(c, [incoming(article("pc-1", minutes: 3, url: "https://www.a.example.ma/dams/"), key: "1", simhash: text ^ 0b11)]))
        let remaining = Set(try await store.articles(ArticleQuery(origin: .partner)).articles.map(\.article.id))
        let gone = try await store.goneRelatedKeys()
        if gone.count != 1 || remaining.contains(gone[0]) || !["pa-1", "pb-1"].contains(gone[0]) {
            problems.append("after the merge, gone keys \(gone), remaining \(remaining)")
        }
        if try await store.articlesListing(gone) != ["own"] { problems.append("the list naming the merged story is not found") }
        return problems
    }

    static func theChangeStampFollowsWrites(_ store: any Store) async throws -> [String] {
        var problems: [String] = []
        let empty = try await store.changeStamp()
        if try await store.changeStamp() != empty { problems.append("the stamp moved with no write") }
        _ = try await store.importArticles([article("c0", minutes: 0)])
        let imported = try await store.changeStamp()
        if imported == empty { problems.append("an import left the stamp as it was") }
        _ = try await store.importArticles([article("c0", minutes: 0)])
        if try await store.changeStamp() != imported { problems.append("an unchanged re-import moved the stamp") }
        try await Task.sleep(for: .milliseconds(5))
        try await store.saveRelatedLists(["c0": []])
        if try await store.changeStamp() == imported { problems.append("a saved related list left the stamp as it was") }
        return problems
    }

    static func oneProcessRefreshesListsAtATime(_ store: any Store) async throws -> [String] {
        var problems: [String] = []
        let now = Date()
        let later = now.addingTimeInterval(60)
        guard let first = try await store.claimRelatedRefresh(holder: "a", now: now, until: later) else { return ["a free claim was refused"] }
        if try await store.claimRelatedRefresh(holder: "b", now: now, until: later) != nil { problems.append("two processes held the claim") }
        try await store.releaseRelatedRefresh(holder: "b")
        if try await store.claimRelatedRefresh(holder: "b", now: now, until: later) != nil { problems.append("another holder's release ended a's claim") }
        try await store.releaseRelatedRefresh(holder: "a")
        // No one claimed between a's two claims: a can tell its index is current.
        if try await store.claimRelatedRefresh(holder: "a", now: now, until: later) != first + 1 { problems.append("a's second claim did not follow its first") }
        // a dies holding the claim; b takes over once it ends, and a can tell someone else claimed since.
        if try await store.claimRelatedRefresh(holder: "b", now: later.addingTimeInterval(1), until: later.addingTimeInterval(60)) == nil {
            problems.append("an expired claim was not taken over")
        }
        try await store.releaseRelatedRefresh(holder: "b")
        let third = try await store.claimRelatedRefresh(holder: "a", now: now, until: later)
        if third == nil || third == first + 2 { problems.append("a cannot tell that b refreshed since: \(String(describing: third))") }
        return problems
    }
}

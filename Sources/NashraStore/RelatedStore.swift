public import Foundation
public import NashraModel

/// What the related-articles refresh keeps in the store: each article's
/// analysis (opaque text, tied to the version of the record it was made from)
/// and each article's computed list. Part of every `Store`.
public protocol RelatedStore: Sendable {
    /// Analyses made from the articles' current records, in row order after `cursor`.
    func relatedAnalyses(after cursor: Int64, limit: Int) async throws -> AnalysisPage

    /// Articles with no analysis, or one made from an older record, in row order after `cursor`.
    func articlesNeedingAnalysis(after cursor: Int64, limit: Int) async throws -> PendingAnalysisPage

    /// Stores analyses in one transaction. An analysis of a record that has
    /// changed since (another hash) or of an article that is gone is skipped.
    func saveAnalyses(_ analyses: [ArticleAnalysis]) async throws

    /// Replaces the lists of these articles in one transaction; articles that are gone are skipped.
    func saveRelatedLists(_ lists: [String: [RelatedPick]]) async throws

    /// Articles whose stored list names one of `keys`.
    func articlesListing(_ keys: [String]) async throws -> [String]

    /// Articles that have no stored list (new ones, or ones whose refresh was interrupted).
    func articlesWithoutList() async throws -> [String]

    /// Keys that stored lists name but that are no longer stored (merged into another story).
    func goneRelatedKeys() async throws -> [String]

    /// Claims the related-lists refresh for `holder` until `until`, so that processes sharing the
    /// store compute each change's lists once. Returns `nil` while another holder's claim runs.
    /// Otherwise returns the number of claims made before this one: a process whose own previous
    /// claim was the last one knows that no other process wrote analyses since.
    func claimRelatedRefresh(holder: String, now: Date, until: Date) async throws -> Int64?

    /// Ends `holder`'s claim (nothing happens when it holds none).
    func releaseRelatedRefresh(holder: String) async throws

    /// Forgets every analysis, so that the next refresh analyses every article again.
    func clearRelatedAnalyses() async throws

    /// The stored list of one article; `nil` when none was computed or there is no such article.
    func relatedList(key: String) async throws -> [RelatedPick]?

    /// Stored lists, newest articles first (the order of `articles(_:)`).
    func relatedLists(_ query: ArticleQuery) async throws -> RelatedListPage
}

extension RelatedStore {
    /// `article` with the first `limit` entries of its computed related list, when its record
    /// has no hand-made list or `replacingManual` says to replace it; otherwise `article` as it is.
    public func withComputedRelated(_ article: Article, limit: Int, replacingManual: Bool) async throws -> Article {
        guard article.related.isEmpty || replacingManual, let computed = try await relatedList(key: article.id), !computed.isEmpty
        else { return article }
        var filled = article
        filled.related = computed.prefix(limit).map(\.article)
        return filled
    }
}

/// An article's analysis for the related-articles index.
public struct ArticleAnalysis: Sendable, Hashable {
    /// The article's key (its id).
    public var key: String
    /// The content hash of the record it was made from.
    public var contentHash: String
    public var text: String

    public init(key: String, contentHash: String, text: String) {
        self.key = key
        self.contentHash = contentHash
        self.text = text
    }
}

/// One page of `relatedAnalyses(after:limit:)`.
public struct AnalysisPage: Sendable {
    public var analyses: [ArticleAnalysis]
    /// Where the next page starts; `nil` at the end.
    public var next: Int64?

    public init(analyses: [ArticleAnalysis], next: Int64?) {
        self.analyses = analyses
        self.next = next
    }
}

/// An article to analyse, with the hash of the record it is read from.
public struct PendingAnalysis: Sendable {
    public var article: Article
    public var contentHash: String

    public init(article: Article, contentHash: String) {
        self.article = article
        self.contentHash = contentHash
    }
}

/// One page of `articlesNeedingAnalysis(after:limit:)`.
public struct PendingAnalysisPage: Sendable {
    public var articles: [PendingAnalysis]
    public var next: Int64?

    public init(articles: [PendingAnalysis], next: Int64?) {
        self.articles = articles
        self.next = next
    }
}

/// One page of `relatedLists(_:)`.
public struct RelatedListPage: Sendable {
    public var lists: [(key: String, list: [RelatedPick])]
    public var next: ArticleCursor?

    public init(lists: [(key: String, list: [RelatedPick])], next: ArticleCursor?) {
        self.lists = lists
        self.next = next
    }
}

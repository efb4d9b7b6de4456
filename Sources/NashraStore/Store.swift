public import Foundation
public import NashraModel

/// Where Nashra keeps own and partner articles, subscriptions and their
/// fetch history. Implementations keep SQL to themselves; every method is a
/// transaction of its own, so a crash leaves the store as before or after a
/// call, never between.
public protocol Store: RelatedStore {
    /// Inserts or replaces the site's own articles, by record id.
    /// - Throws: `StoreError` when the store cannot be written.
    func importArticles(_ articles: [Article]) async throws -> ImportSummary

    /// One page of articles, newest first (`published`, then id), starting after `cursor`.
    /// Pages keep memory bounded however large the store is.
    func articles(_ query: ArticleQuery) async throws -> ArticlePage

    /// One article by its key (its id); `nil` when there is none.
    func article(key: String) async throws -> StoredArticle?

    /// A value that changes whenever an article or a related list is written, by this process
    /// or another: what a server compares to know its rendered feeds are stale.
    func changeStamp() async throws -> String

    /// Counts articles by origin.
    func articleCounts() async throws -> (own: Int, partner: Int)

    /// Adds a subscription, or returns the existing one for the same URL.
    func addSubscription(_ new: NewSubscription) async throws -> (Subscription, created: Bool)

    /// Every subscription, in the order they were added.
    func subscriptions() async throws -> [Subscription]

    /// Removes a subscription (its articles stay, attributed to it). Returns false when there was none.
    func removeSubscription(url: URL) async throws -> Bool

    /// Makes a subscription due at `date` (now, to re-poll it; also revives a gone feed).
    /// Returns false when there is no such subscription.
    func markDue(url: URL, at date: Date) async throws -> Bool

    /// Claims due subscriptions for one fetch each, so that pollers sharing the store never fetch a
    /// feed twice: a subscription is claimed when it is still due by `request.dueBy`, not gone, and
    /// held by no other poller whose lease runs past `request.now`. One transaction.
    func leaseSubscriptions(_ request: LeaseRequest) async throws -> LeaseOutcome

    /// Applies one fetch: the new fetch state, the entries to merge, the log line, and the end of
    /// the fetch's lease. One transaction.
    func applyFetch(_ fetch: FetchApplication) async throws -> IngestSummary

    /// The last fetch-log lines of a subscription, newest first.
    func fetchLog(subscriptionID: Int64, limit: Int) async throws -> [FetchLogEntry]
}

/// A subscription to add.
public struct NewSubscription: Sendable, Hashable {
    public var url: URL
    public var title: String?
    public var categories: [String]
    public var interval: Int
    public var timeZone: String?

    public init(url: URL, title: String? = nil, categories: [String] = [], interval: Int = 900, timeZone: String? = nil) {
        self.url = url
        self.title = title
        self.categories = categories
        self.interval = interval
        self.timeZone = timeZone
    }
}

/// Subscriptions a poller wants to fetch now.
public struct LeaseRequest: Sendable, Hashable {
    public var subscriptionIDs: [Int64]
    /// Who asks: one name per poller process.
    public var holder: String
    /// Claim only subscriptions due by then (`poll --once` passes the instant its pass began).
    public var dueBy: Date
    /// The present: leases that ended before it are free.
    public var now: Date
    /// When the lease ends if the fetch is never applied (the poller died): another poller may then take it.
    public var until: Date

    public init(subscriptionIDs: [Int64], holder: String, dueBy: Date, now: Date, until: Date) {
        self.subscriptionIDs = subscriptionIDs
        self.holder = holder
        self.dueBy = dueBy
        self.now = now
        self.until = until
    }
}

/// What `leaseSubscriptions(_:)` found: every subscription asked for, as now stored.
public struct LeaseOutcome: Sendable {
    /// Claimed: fetch these.
    public var leased: [Subscription]
    /// Not claimed: fetched by another poller meanwhile (a later `nextDue`), held by one
    /// (`leasedUntil`), gone, or removed (absent).
    public var refused: [Subscription]

    public init(leased: [Subscription], refused: [Subscription]) {
        self.leased = leased
        self.refused = refused
    }
}

/// Which articles to list.
public struct ArticleQuery: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable { case own, partner }

    /// `nil` for all.
    public var origin: Origin?
    public var section: String?
    public var limit: Int
    /// Continue after this position (from the previous page).
    public var cursor: ArticleCursor?

    public init(origin: Origin? = nil, section: String? = nil, limit: Int = 500, cursor: ArticleCursor? = nil) {
        self.origin = origin
        self.section = section
        self.limit = limit
        self.cursor = cursor
    }
}

/// A position in the newest-first order.
public struct ArticleCursor: Sendable, Hashable {
    public var published: Double
    public var rowID: Int64

    public init(published: Double, rowID: Int64) {
        self.published = published
        self.rowID = rowID
    }
}

/// One page of `articles(_:)`.
public struct ArticlePage: Sendable {
    public var articles: [StoredArticle]
    /// Where the next page starts; `nil` at the end.
    public var next: ArticleCursor?

    public init(articles: [StoredArticle], next: ArticleCursor?) {
        self.articles = articles
        self.next = next
    }
}

/// An article with where it came from.
public struct StoredArticle: Sendable, Hashable {
    public var article: Article
    public var origin: ArticleQuery.Origin
    /// The partners that published this story (several when it was recognised as the same story).
    public var sources: [ArticleSourceRef]
    /// The feed's date was in the future and was held to the fetch time.
    public var heldFutureDate: Bool

    public init(article: Article, origin: ArticleQuery.Origin, sources: [ArticleSourceRef], heldFutureDate: Bool) {
        self.article = article
        self.origin = origin
        self.sources = sources
        self.heldFutureDate = heldFutureDate
    }
}

/// One partner's copy of a story.
public struct ArticleSourceRef: Sendable, Hashable {
    public var subscriptionID: Int64
    public var feedURL: URL
    public var feedTitle: String?
    public var entryKey: String
    public var link: URL?

    public init(subscriptionID: Int64, feedURL: URL, feedTitle: String?, entryKey: String, link: URL?) {
        self.subscriptionID = subscriptionID
        self.feedURL = feedURL
        self.feedTitle = feedTitle
        self.entryKey = entryKey
        self.link = link
    }
}

/// What an import did.
public struct ImportSummary: Sendable, Hashable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }
}

/// A finished fetch, ready to be applied in one transaction.
public struct FetchApplication: Sendable {
    public var subscriptionID: Int64
    /// The state to store (next due time, validators, failures, gone).
    public var state: FetchState
    /// A new URL after a permanent redirect.
    public var newURL: URL?
    /// The feed's title, when it has one.
    public var feedTitle: String?
    /// Entries to merge (empty for 304s and failures).
    public var entries: [IncomingEntry]
    public var log: FetchLogEntry

    public init(
        subscriptionID: Int64, state: FetchState, newURL: URL? = nil, feedTitle: String? = nil, entries: [IncomingEntry] = [],
        log: FetchLogEntry
    ) {
        self.subscriptionID = subscriptionID
        self.state = state
        self.newURL = newURL
        self.feedTitle = feedTitle
        self.entries = entries
        self.log = log
    }
}

/// A partner entry translated into an article, with the keys that decide
/// whether it is new, changed, or a story the store already has.
public struct IncomingEntry: Sendable, Hashable {
    public var article: Article
    /// Identity within the subscription (canonical guid, else canonical link, else a hash of title and date).
    public var entryKey: String
    /// The canonical form of the entry's link (scheme, `www.`, tracking parameters and trailing slash removed).
    public var canonicalLink: String?
    /// SimHash of the normalized text, for near-duplicate stories across partners.
    public var simhash: UInt64?
    /// Hash of everything a reader sees; a change means "updated in place".
    public var contentHash: String
    public var heldFutureDate: Bool
    /// The article's record JSON, serialized once here for both the hash and the store.
    public let record: String

    /// - Parameter contentHash: defaults to the hash of the article's record.
    public init(
        article: Article, entryKey: String, canonicalLink: String?, simhash: UInt64?, contentHash: String? = nil,
        heldFutureDate: Bool = false
    ) {
        self.article = article
        self.entryKey = entryKey
        self.canonicalLink = canonicalLink
        self.simhash = simhash
        self.heldFutureDate = heldFutureDate
        self.record = article.recordJSON.serialized()
        self.contentHash = contentHash ?? ContentHash.of(record)
    }
}

/// What merging a fetch did.
public struct IngestSummary: Sendable, Hashable {
    public var new = 0
    public var updated = 0
    public var unchanged = 0
    /// Entries recognised as a story the store already had from elsewhere.
    public var duplicates = 0

    public init() {}
}

/// One line of the fetch log.
public struct FetchLogEntry: Sendable, Hashable {
    public var at: Date
    public var status: Int?
    public var durationMilliseconds: Int
    public var error: String?
    public var bytes: Int

    public init(at: Date, status: Int?, durationMilliseconds: Int, error: String? = nil, bytes: Int = 0) {
        self.at = at
        self.status = status
        self.durationMilliseconds = durationMilliseconds
        self.error = error
        self.bytes = bytes
    }
}

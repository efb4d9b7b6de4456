public import Foundation

/// A partner feed Nashra polls.
public struct Subscription: Sendable, Hashable {
    /// The store's identifier.
    public var id: Int64
    /// Where the feed is fetched from (updated by 301/308 redirects).
    public var url: URL
    /// The partner's name (from the feed, or OPML `title`).
    public var title: String?
    /// OPML category paths (`/أخبار/وطني`), kept for export.
    public var categories: [String]
    /// Seconds between polls the editor asked for (`--every`, default 15 minutes).
    public var interval: Int
    /// IANA zone for the partner's zone-less dates (`--zone`).
    public var timeZone: String?
    /// What the last fetches found and when the next one is due.
    public var fetch: FetchState

    public init(
        id: Int64, url: URL, title: String? = nil, categories: [String] = [], interval: Int = 900, timeZone: String? = nil,
        fetch: FetchState = FetchState()
    ) {
        self.id = id
        self.url = url
        self.title = title
        self.categories = categories
        self.interval = interval
        self.timeZone = timeZone
        self.fetch = fetch
    }

    /// The seconds the next poll waits at least: the editor's interval, never
    /// below what the feed asked for (`ttl`, `sy:updatePeriod`, `Cache-Control: max-age`).
    public var effectiveInterval: Int { max(interval, fetch.feedMinimumInterval ?? 0) }
}

/// The fetch history of one subscription.
public struct FetchState: Sendable, Hashable {
    /// `ETag` of the last 200, sent back as `If-None-Match`.
    public var etag: String?
    /// `Last-Modified` of the last 200, sent back as `If-Modified-Since`.
    public var lastModified: String?
    public var lastAttempt: Date?
    public var lastSuccess: Date?
    /// HTTP status of the last attempt (0 when no response came).
    public var lastStatus: Int?
    public var lastError: String?
    /// Failures in a row, for exponential back-off.
    public var consecutiveFailures: Int
    /// When the next fetch may happen.
    public var nextDue: Date
    /// True after 410 Gone: polling stopped.
    public var gone: Bool
    /// The shortest interval the feed itself asks for, in seconds.
    public var feedMinimumInterval: Int?
    /// Until when a poller holds this feed for a fetch (several pollers share one store); `nil` when none does.
    public var leasedUntil: Date?

    public init(
        etag: String? = nil, lastModified: String? = nil, lastAttempt: Date? = nil, lastSuccess: Date? = nil, lastStatus: Int? = nil,
        lastError: String? = nil, consecutiveFailures: Int = 0, nextDue: Date = Date(timeIntervalSince1970: 0), gone: Bool = false,
        feedMinimumInterval: Int? = nil, leasedUntil: Date? = nil
    ) {
        self.etag = etag
        self.lastModified = lastModified
        self.lastAttempt = lastAttempt
        self.lastSuccess = lastSuccess
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
        self.nextDue = nextDue
        self.gone = gone
        self.feedMinimumInterval = feedMinimumInterval
        self.leasedUntil = leasedUntil
    }
}

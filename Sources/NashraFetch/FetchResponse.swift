public import Foundation

/// What the server answered at the end of the redirect chain.
public struct FetchResponse: Sendable {
    /// The HTTP status (200 for a `file:` URL).
    public var status: Int
    /// The body, decompressed; empty for 304 and for answers whose body was not read.
    public var body: [UInt8]
    /// The `Content-Type` header as sent (`application/rss+xml; charset=windows-1256`).
    public var contentType: String?
    /// The `ETag` to store; for a 304 without one, the request's.
    public var etag: String?
    /// The `Last-Modified` to store; for a 304 without one, the request's.
    public var lastModified: String?
    /// The URL that gave this answer, after redirects.
    public var finalURL: URL
    /// The new URL to store, set only when every redirect on the way was 301 or 308.
    public var permanentURL: URL?
    /// `Cache-Control: max-age`, in seconds.
    public var maxAge: Int?
    /// When the server asked to be called again (`Retry-After`, seconds or HTTP date), as an absolute time.
    public var retryAfter: Date?
    /// Time from the first request to the last byte.
    public var elapsed: Duration

    /// Creates a response (tests and other fetchers build these by hand).
    public init(
        status: Int,
        body: [UInt8] = [],
        contentType: String? = nil,
        etag: String? = nil,
        lastModified: String? = nil,
        finalURL: URL,
        permanentURL: URL? = nil,
        maxAge: Int? = nil,
        retryAfter: Date? = nil,
        elapsed: Duration = .zero
    ) {
        self.status = status
        self.body = body
        self.contentType = contentType
        self.etag = etag
        self.lastModified = lastModified
        self.finalURL = finalURL
        self.permanentURL = permanentURL
        self.maxAge = maxAge
        self.retryAfter = retryAfter
        self.elapsed = elapsed
    }
}

public import Foundation

/// One feed to fetch, with the validators of the last good answer.
public struct FetchRequest: Sendable {
    /// The subscription's URL (`http`, `https`, or `file` when enabled).
    public var url: URL
    /// The last `ETag`, sent back as `If-None-Match`.
    public var etag: String?
    /// The last `Last-Modified`, sent back as `If-Modified-Since`.
    public var lastModified: String?

    /// Creates a request; pass the validators stored from the last 200 to make it conditional.
    public init(url: URL, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }
}

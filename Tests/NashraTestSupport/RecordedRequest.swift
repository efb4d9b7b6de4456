public import Foundation

/// A request the fixture server received, for asserting what Nashra sent.
public struct RecordedRequest: Sendable {
    /// `GET`, `HEAD`, …
    public var method: String
    /// The path without the query (`/feed.xml`).
    public var path: String
    /// The query without `?`, when there was one.
    public var query: String?
    /// Header values by lowercased name; repeated headers are joined with `, `.
    public var headers: [String: String]
    /// When the request arrived.
    public var time: Date
    /// The request body (a WebSub ping's form), up to 1 MB.
    public var body: [UInt8]

    public init(
        method: String, path: String, query: String? = nil, headers: [String: String] = [:], time: Date = Date(), body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.time = time
        self.body = body
    }

    /// The body as text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The header's value, by any capitalisation of its name.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}

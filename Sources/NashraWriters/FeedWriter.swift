public import Foundation
public import NashraModel

/// Writes one feed document, article by article, to a byte sink.
///
/// Call `begin()`, then `write(_:)` for each article in the order they should
/// appear, then `finish()`. Writers never hold more than one article, so
/// memory does not grow with the feed.
public protocol FeedWriter: AnyObject {
    /// Writes the document head and channel metadata.
    func begin() throws
    /// Writes one item; `source` attributes a partner's article to its feed
    /// (RSS `<source url>`, Atom `<source>`, JSON Feed `_nashra.source`).
    func write(_ article: Article, source: ItemSource?) throws
    /// Closes the document and flushes the sink.
    func finish() throws
}

extension FeedWriter {
    /// Writes one of the site's own items.
    public func write(_ article: Article) throws { try write(article, source: nil) }
}

/// The partner feed an item in a merged river came from.
public struct ItemSource: Sendable, Hashable {
    /// The partner feed's URL.
    public var feedURL: URL
    /// The partner's name.
    public var title: String?

    public init(feedURL: URL, title: String?) {
        self.feedURL = feedURL
        self.title = title
    }
}

/// Creates the writer for a format.
/// - Throws: `XMLWriterError` when libxml2 cannot allocate a writer.
public func makeFeedWriter(
    format: FeedFormat, channel: FeedChannel, sink: @escaping (Data) throws -> Void
) throws -> any FeedWriter {
    switch format {
    case .rss: try RSSWriter(channel: channel, sink: sink)
    case .atom: try AtomWriter(channel: channel, sink: sink)
    case .json: JSONFeedWriter(channel: channel, sink: sink)
    }
}

/// Name and version written into `<generator>`.
public enum Generator {
    public static let name = "Nashra"
    public static let version = "0.1.0"
    public static let uri = "https://nashra.news/"
}

extension Article {
    /// Atom entry id: the record id when it already is an absolute URI,
    /// otherwise a `tag:` URI (RFC 4151) built from the site's host, the
    /// publication day and the record id, so it never changes with the URL.
    func atomID(siteURL: URL) -> String {
        if let scheme = URL(string: id)?.scheme, !scheme.isEmpty, id.contains(":") { return id }
        let host = siteURL.host ?? "nashra.invalid"
        let day = String(published.rfc3339.prefix(10))
        // Record ids are nearly always ASCII slugs; only percent-encode the rare other ones.
        let plain = id.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "%") && $0 != UInt8(ascii: "#") }
        let safe = plain ? id : (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id)
        return "tag:\(host),\(day):\(safe)"
    }

    /// Section first, then tags, without repeats.
    var categories: [String] {
        var seen = Set<String>()
        return ([section].compactMap { $0 } + tags).filter { seen.insert($0).inserted }
    }
}

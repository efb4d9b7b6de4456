import Foundation
import FoundationXML
import NashraModel
import NashraTestSupport
import NashraWriters

/// Writes `articles` with `format` into memory.
func render(_ articles: [Article], format: FeedFormat, config: FeedConfig = siteConfig(), section: String? = nil) throws -> Data {
    let updated = articles.map(\.lastModified).max() ?? Timestamp(date: Date(timeIntervalSince1970: 0))
    let channel = FeedChannel(config: config, format: format, section: section, updated: updated)
    var out = Data()
    let writer = try makeFeedWriter(format: format, channel: channel) { out.append($0) }
    try writer.begin()
    for article in articles { try writer.write(article) }
    try writer.finish()
    return out
}

/// The fixture site's configuration.
func siteConfig() -> FeedConfig {
    try! FeedConfig(contentsOf: Fixtures.url("publish/site.json"))
}

/// The seed article and its four related articles, as records.
func seedArticles() throws -> [Article] {
    var articles: [Article] = []
    try ArticleRecordReader(path: Fixtures.url("publish/articles").path).forEach {
        if case .article(let a) = $0 { articles.append(a) }
    }
    return articles
}

/// Parses XML output with Foundation's own libxml2-backed DOM (an independent reader).
func xmlDocument(_ data: Data) throws -> XMLDocument {
    try XMLDocument(data: data, options: [])
}

extension XMLNode {
    /// String values of the nodes an XPath selects.
    func strings(_ xpath: String) throws -> [String] {
        try nodes(forXPath: xpath).compactMap(\.stringValue)
    }
}

/// Whether a string is an absolute http(s) URL with a host.
func isAbsoluteHTTP(_ s: String) -> Bool {
    guard let url = URL(string: s), let scheme = url.scheme else { return false }
    return (scheme == "http" || scheme == "https") && url.host?.isEmpty == false
}

/// A minimal valid article with the given id.
func article(_ id: String, title: String = "عنوان", published: String = "2025-02-13T13:12:00+01:00") -> Article {
    Article(
        id: id, url: URL(string: "https://example.ma/\(id)")!, title: title, published: Timestamp(rfc3339: published)!)
}

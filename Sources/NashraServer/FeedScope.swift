import Foundation
import NashraModel
import NashraStore
import NashraWriters

/// Which articles a served feed holds.
public enum FeedScope: Sendable, Hashable {
    /// The site's own articles (`/feed.rss`).
    case site
    /// The site's own articles in one section (`/sections/وطني/feed.rss`).
    case section(String)
    /// The merged partner river (`/partners/feed.rss`).
    case partners

    /// The part of a document-cache key that names the scope.
    var cacheKey: String {
        switch self {
        case .site: "site"
        case .partners: "partners"
        case .section(let name): "section:\(name)"
        }
    }

    /// The store query for the scope's first page.
    func query(pageSize: Int) -> ArticleQuery {
        switch self {
        case .site: ArticleQuery(origin: .own, limit: pageSize)
        case .section(let section): ArticleQuery(origin: .own, section: section, limit: pageSize)
        case .partners: ArticleQuery(origin: .partner, limit: pageSize)
        }
    }

    /// The path of the scope's feed in `format`, percent-encoded.
    func path(_ extensionName: String) -> String {
        switch self {
        case .site: "/feed.\(extensionName)"
        case .section(let section):
            "/sections/\(section.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? section)/feed.\(extensionName)"
        case .partners: "/partners/feed.\(extensionName)"
        }
    }

    /// The feed's public address (`rel="self"`, what a WebSub hub is told about).
    func selfURL(config: FeedConfig, format: FeedFormat) -> URL {
        switch self {
        case .site, .section:
            var section: String?
            if case .section(let name) = self { section = name }
            return FeedChannel(config: config, format: format, section: section, updated: Timestamp(date: Date(timeIntervalSince1970: 0))).selfURL
        case .partners:
            return URL(string: path(format.fileExtension), relativeTo: config.siteURL)?.absoluteURL ?? config.siteURL
        }
    }
}

import Foundation
import NashraWriters

/// The address of a served feed's first page: which articles, in which
/// format. The router matches these paths itself; the cached-feed handler
/// reads them from the raw request path to answer before the router.
struct FeedRoute: Hashable {
    let scope: FeedScope
    let format: FeedFormat

    /// The route as the router and the metrics name it (`/sections/{section}/feed.rss`).
    var pattern: String {
        switch scope {
        case .site: "/feed.\(format.fileExtension)"
        case .partners: "/partners/feed.\(format.fileExtension)"
        case .section: "/sections/{section}/feed.\(format.fileExtension)"
        }
    }

    /// Where the rendered page is kept in the document cache.
    var cacheKey: String { scope.cacheKey + "." + format.rawValue }

    init(scope: FeedScope, format: FeedFormat) {
        self.scope = scope
        self.format = format
    }

    /// The site's and the partners' routes by path: most requests are for these.
    private static let unparameterized: [String: FeedRoute] = Dictionary(
        uniqueKeysWithValues: FeedFormat.allCases.flatMap { format in
            [FeedScope.site, .partners].map { ($0.path(format.fileExtension), FeedRoute(scope: $0, format: format)) }
        })

    /// The route of a request path without a query (`/feed.rss`, `/partners/feed.atom`,
    /// `/sections/%D9%88%D8%B7%D9%86%D9%8A/feed.json`); `nil` for any other path.
    init?(path: String) {
        if let route = Self.unparameterized[path] {
            self = route
            return
        }
        guard path.hasPrefix("/sections/") else { return nil }
        let rest = path.dropFirst("/sections/".count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let file = rest[rest.index(after: slash)...]
        guard file.hasPrefix("feed."), let format = FeedFormat(rawValue: String(file.dropFirst(5))),
            let section = String(rest[..<slash]).removingPercentEncoding, !section.isEmpty
        else { return nil }
        scope = .section(section)
        self.format = format
    }
}

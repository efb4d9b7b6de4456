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

    /// The route of a request path without a query (`/feed.rss`, `/partners/feed.atom`,
    /// `/sections/%D9%88%D8%B7%D9%86%D9%8A/feed.json`); `nil` for any other path.
    init?(path: Substring) {
        guard let slash = path.lastIndex(of: "/") else { return nil }
        let file = path[path.index(after: slash)...]
        guard file.hasPrefix("feed."), let format = FeedFormat(rawValue: String(file.dropFirst(5))) else { return nil }
        let directory = path[..<slash]
        if directory.isEmpty {
            scope = .site
        } else if directory == "/partners" {
            scope = .partners
        } else if directory.hasPrefix("/sections/") {
            let segment = directory.dropFirst("/sections/".count)
            guard !segment.contains("/"), let section = String(segment).removingPercentEncoding, !section.isEmpty else { return nil }
            scope = .section(section)
        } else {
            return nil
        }
        self.format = format
    }
}

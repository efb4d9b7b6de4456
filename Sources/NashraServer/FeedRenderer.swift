import Foundation
import NashraModel
import NashraStore
import NashraWriters

/// Renders the feeds the server publishes from the store, a page at a time,
/// each item with its related list as `publish` writes it.
struct FeedRenderer: Sendable {
    let store: any Store
    let config: FeedConfig
    let pageSize: Int

    /// The feed of `scope` in `format`; `nil` when the section has no articles.
    func render(_ scope: FeedScope, format: FeedFormat) async throws -> RenderedDocument? {
        let page = try await store.articles(scope.query(pageSize: pageSize))
        if case .section = scope, page.articles.isEmpty { return nil }
        let newest = page.articles.map(\.article.lastModified).max()
        var site = config
        if scope == .partners { site.title = "\(config.title) – partners" }
        var section: String?
        if case .section(let name) = scope { section = name }
        var channel = FeedChannel(
            config: site, format: format, section: section, updated: newest ?? Timestamp(date: Date(timeIntervalSince1970: 0)))
        channel.selfURL = scope.selfURL(config: config, format: format)
        var bytes: [UInt8] = []
        let writer = try makeFeedWriter(format: format, channel: channel) { bytes.append(contentsOf: $0) }
        try writer.begin()
        for stored in page.articles {
            let article = try await store.withComputedRelated(
                stored.article, limit: config.relatedLimit, replacingManual: config.relatedReplacesManual)
            let partner = stored.origin == .partner ? stored.sources.first : nil
            try writer.write(article, source: partner.map { ItemSource(feedURL: $0.feedURL, title: $0.feedTitle) })
        }
        try writer.finish()
        return RenderedDocument(bytes: bytes, contentType: format.mediaType, lastModified: (newest ?? channel.updated).date)
    }
}

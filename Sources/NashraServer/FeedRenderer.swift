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

    /// The feed of `scope` in `format`, or the archive page of what is older than `before`
    /// (RFC 5005); `nil` when the section has no articles.
    func render(_ scope: FeedScope, format: FeedFormat, before: ArticleCursor? = nil) async throws -> RenderedDocument? {
        var query = scope.query(pageSize: pageSize)
        query.cursor = before
        let page = try await store.articles(query)
        if case .section = scope, page.articles.isEmpty, before == nil { return nil }
        let newest = page.articles.map(\.article.lastModified).max()
        var site = config
        if scope == .partners { site.title = "\(config.title) – partners" }
        var section: String?
        if case .section(let name) = scope { section = name }
        var channel = FeedChannel(
            config: site, format: format, section: section, updated: newest ?? Timestamp(date: Date(timeIntervalSince1970: 0)))
        let current = scope.selfURL(config: config, format: format)
        channel.selfURL = before.map { Self.page(current, before: $0) } ?? current
        // Paged (`next`) and archived (`prev-archive`) feeds both lead to what is older; archive pages
        // point back at the subscription document. Cursors, not page numbers: an archive page holds
        // the same articles however many arrive after it.
        if let next = page.next {
            let older = Self.page(current, before: next)
            channel.pageLinks += [PageLink(rel: "next", url: older), PageLink(rel: "prev-archive", url: older)]
        }
        if before != nil { channel.pageLinks.append(PageLink(rel: "current", url: current)) }
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

    /// `feed.rss?before=PUBLISHED_ROWID`.
    static func page(_ feed: URL, before cursor: ArticleCursor) -> URL {
        URL(string: feed.absoluteString + "?before=" + FeedCursor.text(cursor)) ?? feed
    }
}

/// The `before=` parameter of an archive page: the position after which it starts.
enum FeedCursor {
    static func text(_ cursor: ArticleCursor) -> String {
        String(format: "%.3f", cursor.published) + "_" + String(cursor.rowID)
    }

    static func parse(_ text: String) -> ArticleCursor? {
        let parts = text.split(separator: "_")
        guard parts.count == 2, let published = Double(parts[0]), published.isFinite, let row = Int64(parts[1]) else { return nil }
        return ArticleCursor(published: published, rowID: row)
    }
}

public import Foundation
public import NashraModel
public import NashraStore
import NashraParse

/// Turns a parsed partner entry into the article model with the keys the
/// store merges on. One small function per decision, like the parse translators.
public enum EntryIngest {
    /// Dates further in the future than this (a wrong zone, a typo) are held to the fetch time.
    public static let futureTolerance: TimeInterval = 5 * 60

    /// The entries of a fetched feed, ready for `Store.applyFetch`. Entries
    /// with no link at all cannot be published and are left out.
    public static func entries(_ feed: ParsedFeed, subscription: Subscription, fetchedAt: Date) -> [IncomingEntry] {
        feed.entries.compactMap { entry($0, feedLanguage: feed.feed.language, subscription: subscription, fetchedAt: fetchedAt) }
    }

    static func entry(_ e: ParsedEntry, feedLanguage: String?, subscription: Subscription, fetchedAt: Date) -> IncomingEntry? {
        guard let link = link(e) else { return nil }
        let key = entryKey(e, link: link)
        var (published, held) = published(e, fetchedAt: fetchedAt)
        var updated = e.updated.flatMap(Timestamp.init(rfc3339:))
        if let u = updated, u.date.timeIntervalSince(fetchedAt) > futureTolerance {
            updated = Timestamp(date: fetchedAt)
            held = true
        }
        if let u = updated, u < published { updated = nil }
        let summary = e.summary?.nilIfEmpty
        let content = e.content.first { $0.type == "text/html" } ?? e.content.first
        let article = Article(
            id: "p\(subscription.id)-\(ContentHash.of(key))",
            url: link,
            title: title(e, summary: summary),
            summary: summary,
            contentHTML: content?.value.nilIfEmpty,
            published: published,
            updated: updated,
            language: e.language ?? feedLanguage,
            section: e.nashra?.section,
            tags: e.categories.map(\.term),
            authors: e.authors.compactMap { p in (p.name ?? p.email).map { Author(name: $0, email: p.email, uri: p.uri.flatMap(URL.init(string:))) } },
            credit: e.nashra?.credit,
            dateline: e.nashra?.dateline,
            image: image(e),
            related: related(e))
        return IncomingEntry(
            article: article, entryKey: key, canonicalLink: CanonicalLink.of(link.absoluteString),
            simhash: SimHash.of(article.title + " " + HTMLText.plainText(summary ?? content?.value ?? "")), heldFutureDate: held)
    }

    /// The entry's link, else an http(s) id (RSS guids often are the permalink).
    static func link(_ e: ParsedEntry) -> URL? {
        for candidate in [e.link, e.id].compactMap({ $0 }) {
            if let url = URL(string: candidate), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil {
                return url
            }
        }
        return nil
    }

    /// Identity within a subscription: the guid/id (canonicalized when it is a
    /// URL, so `http`/`www.`/`utm_` churn keeps it), else the canonical link.
    static func entryKey(_ e: ParsedEntry, link: URL) -> String {
        if let id = e.id?.trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty {
            return CanonicalLink.of(id) ?? id
        }
        return CanonicalLink.of(link.absoluteString) ?? link.absoluteString
    }

    /// `published`, else `updated`, else the fetch time; a future date is held to the fetch time.
    static func published(_ e: ParsedEntry, fetchedAt: Date) -> (Timestamp, held: Bool) {
        guard let date = (e.published ?? e.updated).flatMap(Timestamp.init(rfc3339:)) else {
            return (Timestamp(date: fetchedAt), false)
        }
        if date.date.timeIntervalSince(fetchedAt) > futureTolerance { return (Timestamp(date: fetchedAt), true) }
        return (date, false)
    }

    /// The title, or the start of the summary for the rare untitled item.
    static func title(_ e: ParsedEntry, summary: String?) -> String {
        if let title = e.title?.nilIfEmpty { return title }
        let text = HTMLText.plainText(summary ?? "")
        guard !text.isEmpty else { return "—" }
        return text.count > 90 ? String(text.prefix(90)) + "…" : text
    }

    /// An image enclosure, else media content of medium image, else the first thumbnail.
    static func image(_ e: ParsedEntry) -> ArticleImage? {
        if let enclosure = e.enclosures.first(where: { $0.type?.hasPrefix("image/") == true }), let url = URL(string: enclosure.href) {
            return ArticleImage(url: url, type: enclosure.type, length: enclosure.length.flatMap { $0 > 0 ? $0 : nil })
        }
        if let content = e.media?.content.first(where: { $0.medium == "image" || $0.type?.hasPrefix("image/") == true }),
            let url = URL(string: content.url)
        {
            return ArticleImage(url: url, type: content.type, length: content.fileSize, caption: content.description)
        }
        if let thumbnail = e.media?.thumbnails.first, let url = URL(string: thumbnail.url) {
            return ArticleImage(url: url)
        }
        return nil
    }

    static func related(_ e: ParsedEntry) -> [RelatedArticle] {
        (e.nashra?.related ?? []).compactMap { r in
            guard let url = URL(string: r.href) else { return nil }
            return RelatedArticle(
                id: r.id ?? url.absoluteString, url: url, title: r.title ?? url.absoluteString,
                published: r.published.flatMap(Timestamp.init(rfc3339:)))
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

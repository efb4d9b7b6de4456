public import Foundation
public import NashraModel
private import NashraXML

/// RSS 2.0 (https://www.rssboard.org/rss-specification) through libxml2's
/// `xmlTextWriter`, with the `content`, `dc`, `media`, `atom` and Nashra
/// namespaces.
public final class RSSWriter: FeedWriter {
    private let channel: FeedChannel
    private let xml: XMLWriter

    /// - Throws: `XMLWriterError` when libxml2 cannot allocate a writer.
    public init(channel: FeedChannel, sink: @escaping (Data) throws -> Void) throws {
        self.channel = channel
        self.xml = try XMLWriter(sink: sink)
    }

    public func begin() throws {
        try xml.startDocument()
        try xml.startElement("rss")
        try xml.attribute("version", "2.0")
        try xml.attribute("xmlns:atom", XMLNamespace.atom)
        try xml.attribute("xmlns:content", XMLNamespace.content)
        try xml.attribute("xmlns:dc", XMLNamespace.dc)
        try xml.attribute("xmlns:media", XMLNamespace.media)
        try xml.attribute("xmlns:nashra", XMLNamespace.nashra)
        try xml.startElement("channel")
        try xml.element("title", channel.title)
        try xml.element("link", channel.siteURL.absoluteString)
        // <description> is required by RSS 2.0; fall back to the title.
        try xml.element("description", channel.description ?? channel.title)
        try xml.element("language", channel.language)
        try xml.element("copyright", channel.rights)
        if let editor = channel.authors.first(where: { $0.email != nil }), let email = editor.email {
            try xml.element("managingEditor", "\(email) (\(editor.name))")
        }
        try xml.element("lastBuildDate", channel.updated.rfc822)
        try xml.element("generator", "\(Generator.name) \(Generator.version)")
        try xml.element("docs", "https://www.rssboard.org/rss-specification")
        try xml.element("ttl", channel.ttl.map(String.init))
        if let image = channel.logo ?? channel.icon {
            try xml.startElement("image")
            try xml.element("url", image.absoluteString)
            try xml.element("title", channel.title)
            try xml.element("link", channel.siteURL.absoluteString)
            try xml.endElement()
        }
        try xml.emptyElement(
            "atom:link", attributes: ["href": channel.selfURL.absoluteString, "rel": "self", "type": "application/rss+xml"])
        if let hub = channel.hub {
            try xml.emptyElement("atom:link", attributes: ["href": hub.absoluteString, "rel": "hub"])
        }
        for link in channel.pageLinks {
            try xml.emptyElement("atom:link", attributes: ["href": link.url.absoluteString, "rel": link.rel, "type": "application/rss+xml"])
        }
    }

    public func write(_ article: Article, source: ItemSource?) throws {
        try xml.startElement("item")
        try xml.element("title", article.title)
        try xml.element("link", article.url.absoluteString)
        // The record id is the stable identity; it is a permalink only when it is the URL itself.
        let isPermaLink = article.id == article.url.absoluteString
        try xml.element("guid", article.id, attributes: ["isPermaLink": isPermaLink ? "true" : "false"])
        try xml.element("pubDate", article.published.rfc822)
        if let updated = article.updated { try xml.element("atom:updated", updated.rfc3339) }
        try xml.element("description", article.summary)
        try xml.element("content:encoded", article.contentHTML)
        for author in article.authors {
            try xml.element("dc:creator", author.name)
        }
        for category in article.categories {
            try xml.element("category", category)
        }
        if let language = article.language, language != channel.language {
            try xml.element("dc:language", language)
        }
        if let image = article.image {
            // RSS 2.0 requires length; 0 is the advisory board's "unknown".
            try xml.emptyElement(
                "enclosure",
                attributes: [
                    "url": image.url.absoluteString, "length": String(image.length ?? 0), "type": image.type ?? "image/jpeg",
                ])
            try xml.startElement("media:content")
            try xml.attribute("url", image.url.absoluteString)
            try xml.attribute("type", image.type)
            try xml.attribute("medium", "image")
            try xml.attribute("fileSize", image.length.map(String.init))
            try xml.element("media:description", image.caption)
            try xml.endElement()
            try xml.emptyElement("media:thumbnail", attributes: ["url": image.url.absoluteString])
        }
        if let source {
            // RSS 2.0 <source>: the channel the item came from.
            try xml.element("source", source.title ?? source.feedURL.host ?? source.feedURL.absoluteString, attributes: ["url": source.feedURL.absoluteString])
        }
        try xml.element("nashra:section", article.section)
        try xml.element("nashra:credit", article.credit)
        try xml.element("nashra:dateline", article.dateline)
        for related in article.related {
            try xml.element(
                "nashra:related", related.title,
                attributes: ["id": related.id, "href": related.url.absoluteString, "published": related.published?.rfc3339])
        }
        try xml.endElement()
    }

    public func finish() throws {
        try xml.endDocument()
    }
}

public import Foundation
public import NashraModel
private import NashraXML

/// Atom 1.0 (RFC 4287) through libxml2's `xmlTextWriter`, with Nashra's
/// extension namespace for fields Atom has no element for.
public final class AtomWriter: FeedWriter {
    private let channel: FeedChannel
    private let xml: XMLWriter

    /// - Throws: `XMLWriterError` when libxml2 cannot allocate a writer.
    public init(channel: FeedChannel, sink: @escaping (Data) throws -> Void) throws {
        self.channel = channel
        self.xml = try XMLWriter(sink: sink)
    }

    public func begin() throws {
        try xml.startDocument()
        try xml.startElement("feed")
        try xml.attribute("xmlns", XMLNamespace.atom)
        try xml.attribute("xmlns:nashra", XMLNamespace.nashra)
        try xml.attribute("xml:lang", channel.language)
        try xml.element("id", channel.selfURL.absoluteString)
        try xml.element("title", channel.title, attributes: ["type": "text"])
        try xml.element("subtitle", channel.description, attributes: ["type": "text"])
        try xml.element("updated", channel.updated.rfc3339)
        try xml.emptyElement(
            "link", attributes: ["rel": "self", "type": "application/atom+xml", "href": channel.selfURL.absoluteString])
        try xml.emptyElement("link", attributes: ["rel": "alternate", "type": "text/html", "href": channel.siteURL.absoluteString])
        if let hub = channel.hub {
            try xml.emptyElement("link", attributes: ["rel": "hub", "href": hub.absoluteString])
        }
        for link in channel.pageLinks {
            try xml.emptyElement("link", attributes: ["rel": link.rel, "type": "application/atom+xml", "href": link.url.absoluteString])
        }
        // RFC 4287 4.1.1: an entry without author needs one on the feed; the site itself stands in.
        for author in channel.authors.isEmpty ? [Author(name: channel.title, uri: channel.siteURL)] : channel.authors {
            try writePerson(author)
        }
        try xml.element("rights", channel.rights, attributes: ["type": "text"])
        try xml.element("icon", channel.icon?.absoluteString)
        try xml.element("logo", channel.logo?.absoluteString)
        try xml.element("generator", Generator.name, attributes: ["uri": Generator.uri, "version": Generator.version])
    }

    public func write(_ article: Article, source: ItemSource?) throws {
        try xml.startElement("entry")
        if let language = article.language, language != channel.language {
            try xml.attribute("xml:lang", language)
        }
        try xml.element("id", article.atomID(siteURL: channel.siteURL))
        try xml.element("title", article.title, attributes: ["type": "text"])
        try xml.element("published", article.published.rfc3339)
        try xml.element("updated", article.lastModified.rfc3339)
        try xml.emptyElement("link", attributes: ["rel": "alternate", "type": "text/html", "href": article.url.absoluteString])
        if let image = article.image {
            try xml.emptyElement(
                "link",
                attributes: [
                    "rel": "enclosure", "type": image.type, "length": image.length.map(String.init),
                    "href": image.url.absoluteString, "title": image.caption,
                ])
        }
        for related in article.related {
            try xml.emptyElement(
                "link",
                attributes: [
                    "rel": "related", "type": "text/html", "href": related.url.absoluteString, "title": related.title,
                    "nashra:id": related.id, "nashra:published": related.published?.rfc3339,
                ])
        }
        for author in article.authors { try writePerson(author) }
        for category in article.categories {
            try xml.emptyElement("category", attributes: ["term": category])
        }
        if let source {
            // RFC 4287 4.2.11: the feed the entry was copied from.
            try xml.startElement("source")
            try xml.element("id", source.feedURL.absoluteString)
            try xml.element("title", source.title, attributes: ["type": "text"])
            try xml.emptyElement("link", attributes: ["rel": "self", "href": source.feedURL.absoluteString])
            try xml.endElement()
        }
        try xml.element("summary", article.summary, attributes: ["type": "html"])
        try xml.element("content", article.contentHTML, attributes: ["type": "html"])
        try xml.element("nashra:section", article.section)
        try xml.element("nashra:credit", article.credit)
        try xml.element("nashra:dateline", article.dateline)
        try xml.endElement()
    }

    public func finish() throws {
        try xml.endDocument()
    }

    private func writePerson(_ author: Author) throws {
        try xml.startElement("author")
        try xml.element("name", author.name)
        try xml.element("email", author.email)
        try xml.element("uri", author.uri?.absoluteString)
        try xml.endElement()
    }
}

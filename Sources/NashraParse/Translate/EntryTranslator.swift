import Foundation
import NashraModel

/// What translation needs besides the scratchpad.
struct TranslationContext {
    /// Zone for dates written without one.
    var defaultZone: TimeZone?
}

/// Builds a `ParsedEntry` from a `RawEntry`, one small function per output
/// key (STYLE.md 6), so a mapping bug points at one function.
enum EntryTranslator {
    static func translate(_ raw: RawEntry, feedLanguage: String?, context: TranslationContext) -> ParsedEntry {
        var e = ParsedEntry()
        e.id = id(raw)
        if let title = raw.title {
            e.title = TextCleaning.plain(title)
            e.titleType = titleType(title)
        }
        e.links = links(raw)
        e.link = link(raw, links: e.links)
        (e.summary, e.summaryType) = summary(raw)
        e.content = content(raw)
        (e.published, e.publishedRaw) = date(publishedSource(raw), context)
        (e.updated, e.updatedRaw) = date(updatedSource(raw), context)
        e.authors = authors(raw)
        e.contributors = raw.contributors
        e.categories = raw.categories
        e.enclosures = enclosures(raw)
        e.comments = raw.comments.map { URLResolver.resolve($0.href, against: $0.base) }
        e.source = raw.source
        e.language = language(raw, feedLanguage: feedLanguage)
        e.rights = raw.rights
        e.media = media(raw)
        e.nashra = nashra(raw)
        return e
    }

    // MARK: - One function per key

    static func id(_ raw: RawEntry) -> String? {
        raw.guid ?? raw.atomID ?? raw.rdfAbout?.nilIfBlank
    }

    static func titleType(_ title: RawText) -> String {
        switch title.type {
        case "html", "xhtml": title.type
        default: "text"
        }
    }

    static func links(_ raw: RawEntry) -> [ParsedLink] {
        var result: [ParsedLink] = []
        if let rss = raw.rssLink {
            result.append(ParsedLink(rel: "alternate", href: URLResolver.resolve(rss.href, against: rss.base), type: "text/html"))
        }
        for link in raw.atomLinks {
            result.append(parsedLink(link, defaultRel: "alternate"))
        }
        for enclosure in raw.enclosures {
            result.append(parsedLink(enclosure, defaultRel: "enclosure"))
        }
        return result
    }

    static func parsedLink(_ link: RawLink, defaultRel: String) -> ParsedLink {
        ParsedLink(
            rel: link.rel ?? defaultRel, href: URLResolver.resolve(link.href, against: link.base), type: link.type,
            title: link.title, length: link.length.flatMap { Int($0.trimmed) }, hreflang: link.hreflang)
    }

    /// RSS `link`, else the first Atom alternate, else a permalink guid.
    static func link(_ raw: RawEntry, links: [ParsedLink]) -> String? {
        if let alternate = links.first(where: { $0.rel == "alternate" }) { return alternate.href }
        if let guid = raw.guid, raw.guidIsPermaLink != false, let scheme = URL(string: guid)?.scheme?.lowercased(),
            scheme == "http" || scheme == "https"
        {
            return URLResolver.resolve(guid, against: raw.base)
        }
        return nil
    }

    static func summary(_ raw: RawEntry) -> (String?, String?) {
        guard let source = raw.description ?? raw.summary ?? raw.mediaDescription ?? raw.itunesSummary else { return (nil, nil) }
        let type =
            switch source.type {
            case "rss", "html": "html"
            case "xhtml": "xhtml"
            default: "text"
            }
        return (TextCleaning.safeHTML(source), type)
    }

    static func content(_ raw: RawEntry) -> [ParsedContent] {
        var result: [ParsedContent] = []
        if let encoded = raw.contentEncoded {
            result.append(
                ParsedContent(type: "text/html", value: TextCleaning.safeHTML(encoded), language: encoded.language, base: encoded.declaredBase?.absoluteString))
        }
        for content in raw.contents {
            let mime: String
            switch content.type {
            case "html", "text/html": mime = "text/html"
            case "xhtml", "application/xhtml+xml": mime = "application/xhtml+xml"
            case "text", "text/plain": mime = "text/plain"
            default: mime = content.type
            }
            var cleaned = content
            cleaned.type = mime == "text/plain" ? "text" : "html"
            result.append(ParsedContent(type: mime, value: TextCleaning.safeHTML(cleaned), language: content.language, base: content.declaredBase?.absoluteString))
        }
        return result
    }

    static func publishedSource(_ raw: RawEntry) -> RawDate? {
        raw.pubDate ?? raw.published ?? raw.issued ?? raw.dcDate ?? raw.created
    }

    static func updatedSource(_ raw: RawEntry) -> RawDate? {
        if let updated = raw.updated ?? raw.modified { return updated }
        // dc:date is the publication date unless pubDate already gave one.
        if raw.pubDate != nil || raw.published != nil { return raw.dcDate }
        return nil
    }

    static func date(_ raw: RawDate?, _ context: TranslationContext) -> (String?, String?) {
        guard let text = raw?.text.nilIfBlank else { return (nil, nil) }
        return (FeedDateParser.parse(text, defaultZone: context.defaultZone)?.rfc3339UTC, text)
    }

    static func authors(_ raw: RawEntry) -> [ParsedPerson] {
        var result = raw.atomAuthors
        result += raw.rssAuthors.map(person(fromRSSAuthor:))
        result += raw.dcCreators.map { ParsedPerson(name: $0) }
        if result.isEmpty, let itunes = raw.itunesAuthor { result.append(ParsedPerson(name: itunes)) }
        return result
    }

    /// `jo@example.com (Jo Smith)`, `Jo Smith <jo@example.com>`, a bare address, or a name.
    static func person(fromRSSAuthor text: String) -> ParsedPerson {
        let t = text.trimmed
        if let open = t.firstIndex(of: "("), t.hasSuffix(")") {
            let email = String(t[..<open]).trimmed
            let name = String(t[t.index(after: open)..<t.index(before: t.endIndex)]).trimmed
            if email.contains("@") { return ParsedPerson(name: name.nilIfBlank, email: email) }
        }
        if let open = t.firstIndex(of: "<"), t.hasSuffix(">") {
            let name = String(t[..<open]).trimmed
            let email = String(t[t.index(after: open)..<t.index(before: t.endIndex)]).trimmed
            if email.contains("@") { return ParsedPerson(name: name.nilIfBlank, email: email) }
        }
        if t.contains("@"), !t.contains(" ") { return ParsedPerson(email: t) }
        return ParsedPerson(name: t)
    }

    static func enclosures(_ raw: RawEntry) -> [ParsedEnclosure] {
        let links = raw.enclosures + raw.atomLinks.filter { $0.rel == "enclosure" }
        return links.map {
            ParsedEnclosure(href: URLResolver.resolve($0.href, against: $0.base), type: $0.type, length: $0.length.flatMap { Int($0.trimmed) })
        }
    }

    static func language(_ raw: RawEntry, feedLanguage: String?) -> String? {
        let language = raw.dcLanguage ?? raw.language
        return language == feedLanguage ? nil : language
    }

    static func media(_ raw: RawEntry) -> ParsedMedia? {
        guard !raw.mediaThumbnails.isEmpty || !raw.mediaContents.isEmpty else { return nil }
        return ParsedMedia(thumbnails: raw.mediaThumbnails, content: raw.mediaContents)
    }

    static func nashra(_ raw: RawEntry) -> ParsedNashraExtension? {
        var ext = ParsedNashraExtension()
        ext.section = raw.nashraSection
        ext.credit = raw.nashraCredit
        ext.dateline = raw.nashraDateline
        ext.related = raw.nashraRelated
        for link in raw.atomLinks where link.rel == "related" {
            ext.related.append(
                ParsedRelated(
                    id: link.nashraID, href: URLResolver.resolve(link.href, against: link.base), title: link.title,
                    published: link.nashraPublished))
        }
        let empty = ext.section == nil && ext.credit == nil && ext.dateline == nil && ext.related.isEmpty
        return empty ? nil : ext
    }
}

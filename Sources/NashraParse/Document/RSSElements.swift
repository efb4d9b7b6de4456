import Foundation
import NashraModel
import NashraXML

/// RSS 0.9x / 1.0 / 2.0 elements (https://www.rssboard.org/rss-specification,
/// https://web.resource.org/rss/1.0/spec).
extension FeedDocumentHandler {
    func rssElement(_ frame: Frame, text: String, owner: Scope) {
        let a = frame.attributes
        let local = frame.name.local
        let inEntry = owner == .item || owner == .entry
        if scope == .image {
            rssImageElement(local, text: text, base: frame.base)
            return
        }
        switch (local, inEntry) {
        case ("title", true): entry?.title = RawText(value: text, type: "rss", base: frame.base)
        case ("title", false): feed.title = RawText(value: text, type: "rss", base: frame.base)
        case ("link", true):
            if let href = text.nilIfBlank { entry?.rssLink = RawLink(rel: "alternate", href: href, base: frame.base) }
        case ("link", false):
            if let href = text.nilIfBlank { feed.rssLink = RawLink(rel: "alternate", href: href, base: frame.base) }
        case ("description", true):
            entry?.description = RawText(value: text, type: "html", base: frame.base, language: frame.language)
        case ("description", false):
            feed.subtitle = RawText(value: text, type: "rss", base: frame.base)
        case ("guid", true):
            entry?.guid = text.nilIfBlank
            // RSS 2.0: isPermaLink defaults to true.
            entry?.guidIsPermaLink = a.value("isPermaLink").map { $0.trimmed.lowercased() != "false" } ?? true
        case ("pubDate", true): entry?.pubDate = RawDate(text: text)
        case ("pubDate", false): feed.pubDate = RawDate(text: text)
        case ("lastBuildDate", false): feed.lastBuildDate = RawDate(text: text)
        case ("author", true): if let v = text.nilIfBlank { entry?.rssAuthors.append(v) }
        case ("managingEditor", false), ("webMaster", false):
            if feed.rssAuthors.isEmpty, let v = text.nilIfBlank { feed.rssAuthors.append(v) }
        case ("category", _):
            guard let term = text.nilIfBlank else { return }
            let category = ParsedCategory(term: term, scheme: a.value("domain")?.nilIfBlank)
            if inEntry { entry?.categories.append(category) } else { feed.categories.append(category) }
        case ("enclosure", true):
            guard let url = a.value("url")?.nilIfBlank else { return }
            entry?.enclosures.append(
                RawLink(rel: "enclosure", href: url, type: a.value("type")?.nilIfBlank, length: a.value("length"), base: frame.base))
        case ("comments", true):
            if let href = text.nilIfBlank { entry?.comments = RawLink(href: href, base: frame.base) }
        case ("source", true):
            entry?.source = ParsedSource(
                title: text.nilIfBlank, href: a.value("url").map { URLResolver.resolve($0, against: frame.base) })
        case ("language", false): feed.dcLanguage = text.nilIfBlank
        case ("copyright", false): feed.rights = text.nilIfBlank
        case ("generator", false): feed.generator = ParsedGenerator(name: text.nilIfBlank)
        case ("ttl", false): feed.ttl = text.nilIfBlank
        default: break
        }
    }

    func rssImageElement(_ local: String, text: String, base: URL?) {
        var image = feed.image ?? ParsedImage()
        switch local {
        case "url": image.url = text.nilIfBlank.map { URLResolver.resolve($0, against: base) }
        case "title": image.title = text.nilIfBlank
        case "link": image.link = text.nilIfBlank.map { URLResolver.resolve($0, against: base) }
        case "width": image.width = Int(text.trimmed)
        case "height": image.height = Int(text.trimmed)
        default: return
        }
        feed.image = image
    }

    /// Dublin Core and DCMI terms (https://www.dublincore.org/specifications/dublin-core/dces/).
    func dublinCoreElement(_ frame: Frame, text: String, owner: Scope) {
        guard let value = text.nilIfBlank else { return }
        let inEntry = owner == .item || owner == .entry
        switch (frame.name.local, inEntry) {
        case ("date", true), ("issued", true):
            if entry?.dcDate == nil { entry?.dcDate = RawDate(text: text) }
        case ("modified", true): entry?.modified = RawDate(text: text)
        case ("date", false), ("modified", false): feed.dcDate = RawDate(text: text)
        case ("creator", true): entry?.dcCreators.append(value)
        case ("creator", false): feed.dcCreators.append(value)
        case ("contributor", true): entry?.contributors.append(ParsedPerson(name: value))
        case ("contributor", false): feed.contributors.append(ParsedPerson(name: value))
        case ("subject", true): entry?.categories.append(ParsedCategory(term: value))
        case ("subject", false): feed.categories.append(ParsedCategory(term: value))
        case ("language", true): entry?.dcLanguage = value
        case ("language", false): feed.dcLanguage = feed.dcLanguage ?? value
        case ("rights", true): entry?.rights = value
        case ("rights", false): feed.rights = feed.rights ?? value
        default: break
        }
    }

    /// Media RSS (https://www.rssboard.org/media-rss).
    func mediaElement(_ frame: Frame, text: String, owner: Scope) {
        guard owner == .item || owner == .entry else { return }
        let a = frame.attributes
        switch frame.name.local {
        case "thumbnail":
            guard let url = a.value("url")?.nilIfBlank else { return }
            entry?.mediaThumbnails.append(
                ParsedMediaThumbnail(
                    url: URLResolver.resolve(url, against: frame.base), width: a.value("width").flatMap { Int($0.trimmed) },
                    height: a.value("height").flatMap { Int($0.trimmed) }))
        case "description", "title":
            guard let value = text.nilIfBlank else { return }
            if scope == .mediaContent {
                if frame.name.local == "description" || mediaContent?.description == nil { mediaContent?.description = value }
            } else if frame.name.local == "description" {
                entry?.mediaDescription = RawText(
                    value: text, type: a.value("type") == "html" ? "html" : "text", base: frame.base)
            }
        case "content":
            // An empty media:content (no children) arrives here as a leaf only when it has no url.
            break
        default: break
        }
    }

    /// iTunes podcast basics.
    func itunesElement(_ frame: Frame, text: String, owner: Scope) {
        let inEntry = owner == .item || owner == .entry
        switch (frame.name.local, inEntry) {
        case ("author", true): entry?.itunesAuthor = text.nilIfBlank
        case ("author", false): feed.itunesAuthor = text.nilIfBlank
        case ("summary", true): entry?.itunesSummary = RawText(value: text, type: "text", base: frame.base)
        case ("image", false):
            if let href = frame.attributes.value("href")?.nilIfBlank { feed.itunesImage = URLResolver.resolve(href, against: frame.base) }
        case ("category", _):
            guard let term = frame.attributes.value("text")?.nilIfBlank else { return }
            let category = ParsedCategory(term: term, scheme: "http://www.itunes.com/")
            if inEntry { entry?.categories.append(category) } else { feed.categories.append(category) }
        default: break
        }
    }

    /// Nashra's own namespace (docs/NAMESPACE.md).
    func nashraElement(_ frame: Frame, text: String, owner: Scope) {
        guard owner == .item || owner == .entry else { return }
        switch frame.name.local {
        case "section": entry?.nashraSection = text.nilIfBlank
        case "credit": entry?.nashraCredit = text.nilIfBlank
        case "dateline": entry?.nashraDateline = text.nilIfBlank
        case "related":
            guard let href = frame.attributes.value("href")?.nilIfBlank else { return }
            entry?.nashraRelated.append(
                ParsedRelated(
                    id: frame.attributes.value("id")?.nilIfBlank, href: URLResolver.resolve(href, against: frame.base),
                    title: text.nilIfBlank, published: frame.attributes.value("published")?.nilIfBlank))
        default: break
        }
    }
}

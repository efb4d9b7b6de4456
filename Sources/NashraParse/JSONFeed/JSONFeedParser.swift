import Foundation
import NashraModel

/// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/), with
/// Nashra's `_nashra` extension. JSON feeds are small by nature and are read whole.
enum JSONFeedParser {
    static func parse(_ bytes: [UInt8], options: FeedParseOptions) -> ParsedFeed {
        var feed = ParsedFeed(version: "", encoding: "utf-8")
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                feed.bozo = true
                feed.bozoMessage = "the JSON document is not an object"
                return feed
            }
            object = parsed
        } catch {
            feed.bozo = true
            feed.bozoMessage = "not valid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)")"
            return feed
        }
        let versionURL = (object["version"] as? String) ?? ""
        if versionURL.hasPrefix("https://jsonfeed.org/version/1.1") || versionURL.hasPrefix("http://jsonfeed.org/version/1.1") {
            feed.version = "json11"
        } else if versionURL.hasPrefix("https://jsonfeed.org/version/1") || versionURL.hasPrefix("http://jsonfeed.org/version/1") {
            feed.version = "json1"
        }
        let base = (object["feed_url"] as? String).flatMap { URL(string: URLResolver.percentEncodeIRI($0)) } ?? options.documentURL
        let context = TranslationContext(defaultZone: options.defaultZone)
        feed.feed = info(object, base: base)
        let items = object["items"] as? [Any] ?? []
        feed.entries = items.compactMap { ($0 as? [String: Any]).map { entry($0, base: base, context: context) } }
        return feed
    }

    static func info(_ o: [String: Any], base: URL?) -> ParsedFeedInfo {
        var f = ParsedFeedInfo()
        f.title = (o["title"] as? String).map(TextCleaning.collapseWhitespace)
        f.titleType = f.title == nil ? nil : "text"
        f.subtitle = (o["description"] as? String)?.nilIfBlank
        if let home = (o["home_page_url"] as? String)?.nilIfBlank {
            f.link = URLResolver.resolve(home, against: base)
            f.links.append(ParsedLink(rel: "alternate", href: f.link!, type: "text/html"))
        }
        if let feedURL = (o["feed_url"] as? String)?.nilIfBlank {
            f.links.append(ParsedLink(rel: "self", href: URLResolver.resolve(feedURL, against: base), type: "application/feed+json"))
        }
        f.language = (o["language"] as? String)?.nilIfBlank
        f.authors = people(o)
        f.icon = (o["favicon"] as? String).map { URLResolver.resolve($0, against: base) }
        f.logo = (o["icon"] as? String).map { URLResolver.resolve($0, against: base) }
        if let hubs = o["hubs"] as? [[String: Any]], let url = hubs.first?["url"] as? String {
            f.hub = url
            f.links.append(ParsedLink(rel: "hub", href: url))
        }
        return f
    }

    static func entry(_ o: [String: Any], base: URL?, context: TranslationContext) -> ParsedEntry {
        var e = ParsedEntry()
        e.id = (o["id"] as? String) ?? (o["id"] as? NSNumber)?.stringValue
        if let title = o["title"] as? String {
            e.title = TextCleaning.collapseWhitespace(title)
            e.titleType = "text"
        }
        if let url = (o["url"] as? String)?.nilIfBlank {
            e.link = URLResolver.resolve(url, against: base)
            e.links.append(ParsedLink(rel: "alternate", href: e.link!, type: "text/html"))
        }
        if let external = (o["external_url"] as? String)?.nilIfBlank {
            e.links.append(ParsedLink(rel: "related", href: URLResolver.resolve(external, against: base)))
        }
        if let summary = o["summary"] as? String {
            e.summary = HTMLEscaping.escapeText(summary.trimmed)
            e.summaryType = "text"
        }
        if let html = o["content_html"] as? String {
            e.content.append(ParsedContent(type: "text/html", value: HTMLSanitizer.sanitize(html.trimmed, baseURL: base)))
        }
        if let text = o["content_text"] as? String {
            e.content.append(ParsedContent(type: "text/plain", value: HTMLEscaping.escapeText(text.trimmed)))
        }
        (e.published, e.publishedRaw) = EntryTranslator.date((o["date_published"] as? String).map(RawDate.init), context)
        (e.updated, e.updatedRaw) = EntryTranslator.date((o["date_modified"] as? String).map(RawDate.init), context)
        e.authors = people(o)
        e.categories = (o["tags"] as? [Any] ?? []).compactMap { ($0 as? String)?.nilIfBlank.map { ParsedCategory(term: $0) } }
        e.language = (o["language"] as? String)?.nilIfBlank
        for attachment in o["attachments"] as? [[String: Any]] ?? [] {
            guard let url = (attachment["url"] as? String)?.nilIfBlank else { continue }
            let href = URLResolver.resolve(url, against: base)
            let length = (attachment["size_in_bytes"] as? NSNumber)?.intValue
            e.enclosures.append(ParsedEnclosure(href: href, type: attachment["mime_type"] as? String, length: length))
            e.links.append(ParsedLink(rel: "enclosure", href: href, type: attachment["mime_type"] as? String, length: length))
        }
        if let image = (o["image"] as? String)?.nilIfBlank {
            e.media = ParsedMedia(thumbnails: [ParsedMediaThumbnail(url: URLResolver.resolve(image, against: base))])
        }
        e.nashra = nashra(o["_nashra"] as? [String: Any], base: base)
        return e
    }

    /// JSON Feed 1.1 `authors`, or 1.0 `author`.
    static func people(_ o: [String: Any]) -> [ParsedPerson] {
        let list = (o["authors"] as? [[String: Any]]) ?? (o["author"] as? [String: Any]).map { [$0] } ?? []
        return list.compactMap { a in
            let name = (a["name"] as? String)?.nilIfBlank
            var uri = (a["url"] as? String)?.nilIfBlank
            var email: String?
            if let u = uri, u.hasPrefix("mailto:") {
                email = String(u.dropFirst(7))
                uri = nil
            }
            guard name != nil || uri != nil || email != nil else { return nil }
            return ParsedPerson(name: name, email: email, uri: uri)
        }
    }

    static func nashra(_ o: [String: Any]?, base: URL?) -> ParsedNashraExtension? {
        guard let o else { return nil }
        var ext = ParsedNashraExtension()
        ext.section = (o["section"] as? String)?.nilIfBlank
        ext.credit = (o["credit"] as? String)?.nilIfBlank
        ext.dateline = (o["dateline"] as? String)?.nilIfBlank
        for r in o["related"] as? [[String: Any]] ?? [] {
            guard let href = ((r["url"] ?? r["href"]) as? String)?.nilIfBlank else { continue }
            ext.related.append(
                ParsedRelated(
                    id: r["id"] as? String, href: URLResolver.resolve(href, against: base), title: r["title"] as? String,
                    published: (r["date_published"] ?? r["published"]) as? String))
        }
        let empty = ext.section == nil && ext.credit == nil && ext.dateline == nil && ext.related.isEmpty
        return empty ? nil : ext
    }
}

import Foundation
import NashraModel

/// Builds `ParsedFeedInfo` from a `RawFeed`, one small function per key.
enum FeedTranslator {
    static func translate(_ raw: RawFeed, context: TranslationContext) -> ParsedFeedInfo {
        var f = ParsedFeedInfo()
        if let title = raw.title {
            f.title = TextCleaning.plain(title)
            f.titleType = EntryTranslator.titleType(title)
        }
        f.subtitle = raw.subtitle.map(TextCleaning.plain)?.nilIfBlank
        f.links = links(raw)
        f.link = f.links.first(where: { $0.rel == "alternate" })?.href
        f.id = raw.id
        f.language = raw.dcLanguage ?? raw.language
        (f.updated, f.updatedRaw) = EntryTranslator.date(raw.lastBuildDate ?? raw.updated ?? raw.modified ?? raw.dcDate, context)
        (f.published, f.publishedRaw) = EntryTranslator.date(raw.pubDate, context)
        f.authors = raw.atomAuthors + raw.rssAuthors.map(EntryTranslator.person(fromRSSAuthor:)) + raw.dcCreators.map { ParsedPerson(name: $0) }
        if f.authors.isEmpty, let itunes = raw.itunesAuthor { f.authors = [ParsedPerson(name: itunes)] }
        f.contributors = raw.contributors
        f.rights = raw.rights
        f.generator = raw.generator
        f.image = image(raw)
        f.icon = raw.icon
        f.logo = raw.logo
        f.categories = raw.categories
        f.ttl = raw.ttl.flatMap { Int($0.trimmed) }
        f.updateInterval = updateInterval(raw)
        f.hub = f.links.first(where: { $0.rel == "hub" })?.href
        return f
    }

    static func links(_ raw: RawFeed) -> [ParsedLink] {
        var result: [ParsedLink] = []
        if let rss = raw.rssLink {
            result.append(ParsedLink(rel: "alternate", href: URLResolver.resolve(rss.href, against: rss.base), type: "text/html"))
        }
        result += raw.atomLinks.map { EntryTranslator.parsedLink($0, defaultRel: "alternate") }
        return result
    }

    static func image(_ raw: RawFeed) -> ParsedImage? {
        if let image = raw.image, image.url != nil { return image }
        return raw.itunesImage.map { ParsedImage(url: $0) }
    }

    /// `sy:updatePeriod` / `sy:updateFrequency` as seconds between polls.
    static func updateInterval(_ raw: RawFeed) -> Int? {
        guard let period = raw.updatePeriod?.lowercased() else { return nil }
        let seconds: Int
        switch period {
        case "hourly": seconds = 3600
        case "daily": seconds = 86_400
        case "weekly": seconds = 604_800
        case "monthly": seconds = 2_592_000
        case "yearly": seconds = 31_536_000
        default: return nil
        }
        let frequency = raw.updateFrequency.flatMap { Int($0.trimmed) }.flatMap { $0 > 0 ? $0 : nil } ?? 1
        return seconds / frequency
    }
}

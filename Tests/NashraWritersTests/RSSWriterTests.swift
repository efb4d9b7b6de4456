import Foundation
import FoundationXML
import NashraModel
import NashraTestSupport
import NashraWriters
import Testing

/// RSS 2.0 output checked against the spec with an independent XML reader.
@Suite struct RSSWriterTests {
    let articles: [Article]
    let document: XMLDocument
    let bytes: Data

    init() throws {
        articles = try seedArticles()
        bytes = try render(articles, format: .rss)
        document = try xmlDocument(bytes)
    }

    @Test func isWellFormedForXmllint() throws {
        let complaint = try ExternalTool.xmllint(bytes)
        #expect(complaint == nil, "\(complaint ?? "")")
    }

    @Test func channelHasRequiredElements() throws {
        #expect(try document.strings("/rss/@version") == ["2.0"])
        #expect(try document.strings("/rss/channel/title") == ["مملكتنا"])
        #expect(try document.strings("/rss/channel/link") == ["https://example.ma/"])
        #expect(try document.strings("/rss/channel/description").first?.isEmpty == false)
        #expect(try document.strings("/rss/channel/language") == ["ar"])
        #expect(try document.strings("/rss/channel/ttl") == ["15"])
        #expect(try document.strings("/rss/channel/image/url") == ["https://example.ma/logo.png"])
    }

    @Test func selfAndHubLinksAreRight() throws {
        let root = try #require(document.rootElement())
        let links = try root.nodes(forXPath: "channel/*[local-name()='link']").compactMap { $0 as? XMLElement }
            .filter { $0.uri == XMLNamespace.atom }
        let byRel = Dictionary(uniqueKeysWithValues: links.map { ($0.attribute(forName: "rel")?.stringValue ?? "", $0) })
        #expect(byRel["self"]?.attribute(forName: "href")?.stringValue == "https://example.ma/feed.rss")
        #expect(byRel["self"]?.attribute(forName: "type")?.stringValue == "application/rss+xml")
        #expect(byRel["hub"]?.attribute(forName: "href")?.stringValue == "https://pubsubhubbub.appspot.com/")
    }

    @Test func pubDatesAreRFC822InTheRecordsInstantAndOffset() throws {
        let dates = try document.strings("/rss/channel/item/pubDate")
        #expect(dates.count == articles.count)
        for (text, article) in zip(dates, articles) {
            let parsed = try #require(Self.parseRFC822(text), "not RFC 822: \(text)")
            #expect(parsed.date == article.published.date, "\(text)")
            #expect(parsed.utcOffsetSeconds == article.published.utcOffsetSeconds)
        }
        #expect(dates.first == "Thu, 13 Feb 2025 13:12:00 +0100")
        #expect(try document.strings("/rss/channel/lastBuildDate") == ["Mon, 17 Mar 2025 00:05:00 +0000"])
    }

    @Test func guidsAreUniqueStableAndPermaLinkIsRight() throws {
        let guids = try document.nodes(forXPath: "/rss/channel/item/guid").compactMap { $0 as? XMLElement }
        #expect(Set(guids.compactMap(\.stringValue)).count == articles.count)
        #expect(guids.compactMap(\.stringValue) == articles.map(\.id))
        // Record ids are not URLs, so they must not claim to be permalinks.
        #expect(guids.allSatisfy { $0.attribute(forName: "isPermaLink")?.stringValue == "false" })

        var byURL = article("https://example.ma/x")
        byURL.url = URL(string: byURL.id)!
        let doc = try xmlDocument(try render([byURL], format: .rss))
        #expect(try doc.strings("/rss/channel/item/guid/@isPermaLink") == ["true"])
    }

    @Test func everyURLIsAbsolute() throws {
        let urls =
            try document.strings("//link") + document.strings("//@href") + document.strings("//@url")
            + document.strings("//image/url")
        #expect(urls.count > 10)
        for url in urls { #expect(isAbsoluteHTTP(url), "\(url)") }
    }

    @Test func itemCarriesContentMediaCategoriesAndNashraFields() throws {
        let item = try #require(try document.nodes(forXPath: "/rss/channel/item[1]").first)
        let seed = articles[0]
        #expect(try item.strings("title") == [seed.title])
        #expect(try item.strings("description") == [seed.summary!])
        #expect(try item.strings("*[local-name()='encoded']") == [seed.contentHTML!])
        #expect(try item.strings("*[local-name()='creator']") == ["هيئة التحرير"])
        #expect(try item.strings("category") == ["وطني", "المقاومة", "جيش التحرير", "الذاكرة التاريخية"])
        #expect(try item.strings("enclosure/@length") == ["48213"])
        #expect(try item.strings("enclosure/@type") == ["image/jpeg"])
        #expect(try item.strings("*[local-name()='content']/@url") == [seed.image!.url.absoluteString])
        #expect(try item.strings("*[local-name()='thumbnail']/@url") == [seed.image!.url.absoluteString])
        #expect(try item.strings("*[local-name()='credit']") == ["مملكتنا.م.ش.س/م.م.ع"])
        #expect(try item.strings("*[local-name()='dateline']") == ["الرباط"])
        #expect(try item.strings("*[local-name()='section']") == ["وطني"])
        let related = try item.nodes(forXPath: "*[local-name()='related']").compactMap { $0 as? XMLElement }
        #expect(related.count == 4)
        #expect(related.allSatisfy { $0.uri == XMLNamespace.nashra })
        #expect(related.map { $0.stringValue ?? "" } == seed.related.map(\.title))
        #expect(related.map { $0.attribute(forName: "href")?.stringValue ?? "" } == seed.related.map(\.url.absoluteString))
        // Related lists must not use atom:link rel="related", which readers mistake for the item link.
        #expect(try item.nodes(forXPath: "*[local-name()='link'][@rel='related']").isEmpty)
    }

    @Test func englishNamesWhateverTheLocale() {
        let t = Timestamp(rfc3339: "2025-08-03T07:05:09-04:30")!
        #expect(t.rfc822 == "Sun, 03 Aug 2025 07:05:09 -0430")
    }

    /// A strict RFC 822 reader for the shape Nashra writes.
    static func parseRFC822(_ text: String) -> Timestamp? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), let day = Int(parts[1]),
            let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
                .firstIndex(of: String(parts[2])),
            let year = Int(parts[3]), parts[5].count == 5
        else { return nil }
        let time = parts[4].split(separator: ":").compactMap { Int($0) }
        let zone = String(parts[5])
        guard time.count == 3, let zh = Int(zone.dropFirst().prefix(2)), let zm = Int(zone.suffix(2)) else { return nil }
        let offset = (zh * 3600 + zm * 60) * (zone.hasPrefix("-") ? -1 : 1)
        let iso = String(format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", year, month + 1, day, time[0], time[1], time[2], zone.hasPrefix("-") ? "-" : "+", zh, zm)
        guard let t = Timestamp(rfc3339: iso), t.utcOffsetSeconds == offset else { return nil }
        let weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        guard t.rfc822.hasPrefix(String(parts[0].dropLast())), weekday.contains(String(parts[0].dropLast())) else { return nil }
        return t
    }
}

import Foundation
import FoundationXML
import NashraModel
import NashraParse
import NashraTestSupport
import NashraWriters
import Testing

/// OPML 2.0 out (`feeds export`), read back with Nashra's reader and with
/// Foundation's independent DOM.
@Suite struct OPMLWriterTests {
    static let created = Date(timeIntervalSince1970: 1_742_169_900)  // 2025-03-17T00:05:00Z

    static let feeds = [
        OPMLFeed(
            xmlURL: URL(string: "https://example.ma/rss/national.xml")!, title: "وكالة المغرب العربي للأنباء",
            htmlURL: URL(string: "https://example.ma/")!, categories: ["/أخبار/وطني"]),
        OPMLFeed(xmlURL: URL(string: "https://sport.example.ma/rss")!, title: "البطولة", categories: ["/رياضة"]),
        OPMLFeed(
            xmlURL: URL(string: "https://hespress.example.com/feed/")!, title: "هسبريس & «شركاؤها»",
            htmlURL: URL(string: "https://hespress.example.com/")!, categories: ["/أخبار/وطني", "/مغرب", "/Économie"]),
        OPMLFeed(xmlURL: URL(string: "https://tanja24.example.ma/feed.xml?lang=ar&x=1")!, title: "طنجة 24", categories: ["/أخبار/جهات/الشمال"]),
        OPMLFeed(xmlURL: URL(string: "http://radio.example.org/podcast.xml")!, title: nil),
        OPMLFeed(xmlURL: URL(string: "https://medias24.example.com/feed/")!, title: "Médias24", categories: ["/Économie"]),
    ]

    static func export(_ feeds: [OPMLFeed] = feeds) throws -> Data {
        try OPMLWriter.write(feeds, title: "شركاء مملكتنا", dateCreated: created)
    }

    @Test func isWellFormedForXmllint() throws {
        let complaint = try ExternalTool.xmllint(try Self.export())
        #expect(complaint == nil, "\(complaint ?? "")")
        let empty = try ExternalTool.xmllint(try OPMLWriter.write([], title: "", dateCreated: nil))
        #expect(empty == nil, "\(empty ?? "")")
    }

    @Test func headIsOPML2() throws {
        let document = try xmlDocument(try Self.export())
        #expect(try document.strings("/opml/@version") == ["2.0"])
        #expect(try document.strings("/opml/head/title") == ["شركاء مملكتنا"])
        #expect(try document.strings("/opml/head/dateCreated") == ["Mon, 17 Mar 2025 00:05:00 +0000"])
        #expect(try document.strings("/opml/head/docs") == ["http://opml.org/spec2.opml"])
        let undated = try xmlDocument(try OPMLWriter.write(Self.feeds, title: "t", dateCreated: nil))
        #expect(try undated.strings("/opml/head/dateCreated").isEmpty)
    }

    @Test func foldersNestFromTheFirstCategoryInTheOrderGiven() throws {
        let document = try xmlDocument(try Self.export())
        #expect(try document.strings("/opml/body/outline/@text") == ["أخبار", "رياضة", "http://radio.example.org/podcast.xml", "Économie"])
        #expect(try document.strings("/opml/body/outline[@text='أخبار']/outline/@text") == ["وطني", "جهات"])
        #expect(
            try document.strings("/opml/body/outline[@text='أخبار']/outline[@text='وطني']/outline/@xmlUrl") == [
                "https://example.ma/rss/national.xml", "https://hespress.example.com/feed/",
            ])
        #expect(
            try document.strings("/opml/body/outline[@text='أخبار']/outline[@text='جهات']/outline[@text='الشمال']/outline/@title") == [
                "طنجة 24"
            ])
        // Folders carry no feed attributes; feeds carry every one they have.
        #expect(try document.strings("//outline[not(@xmlUrl)]/@type").isEmpty)
        #expect(try document.strings("//outline[@xmlUrl]/@type") == Array(repeating: "rss", count: Self.feeds.count))
        let hespress = try #require(try document.nodes(forXPath: "//outline[@xmlUrl='https://hespress.example.com/feed/']").first as? XMLElement)
        #expect(hespress.attribute(forName: "text")?.stringValue == "هسبريس & «شركاؤها»")
        #expect(hespress.attribute(forName: "title")?.stringValue == "هسبريس & «شركاؤها»")
        #expect(hespress.attribute(forName: "htmlUrl")?.stringValue == "https://hespress.example.com/")
        #expect(hespress.attribute(forName: "category")?.stringValue == "/أخبار/وطني,/مغرب,/Économie")
    }

    @Test func aFeedWithoutANameUsesItsAddressAsText() throws {
        let document = try xmlDocument(try Self.export())
        let radio = try #require(try document.nodes(forXPath: "//outline[@xmlUrl='http://radio.example.org/podcast.xml']").first as? XMLElement)
        #expect(radio.attribute(forName: "text")?.stringValue == "http://radio.example.org/podcast.xml")
        #expect(radio.attribute(forName: "title") == nil)
        #expect(radio.attribute(forName: "category") == nil)
        #expect(radio.attribute(forName: "htmlUrl") == nil)
    }

    @Test func roundTripKeepsArabicTitlesNestedFoldersAndCategories() throws {
        let result = try OPMLReader.read([UInt8](try Self.export()))
        #expect(result.title == "شركاء مملكتنا")
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(Set(result.feeds) == Set(Self.feeds))
        // Back in document order: grouped by folder, each folder where its first feed was.
        #expect(
            result.feeds.map(\.xmlURL.host) == [
                "example.ma", "hespress.example.com", "tanja24.example.ma", "sport.example.ma", "radio.example.org",
                "medias24.example.com",
            ])
    }

    @Test func partnersFixtureSurvivesExportAndImport() throws {
        let imported = try OPMLReader.read([UInt8](Fixtures.data("opml/partners.opml")))
        let exported = try OPMLWriter.write(imported.feeds, title: imported.title ?? "", dateCreated: Self.created)
        #expect(try ExternalTool.xmllint(exported) == nil)
        let again = try OPMLReader.read([UInt8](exported))
        #expect(again.feeds == imported.feeds)
        #expect(again.problems.isEmpty)
        let difference = GoldenFile.compare(exported, with: "opml/expected/partners.opml")
        #expect(difference == nil, "\(difference ?? "")")
    }

    @Test func categoriesAreNormalizedOnTheWayOut() throws {
        let feed = OPMLFeed(xmlURL: URL(string: "https://a.example.ma/rss")!, title: "a", categories: ["أخبار/ وطني/", "", "/"])
        let document = try xmlDocument(try OPMLWriter.write([feed], title: "t", dateCreated: nil))
        #expect(try document.strings("/opml/body/outline/@text") == ["أخبار"])
        #expect(try document.strings("/opml/body/outline/outline/@text") == ["وطني"])
        #expect(try document.strings("//outline/@category") == ["/أخبار/وطني"])
    }

    @Test func sameInputGivesSameBytes() throws {
        #expect(try Self.export() == Self.export())
    }
}

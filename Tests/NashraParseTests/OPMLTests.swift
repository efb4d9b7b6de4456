import Foundation
import NashraModel
@testable import NashraParse
import NashraTestSupport
import Testing

/// OPML subscription lists in (`feeds import`): folders become categories,
/// bad outlines are reported, and anything that is not OPML is refused.
@Suite struct OPMLTests {
    static func read(_ document: String) throws -> OPMLImport {
        try OPMLReader.read(Array(document.utf8))
    }

    static func url(_ string: String) -> URL { URL(string: string)! }

    @Test func partnersFixtureGivesEveryFeedWithItsCategories() throws {
        let result = try OPMLReader.read([UInt8](Fixtures.data("opml/partners.opml")))
        #expect(result.title == "شركاء مملكتنا")
        let expected = [
            OPMLFeed(
                xmlURL: Self.url("https://example.ma/rss/national.xml"), title: "وكالة المغرب العربي للأنباء",
                htmlURL: Self.url("https://example.ma/"), categories: ["/أخبار/وطني"]),
            OPMLFeed(
                xmlURL: Self.url("https://hespress.example.com/feed/"), title: "هسبريس", htmlURL: Self.url("https://hespress.example.com/"),
                categories: ["/أخبار/وطني", "/مغرب", "/سياسة", "/Économie"]),
            OPMLFeed(
                xmlURL: Self.url("https://tanja24.example.ma/feed.xml"), title: "طنجة 24", htmlURL: Self.url("https://tanja24.example.ma/"),
                categories: ["/أخبار/جهات/الشمال"]),
            OPMLFeed(
                xmlURL: Self.url("https://lematin.example.ma/regions/rss?format=xml&lang=fr"), title: "Le Matin — Régions",
                categories: ["/أخبار/جهات"]),
            OPMLFeed(
                xmlURL: Self.url("https://medias24.example.com/feed/"), title: "Médias24", htmlURL: Self.url("https://medias24.example.com/"),
                categories: ["/Économie"]),
            OPMLFeed(xmlURL: Self.url("http://botola.example.ma/rss"), title: "البطولة الاحترافية", categories: ["/رياضة"]),
            OPMLFeed(xmlURL: Self.url("http://radio.example.org/podcast.xml"), title: "Radio Atlas — podcasts"),
            OPMLFeed(xmlURL: Self.url("https://example.org/atom.xml"), title: "ثقافة وكتب", categories: ["/ثقافة/كتب"]),
        ]
        #expect(result.feeds.count == expected.count)
        for (actual, wanted) in zip(result.feeds, expected) {
            #expect(actual == wanted)
        }
    }

    @Test func partnersFixtureReportsTheBadAndTheCommentedOutlines() throws {
        let result = try OPMLReader.read([UInt8](Fixtures.data("opml/partners.opml")))
        #expect(result.problems.count == 2)
        let bad = try #require(result.problems.first)
        #expect(bad.line == 25)
        #expect(bad.outline == "Bourse de Casablanca (lien cassé)")
        #expect(bad.description.contains("htp:/bourse casablanca.example.ma/rss"))
        #expect(bad.description.hasPrefix("line 25: outline \"Bourse de Casablanca (lien cassé)\": xmlUrl"))
        let commented = try #require(result.problems.last)
        #expect(commented.outline == "جريدة متوقفة")
        #expect(commented.reason.contains("isComment"))
        #expect(!result.feeds.contains { $0.xmlURL.host == "old.example.ma" })
    }

    @Test func opml1InLatin1WithoutTypes() throws {
        let result = try OPMLReader.read([UInt8](Fixtures.data("opml/opml1_latin1.opml")))
        #expect(result.title == "Mes abonnements - presse marocaine")
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(
            result.feeds == [
                OPMLFeed(
                    xmlURL: Self.url("https://ledesk.example.ma/rss"), title: "Le Désk", htmlURL: Self.url("https://ledesk.example.ma"),
                    categories: ["/Presse française"]),
                // The address standing in for a name is no name.
                OPMLFeed(xmlURL: Self.url("https://telquel.example.ma/feed"), title: nil, categories: ["/Presse française"]),
            ])
    }

    @Test func categoryAttributeIsMergedAfterTheFolders() throws {
        let result = try Self.read(
            """
            <opml version="2.0"><head/><body>
              <outline text="أخبار"><outline text=" وطني ">
                <outline type="rss" text="أ" xmlUrl="https://a.example.ma/rss" category="/أخبار/وطني, /سياسة/,,//اقتصاد//مال"/>
              </outline></outline>
            </body></opml>
            """)
        #expect(result.feeds.map(\.categories) == [["/أخبار/وطني", "/سياسة", "/اقتصاد/مال"]])
    }

    @Test func feedsOutsideBodyAndInHeadAreIgnored() throws {
        let result = try Self.read(
            """
            <opml version="2.0"><head><title>t</title><outline xmlUrl="https://head.example.ma/rss"/></head>
            <body><outline text="x" xmlUrl="https://body.example.ma/rss"/></body></opml>
            """)
        #expect(result.feeds.map(\.xmlURL.absoluteString) == ["https://body.example.ma/rss"])
        #expect(result.feeds.first?.categories == [])
    }

    @Test func feedNestedInAFeedKeepsTheEnclosingFolder() throws {
        let result = try Self.read(
            """
            <opml version="2.0"><body><outline text="F">
              <outline text="a" xmlUrl="https://a.example.ma/rss"><outline text="b" xmlUrl="https://b.example.ma/rss"/></outline>
            </outline></body></opml>
            """)
        #expect(result.feeds.map(\.categories) == [["/F"], ["/F"]])
    }

    @Test func brokenXMLIsRecoveredAndReported() throws {
        let result = try Self.read(
            """
            <?xml version="1.0"?>
            <opml version="2.0"><head><title>Press & Radio</title></head>
            <body><outline text="a" xmlUrl="https://a.example.ma/rss"/></body></opml>
            """)
        #expect(result.feeds.count == 1)
        let problem = try #require(result.problems.first)
        #expect(problem.line == 2)
        #expect(problem.reason.contains("not well-formed"))
    }

    @Test(arguments: [
        ("feed://botola.example.ma/rss", "http://botola.example.ma/rss"),
        ("FEED:https://example.ma/rss", "https://example.ma/rss"),
        ("  https://example.ma/rss\n", "https://example.ma/rss"),
        ("https://example.ma/أخبار.xml", "https://example.ma/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1.xml"),
        ("HTTP://Example.MA/rss", "HTTP://Example.MA/rss"),
        ("file:///srv/feeds/a.xml", "file:///srv/feeds/a.xml"),
    ])
    func acceptedAddresses(raw: String, expected: String) throws {
        #expect(OPMLReader.feedURL(raw)?.absoluteString == expected)
    }

    @Test(arguments: ["/rss.xml", "rss.xml", "javascript:alert(1)", "mailto:desk@example.ma", "http://", "https:///x", "ftp://example.ma/rss", ""])
    func refusedAddresses(raw: String) {
        #expect(OPMLReader.feedURL(raw) == nil)
    }

    @Test func relativeAddressIsReportedAndTheRestIsRead() throws {
        let result = try Self.read(
            """
            <opml version="1.1"><body>
            <outline text="relative" xmlUrl="/feed.xml"/>
            <outline text="ok" xmlUrl="https://ok.example.ma/rss"/>
            </body></opml>
            """)
        #expect(result.feeds.map(\.title) == ["ok"])
        #expect(result.problems.map(\.line) == [2])
        #expect(result.problems.first?.outline == "relative")
    }

    @Test(arguments: [
        ("", OPMLError.Code.empty),
        (" \n\t", .empty),
        ("<rss version=\"2.0\"><channel><title>x</title></channel></rss>", .notOPML),
        ("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", .notOPML),
        ("<!DOCTYPE html><html><body>hi</body></html>", .notOPML),
        ("{\"version\": \"https://jsonfeed.org/version/1.1\"}", .notOPML),
        ("just some words", .notOPML),
    ])
    func nonOPMLIsRefused(input: String, code: OPMLError.Code) {
        #expect {
            try Self.read(input)
        } throws: { error in
            (error as? OPMLError)?.code == code
        }
    }

    @Test func aFeedIsRefusedWithAHint() throws {
        let error = try #require(throws: OPMLError.self) {
            try Self.read("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>هسبريس</title></channel></rss>")
        }
        #expect(error.description.contains("feeds add"))
    }

    @Test func deepNestingIsRefused() {
        let document = "<opml><body>" + String(repeating: "<outline text=\"x\">", count: 400)
            + String(repeating: "</outline>", count: 400) + "</body></opml>"
        #expect {
            try Self.read(document)
        } throws: { error in
            (error as? OPMLError)?.code == .tooLarge
        }
    }

    @Test func externalEntitiesAreNotExpanded() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-opml-secret-\(UUID().uuidString).txt")
        try Data("TOP-SECRET-MARKER".utf8).write(to: secret)
        defer { try? FileManager.default.removeItem(at: secret) }
        let result = try Self.read(
            """
            <?xml version="1.0"?>
            <!DOCTYPE opml [<!ENTITY secret SYSTEM "\(secret.absoluteString)">]>
            <opml version="2.0"><head><title>&secret;</title></head>
            <body><outline text="&secret;" title="&secret;" xmlUrl="https://a.example.ma/rss"/></body></opml>
            """)
        #expect(result.feeds.count == 1)
        #expect(result.feeds.first?.title?.contains("TOP-SECRET") != true)
        #expect(result.title?.contains("TOP-SECRET") != true)
    }

    @Test func escapedAttributesAreDecoded() throws {
        let result = try Self.read(
            """
            <opml version="2.0"><body>
            <outline text="A &amp; B &lt;C&gt; &#38; &#x645;" xmlUrl="https://a.example.ma/rss?x=1&amp;y=2&#38;z=3"/>
            </body></opml>
            """)
        #expect(result.feeds.first?.title == "A & B <C> & م")
        #expect(result.feeds.first?.xmlURL.absoluteString == "https://a.example.ma/rss?x=1&y=2&z=3")
    }
}

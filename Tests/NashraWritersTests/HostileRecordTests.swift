import Foundation
import FoundationXML
import NashraModel
import NashraTestSupport
import NashraWriters
import Testing

/// Records that try to break the document: every format must stay
/// well-formed (and Atom valid), and the text a reader sees must survive.
@Suite struct HostileRecordTests {
    static let hostileTitles: [String] = [
        "Illegal \u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{FFFE}\u{FFFF} characters",
        "CDATA end ]]> inside ]]]]><![CDATA[>",
        "<script>alert('x')</script> & <b>bold</b>",
        "الرباط – 49 دورة «الجمع» 2022-2024 ‏RTL‎ mixed with Latin (ABC) و 123 ٤٥٦",
        "Entities &amp; &lt; &#1; &nbsp;",
        "\u{202E}override\u{202C} and emoji 🇲🇦",
    ]

    static func hostileArticle(_ title: String, index: Int) -> Article {
        var a = article("hostile-\(index)", title: title)
        a.summary = title
        a.contentHTML = "<p>\(title)</p>]]><script>evil()</script>"
        a.tags = [title]
        a.credit = title
        a.authors = [Author(name: title)]
        a.related = [RelatedArticle(id: "r\(index)", url: URL(string: "https://example.ma/r?a=1&b=2")!, title: title)]
        return a
    }

    /// What a reader must see: the title without the characters XML cannot carry.
    static func visible(_ title: String) -> String {
        String(String.UnicodeScalarView(title.unicodeScalars.filter {
            switch $0.value {
            case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
            default: false
            }
        }))
    }

    @Test(arguments: [FeedFormat.rss, .atom])
    func hostileTitlesStayWellFormedAndReadable(format: FeedFormat) throws {
        let articles = Self.hostileTitles.enumerated().map { Self.hostileArticle($1, index: $0) }
        let bytes = try render(articles, format: format)
        let complaint = try ExternalTool.xmllint(bytes, relaxNG: format == .atom ? Fixtures.url("schema/atom.rng") : nil)
        #expect(complaint == nil, "\(complaint ?? "")")
        let document = try xmlDocument(bytes)
        let titles = try document.strings("//*[local-name()='item' or local-name()='entry']/*[local-name()='title']")
        #expect(titles == Self.hostileTitles.map(Self.visible))
        #expect(try document.nodes(forXPath: "//*[local-name()='script']").isEmpty)
    }

    @Test func hostileTitlesRoundTripThroughJSON() throws {
        let articles = Self.hostileTitles.enumerated().map { Self.hostileArticle($1, index: $0) }
        let bytes = try render(articles, format: .json)
        let feed = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
        let titles = (feed["items"] as? [[String: Any]])?.compactMap { $0["title"] as? String }
        #expect(titles == Self.hostileTitles)
    }

    @Test(arguments: FeedFormat.allCases)
    func twoHundredKilobyteBodyIsWrittenWhole(format: FeedFormat) throws {
        var a = article("big")
        let paragraph = "<p>انعقدت اليوم الخميس بالرباط أشغال الدورة الـ49 & more</p>\n"
        a.contentHTML = String(repeating: paragraph, count: 200_000 / paragraph.utf8.count + 1)
        let bytes = try render([a], format: format)
        #expect(bytes.count > 200_000)
        if format == .json {
            let feed = try JSONSerialization.jsonObject(with: bytes) as? [String: Any]
            #expect((feed?["items"] as? [[String: Any]])?.first?["content_html"] as? String == a.contentHTML)
        } else {
            #expect(try ExternalTool.xmllint(bytes) == nil)
            let body = try xmlDocument(bytes).strings("//*[local-name()='encoded' or local-name()='content']")
            #expect(body == [a.contentHTML!])
        }
    }

    @Test(arguments: FeedFormat.allCases)
    func minimalRecordStillMakesAValidFeed(format: FeedFormat) throws {
        let bytes = try render([article("only-required")], format: format, config: FeedConfig())
        if format == .json {
            #expect(try JSONSerialization.jsonObject(with: bytes) is [String: Any])
        } else {
            let complaint = try ExternalTool.xmllint(bytes, relaxNG: format == .atom ? Fixtures.url("schema/atom.rng") : nil)
            #expect(complaint == nil, "\(complaint ?? "")")
        }
    }

    @Test(arguments: FeedFormat.allCases)
    func emptyFeedIsStillADocument(format: FeedFormat) throws {
        let bytes = try render([], format: format)
        if format == .json {
            let feed = try JSONSerialization.jsonObject(with: bytes) as? [String: Any]
            #expect((feed?["items"] as? [Any])?.isEmpty == true)
        } else {
            #expect(try ExternalTool.xmllint(bytes) == nil)
        }
    }
}

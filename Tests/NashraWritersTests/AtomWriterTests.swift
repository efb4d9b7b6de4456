import Foundation
import FoundationXML
import NashraModel
import NashraTestSupport
import NashraWriters
import Testing

/// Atom 1.0 output checked against RFC 4287, including its RELAX NG schema.
@Suite struct AtomWriterTests {
    let articles: [Article]
    let document: XMLDocument
    let bytes: Data

    init() throws {
        articles = try seedArticles()
        bytes = try render(articles, format: .atom)
        document = try xmlDocument(bytes)
    }

    @Test func isValidAgainstTheRFC4287Schema() throws {
        let complaint = try ExternalTool.xmllint(bytes, relaxNG: Fixtures.url("schema/atom.rng"))
        #expect(complaint == nil, "\(complaint ?? "")")
    }

    @Test func theSchemaRejectsBrokenAtom() throws {
        for file in Fixtures.files(in: "schema/invalid", extensions: ["xml", "atom"]) {
            let complaint = try ExternalTool.xmllint(try Data(contentsOf: file), relaxNG: Fixtures.url("schema/atom.rng"))
            #expect(complaint != nil, "\(file.lastPathComponent) should be invalid")
        }
    }

    @Test func feedHasIdTitleUpdatedSelfAndAlternate() throws {
        let root = try #require(document.rootElement())
        #expect(root.uri == XMLNamespace.atom)
        #expect(root.attribute(forName: "xml:lang")?.stringValue == "ar")
        #expect(try root.strings("*[local-name()='id']") == ["https://example.ma/feed.atom"])
        #expect(try root.strings("*[local-name()='updated']") == ["2025-03-17T00:05:00Z"])
        #expect(try root.strings("*[local-name()='link'][@rel='self']/@href") == ["https://example.ma/feed.atom"])
        #expect(try root.strings("*[local-name()='link'][@rel='alternate']/@href") == ["https://example.ma/"])
        #expect(try root.strings("*[local-name()='link'][@rel='hub']/@href") == ["https://pubsubhubbub.appspot.com/"])
        #expect(try root.strings("*[local-name()='icon']") == ["https://example.ma/favicon.png"])
        #expect(try root.strings("*[local-name()='logo']") == ["https://example.ma/logo.png"])
    }

    @Test func entryIdsAreUniqueAndStable() throws {
        let ids = try document.strings("/*/*[local-name()='entry']/*[local-name()='id']")
        #expect(ids.count == articles.count)
        #expect(Set(ids).count == ids.count)
        #expect(ids.first == "tag:example.ma,2025-02-13:mamlakatuna-2025-02-13-jam3-sanawi")
        // The id does not follow the URL: a changed slug keeps the entry.
        var moved = articles[0]
        moved.url = URL(string: "https://example.ma/2025/02/13/new-slug")!
        let again = try xmlDocument(try render([moved], format: .atom))
        #expect(try again.strings("/*/*[local-name()='entry']/*[local-name()='id']") == [ids[0]])
    }

    @Test func datesAreRFC3339InTheRecordsInstant() throws {
        let published = try document.strings("//*[local-name()='entry']/*[local-name()='published']")
        #expect(published.map { Timestamp(rfc3339: $0)?.date } == articles.map(\.published.date))
        #expect(published.first == "2025-02-13T13:12:00+01:00")
    }

    @Test func relatedEnclosureAndNashraFieldsTravel() throws {
        let entry = try #require(try document.nodes(forXPath: "/*/*[local-name()='entry'][1]").first)
        let related = try entry.strings("*[local-name()='link'][@rel='related']/@title")
        #expect(related == articles[0].related.map(\.title))
        let relatedIDs = try entry.strings("*[local-name()='link'][@rel='related']/@*[local-name()='id']")
        #expect(relatedIDs == articles[0].related.map(\.id))
        #expect(try entry.strings("*[local-name()='link'][@rel='enclosure']/@length") == ["48213"])
        #expect(try entry.strings("*[local-name()='credit']") == ["مملكتنا.م.ش.س/م.م.ع"])
        #expect(try entry.strings("*[local-name()='content']/@type") == ["html"])
        for url in try document.strings("//@href") { #expect(isAbsoluteHTTP(url), "\(url)") }
    }
}

import Foundation
import NashraXML
import Testing

/// The libxml2 writer wrapper: escaping, illegal characters, chunked output.
@Suite struct XMLWriterTests {
    func write(_ body: (XMLWriter) throws -> Void, flushThreshold: Int = 64 * 1024) throws -> (String, Int) {
        var out = Data()
        var chunks = 0
        let writer = try XMLWriter(indent: false, flushThreshold: flushThreshold) {
            out.append($0)
            chunks += 1
        }
        try writer.startDocument()
        try body(writer)
        try writer.endDocument()
        return (String(decoding: out, as: UTF8.self), chunks)
    }

    @Test func escapesMarkupInTextAndAttributes() throws {
        let (xml, _) = try write { w in
            try w.element("t", "a < b & c > d ]]> \"q\"", attributes: ["x": "1 & \"2\" <3>"])
        }
        #expect(xml.contains("<t x=\"1 &amp; &quot;2&quot; &lt;3&gt;\">a &lt; b &amp; c &gt; d ]]&gt; &quot;q&quot;</t>"))
    }

    @Test func dropsCharactersXMLForbids() throws {
        #expect(XMLText.legal("a\u{0}b\u{1}c\u{8}d\u{B}e\u{FFFE}f\u{FFFF}g\tok\n") == "abcdefg\tok\n")
        #expect(XMLText.legal("نص عربي") == "نص عربي")
        let (xml, _) = try write { try $0.element("t", "x\u{1}y", attributes: ["a": "\u{2}z"]) }
        #expect(xml.contains("<t a=\"z\">xy</t>"))
        #expect(!xml.contains("&#1;"))
    }

    @Test func nilValuesWriteNothing() throws {
        let (xml, _) = try write { w in
            try w.startElement("root")
            try w.element("absent", nil)
            try w.attribute("gone", nil)
            try w.endElement()
        }
        #expect(xml.hasSuffix("<root/>\n"))
    }

    @Test func largeDocumentsLeaveInChunks() throws {
        let (xml, chunks) = try write(
            { w in
                try w.startElement("items")
                for i in 0..<5000 { try w.element("item", "عنصر رقم \(i)") }
                try w.endElement()
            }, flushThreshold: 4096)
        #expect(chunks > 10)
        #expect(xml.components(separatedBy: "<item>").count == 5001)
    }
}

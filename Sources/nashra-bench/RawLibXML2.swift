// The benchmark's baselines call libxml2 directly: they are the "plain loop"
// Nashra is measured against. This file is the one place outside NashraXML
// that touches libxml2, and it ships in no library.
import CLibXML2
import Foundation
import NashraModel

/// The bare `xmlTextWriter` calls the baselines are made of, on a memory
/// buffer drained every 64 KB, as Nashra's writer does.
class RawWriterLoop {
    let buffer: xmlBufferPtr
    let writer: xmlTextWriterPtr
    private(set) var bytesWritten = 0

    init() {
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        xmlTextWriterSetIndent(writer, 1)
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    func element(_ name: String, _ value: String?) {
        guard let value else { return }
        xmlTextWriterWriteElement(writer, name, value)
    }

    func attribute(_ name: String, _ value: String?) {
        guard let value else { return }
        xmlTextWriterWriteAttribute(writer, name, value)
    }

    func start(_ name: String) { xmlTextWriterStartElement(writer, name) }
    func end() { xmlTextWriterEndElement(writer) }

    func drainIfFull() {
        if xmlBufferLength(buffer) > 65536 { drain() }
    }

    func drain() {
        xmlTextWriterFlush(writer)
        bytesWritten += Int(xmlBufferLength(buffer))
        xmlBufferEmpty(buffer)
    }

    func finish() {
        xmlTextWriterEndDocument(writer)
        drain()
    }
}

/// A plain loop writing the same RSS elements as `RSSWriter`, with none of
/// Nashra's checks (no illegal-character filter, no abstraction).
final class RawRSSLoop: RawWriterLoop {
    func begin(title: String, link: String) {
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
        xmlTextWriterStartElement(writer, "rss")
        attribute("version", "2.0")
        attribute("xmlns:atom", XMLNamespace.atom)
        attribute("xmlns:content", XMLNamespace.content)
        attribute("xmlns:dc", XMLNamespace.dc)
        attribute("xmlns:media", XMLNamespace.media)
        attribute("xmlns:nashra", XMLNamespace.nashra)
        xmlTextWriterStartElement(writer, "channel")
        element("title", title)
        element("link", link)
        element("description", title)
    }

    func write(_ a: Article) {
        xmlTextWriterStartElement(writer, "item")
        element("title", a.title)
        element("link", a.url.absoluteString)
        xmlTextWriterStartElement(writer, "guid")
        attribute("isPermaLink", "false")
        xmlTextWriterWriteString(writer, a.id)
        xmlTextWriterEndElement(writer)
        element("pubDate", a.published.rfc822)
        element("atom:updated", a.updated?.rfc3339)
        element("description", a.summary)
        element("content:encoded", a.contentHTML)
        for author in a.authors { element("dc:creator", author.name) }
        if let section = a.section { element("category", section) }
        for tag in a.tags { element("category", tag) }
        if let image = a.image {
            xmlTextWriterStartElement(writer, "enclosure")
            attribute("url", image.url.absoluteString)
            attribute("length", String(image.length ?? 0))
            attribute("type", image.type ?? "image/jpeg")
            xmlTextWriterEndElement(writer)
            xmlTextWriterStartElement(writer, "media:content")
            attribute("url", image.url.absoluteString)
            attribute("type", image.type)
            attribute("medium", "image")
            attribute("fileSize", image.length.map(String.init))
            element("media:description", image.caption)
            xmlTextWriterEndElement(writer)
            xmlTextWriterStartElement(writer, "media:thumbnail")
            attribute("url", image.url.absoluteString)
            xmlTextWriterEndElement(writer)
        }
        element("nashra:section", a.section)
        element("nashra:credit", a.credit)
        element("nashra:dateline", a.dateline)
        for r in a.related {
            xmlTextWriterStartElement(writer, "nashra:related")
            attribute("id", r.id)
            attribute("href", r.url.absoluteString)
            attribute("published", r.published?.rfc3339)
            xmlTextWriterWriteString(writer, r.title)
            xmlTextWriterEndElement(writer)
        }
        xmlTextWriterEndElement(writer)
        drainIfFull()
    }
}

/// A plain loop writing the same Atom elements as `AtomWriter`.
final class RawAtomLoop: RawWriterLoop {
    func begin(title: String, link: String) {
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
        start("feed")
        attribute("xmlns", XMLNamespace.atom)
        attribute("xmlns:nashra", XMLNamespace.nashra)
        attribute("xml:lang", "ar")
        element("id", link + "feed.atom")
        element("title", title)
        element("updated", "1970-01-01T00:00:00Z")
    }

    func write(_ a: Article) {
        start("entry")
        element("id", "tag:example.ma,\(a.published.rfc3339.prefix(10)):\(a.id)")
        start("title")
        attribute("type", "text")
        xmlTextWriterWriteString(writer, a.title)
        end()
        element("published", a.published.rfc3339)
        element("updated", a.lastModified.rfc3339)
        start("link")
        attribute("rel", "alternate")
        attribute("type", "text/html")
        attribute("href", a.url.absoluteString)
        end()
        if let image = a.image {
            start("link")
            attribute("rel", "enclosure")
            attribute("type", image.type)
            attribute("length", image.length.map(String.init))
            attribute("href", image.url.absoluteString)
            end()
        }
        for r in a.related {
            start("link")
            attribute("rel", "related")
            attribute("href", r.url.absoluteString)
            attribute("title", r.title)
            attribute("nashra:id", r.id)
            end()
        }
        for author in a.authors {
            start("author")
            element("name", author.name)
            end()
        }
        for category in [a.section].compactMap({ $0 }) + a.tags {
            start("category")
            attribute("term", category)
            end()
        }
        if let summary = a.summary {
            start("summary")
            attribute("type", "html")
            xmlTextWriterWriteString(writer, summary)
            end()
        }
        if let content = a.contentHTML {
            start("content")
            attribute("type", "html")
            xmlTextWriterWriteString(writer, content)
            end()
        }
        element("nashra:section", a.section)
        element("nashra:credit", a.credit)
        element("nashra:dateline", a.dateline)
        end()
        drainIfFull()
    }
}

/// A plain libxml2 SAX2 push parse with empty callbacks: the upper bound for any SAX-based parser.
enum RawSAXPass {
    static func parse(_ chunks: inout some ChunkReader) -> Int {
        var table = xmlSAXHandler()
        xmlSAXVersion(&table, 2)
        table.startElementNs = { _, _, _, _, _, _, _, _, _ in }
        table.endElementNs = { _, _, _, _ in }
        table.characters = { _, _, _ in }
        table.cdataBlock = { _, _, _ in }
        return pushParse(&table, &chunks, userData: nil)
    }

    /// Pushes every chunk through a recovering, network-less parser with `table`, and returns the bytes read.
    /// `userData` becomes the context's `_private`.
    static func pushParse(_ table: inout xmlSAXHandler, _ chunks: inout some ChunkReader, userData: UnsafeMutableRawPointer?) -> Int {
        table.reference = nil
        table.serror = { _, _ in }
        guard let context = xmlCreatePushParserCtxt(&table, nil, nil, 0, nil) else { return 0 }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue))
        context.pointee._private = userData
        var total = 0
        while let chunk = chunks.next() {
            total += chunk.count
            chunk.withUnsafeBufferPointer { b in
                b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { _ = xmlParseChunk(context, $0, Int32(b.count), 0) }
            }
        }
        xmlParseChunk(context, nil, 0, 1)
        if let doc = context.pointee.myDoc { xmlFreeDoc(doc) }
        xmlFreeParserCtxt(context)
        return total
    }
}

/// Chunks of a file, for the baselines.
protocol ChunkReader {
    mutating func next() -> [UInt8]?
}

struct FileChunks: ChunkReader {
    let handle: FileHandle
    mutating func next() -> [UInt8]? {
        guard let data = try? handle.read(upToCount: 256 * 1024), !data.isEmpty else { return nil }
        return [UInt8](data)
    }
}

/// The plain SAX2 pass plus a plain libxml2 HTML parse (empty callbacks) of
/// the text of every RSS `description` and `content:encoded` and every Atom
/// `summary` and `content`: the least any parser does that sanitizes feed
/// HTML with libxml2's HTML parser, as Nashra's does.
enum RawSAXWithHTMLPass {
    /// What the callbacks share: the HTML text being collected.
    final class Collector {
        var collecting = false
        var text: [UInt8] = []
    }

    static func parse(_ chunks: inout some ChunkReader) -> Int {
        let collector = Collector()
        var table = xmlSAXHandler()
        xmlSAXVersion(&table, 2)
        table.startElementNs = { ctx, localname, _, uri, _, _, _, _, _ in
            let collector = RawSAXWithHTMLPass.collector(ctx)
            collector.collecting = RawSAXWithHTMLPass.holdsHTML(localname, uri)
            collector.text.removeAll(keepingCapacity: true)
        }
        table.endElementNs = { ctx, _, _, _ in
            let collector = RawSAXWithHTMLPass.collector(ctx)
            guard collector.collecting else { return }
            collector.collecting = false
            if !collector.text.isEmpty { RawSAXWithHTMLPass.parseHTML(collector.text) }
        }
        let text: charactersSAXFunc = { ctx, bytes, count in
            let collector = RawSAXWithHTMLPass.collector(ctx)
            guard collector.collecting, let bytes else { return }
            collector.text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        table.characters = text
        table.cdataBlock = text
        return withExtendedLifetime(collector) {
            RawSAXPass.pushParse(&table, &chunks, userData: Unmanaged.passUnretained(collector).toOpaque())
        }
    }

    /// RSS's `description` (in no namespace: `media:description` is plain text), `content:encoded`,
    /// and Atom's `summary` and `content`; compared as C strings, as a plain C loop would.
    private static func holdsHTML(_ localname: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) -> Bool {
        guard let localname else { return false }
        let name = UnsafeRawPointer(localname).assumingMemoryBound(to: CChar.self)
        if strcmp(name, "encoded") == 0 { return true }
        guard let uri else { return strcmp(name, "description") == 0 }
        let atom = strcmp(UnsafeRawPointer(uri).assumingMemoryBound(to: CChar.self), "http://www.w3.org/2005/Atom") == 0
        return atom && (strcmp(name, "summary") == 0 || strcmp(name, "content") == 0)
    }

    private static func collector(_ ctx: UnsafeMutableRawPointer?) -> Collector {
        let parser = ctx!.assumingMemoryBound(to: xmlParserCtxt.self)
        return Unmanaged<Collector>.fromOpaque(parser.pointee._private).takeUnretainedValue()
    }

    /// One HTML parser context, reset for each fragment (what libxml2's `htmlCtxtReadMemory` is for).
    // why: a C pointer is not Sendable; the benchmark phase runs on one thread only.
    nonisolated(unsafe) private static let htmlContext: htmlParserCtxtPtr = {
        let ctxt = htmlNewParserCtxt()!
        var sax = xmlSAXHandler()
        xmlSAX2InitHtmlDefaultSAXHandler(&sax)
        sax.startElement = { _, _, _ in }
        sax.endElement = { _, _ in }
        sax.characters = { _, _, _ in }
        sax.ignorableWhitespace = { _, _, _ in }
        sax.cdataBlock = { _, _, _ in }
        sax.comment = { _, _ in }
        sax.processingInstruction = { _, _, _ in }
        ctxt.pointee.sax.pointee = sax
        return ctxt
    }()

    /// libxml2's HTML parser over `bytes` with the options Nashra's sanitizer uses, building nothing.
    private static func parseHTML(_ bytes: [UInt8]) {
        let options = [
            HTML_PARSE_RECOVER, HTML_PARSE_NONET, HTML_PARSE_NOERROR, HTML_PARSE_NOWARNING, HTML_PARSE_NOIMPLIED, HTML_PARSE_COMPACT,
            HTML_PARSE_IGNORE_ENC,
        ].reduce(0) { $0 | $1.rawValue }
        bytes.withUnsafeBufferPointer { b in
            let doc = b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) {
                htmlCtxtReadMemory(htmlContext, $0, Int32(b.count), nil, "UTF-8", Int32(bitPattern: options))
            }
            if let doc { xmlFreeDoc(doc) }
        }
    }
}

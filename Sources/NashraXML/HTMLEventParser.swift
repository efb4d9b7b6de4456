// HTMLEventParser.swift — libxml2's forgiving HTML parser, seen from Swift as
// a stream of pointer-free events. The safe-HTML pipeline in NashraParse
// (HTMLSanitizer, HTMLText) is built on top of it.
//
// libxml2 facts this file relies on (2.9.14, seen on this machine):
// - The HTML parser lowercases element and attribute names and decodes
//   entities and character references in text and attribute values
//   (`&amp;`, `&eacute;`, `&#x627;`). An unknown entity stays literal.
// - With HTML_PARSE_NOIMPLIED it adds no html/head/body, but text found
//   outside any element still opens an implied `<p>` (htmlCheckParagraph).
//   Implied elements are named by C string literals, real ones by the
//   parser's dictionary, so `xmlDictOwns` tells them apart and implied
//   elements are never reported.
// - htmlParseDocument skips the blanks before the first `<`; they are
//   reported here so that whitespace round-trips. A leading byte order mark
//   (U+FEFF) is not reported.
// - A NUL byte ends the input for the parser; NULs are removed first
//   (old browsers ignored them too), so `java\0script:` reads `javascript:`.
// - The raw text of `<script>` and `<style>` arrives through `cdataBlock`,
//   undecoded; it is reported as `.text`.

private import CLibXML2

/// One attribute of an HTML start tag, name lowercased and value decoded.
public struct HTMLAttribute: Hashable, Sendable {
    /// The attribute name, lowercased by the parser (`href`, `xml:lang`).
    public var name: String
    /// The value with entities and character references decoded; empty for
    /// a bare attribute such as `<td nowrap>`.
    public var value: String

    /// Creates an attribute.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One thing the HTML parser saw, in document order.
///
/// Start and end events are balanced: every `start` gets exactly one `end`,
/// nested properly. Unclosed elements are closed by libxml2's auto-closing
/// rules or at the end of input, and stray end tags are not reported. Void
/// elements libxml2 knows (`br`, `img`, `meta`, …) get their `end` right
/// after their `start`; ones it does not know (`wbr`, `source`) are closed
/// with their parent, so they may appear to have children.
public enum HTMLEvent: Hashable, Sendable {
    /// A start tag, name lowercased, attributes in source order.
    case start(name: String, attributes: [HTMLAttribute])
    /// An end tag, written or implied by the parser.
    case end(name: String)
    /// Character data with entities decoded. Adjacent runs are merged into
    /// one event. Inside `script` and `style` the text is raw (undecoded).
    case text(String)
    /// A comment (its content is not copied).
    case comment
}

/// Parses an HTML fragment (feed `summary`/`content`, an HTML title) with
/// libxml2 and reports what it finds as ``HTMLEvent`` values.
///
/// Options: `RECOVER | NONET | NOERROR | NOWARNING | NOIMPLIED | COMPACT |
/// IGNORE_ENC`; the input is always read as UTF-8 (a `<meta charset>` inside
/// the fragment cannot switch it). Errors are swallowed: tag soup yields the
/// best events libxml2 can recover.
public enum HTMLEventParser {
    /// Parses `html` and calls `handle` for each event, in order, before
    /// returning.
    public static func parse(_ html: String, _ handle: (HTMLEvent) -> Void) {
        var html = html
        html.withUTF8 { parse(bytes: $0, handle) }
    }

    /// Parses UTF-8 bytes and calls `handle` for each event, in order,
    /// before returning.
    public static func parse(_ utf8: [UInt8], _ handle: (HTMLEvent) -> Void) {
        utf8.withUnsafeBufferPointer { parse(bytes: $0, handle) }
    }
}

// MARK: - Session

extension HTMLEventParser {
    fileprivate static func parse(bytes: UnsafeBufferPointer<UInt8>, _ handle: (HTMLEvent) -> Void) {
        // libxml2 skips a leading byte order mark but then misses the blanks
        // after it; skip it here, before counting them.
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes = UnsafeBufferPointer(rebasing: bytes.dropFirst(3))
        }
        // libxml2 reads a NUL as the end of input; drop NULs instead.
        if bytes.contains(0) {
            let cleaned = bytes.filter { $0 != 0 }
            cleaned.withUnsafeBufferPointer { parseClean(bytes: $0, handle) }
        } else {
            parseClean(bytes: bytes, handle)
        }
    }

    private static func parseClean(bytes: UnsafeBufferPointer<UInt8>, _ handle: (HTMLEvent) -> Void) {
        guard let base = bytes.baseAddress, !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return }
        // why: the session lives only inside this call and is released before
        // `withoutActuallyEscaping` returns; the C callbacks reach it through
        // an unretained pointer in `_private`.
        withoutActuallyEscaping(handle) { handle in
            guard let session = HTMLParseSession(bytes: base, count: bytes.count, handle: handle) else { return }
            session.run(leadingBlanks: UnsafeBufferPointer(rebasing: bytes.prefix(leadingBlankCount(bytes))))
        }
    }

    /// The number of blanks (`IS_BLANK_CH`: space, tab, LF, CR) before the
    /// first other byte, which htmlParseDocument skips without reporting.
    private static func leadingBlankCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        while n < bytes.count, isBlank(bytes[n]) { n += 1 }
        return n
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

/// One libxml2 parse of one fragment. Not `Sendable`: it lives inside a
/// single `HTMLEventParser.parse` call.
private final class HTMLParseSession {
    private let ctxt: htmlParserCtxtPtr
    private let handle: (HTMLEvent) -> Void
    /// Text not yet reported, so that adjacent character callbacks (split at
    /// entities and buffer boundaries) become one `.text` event.
    private var pendingText: [UInt8] = []
    /// Elements reported as started and not yet ended, innermost last.
    private var openElements: [String] = []

    init?(bytes: UnsafePointer<UInt8>, count: Int, handle: @escaping (HTMLEvent) -> Void) {
        _ = libxml2Initialized
        let created = bytes.withMemoryRebound(to: CChar.self, capacity: count) {
            htmlCreateMemoryParserCtxt($0, Int32(count))
        }
        guard let ctxt = created else { return nil }
        self.ctxt = ctxt
        self.handle = handle

        // Start from libxml2's HTML SAX2 defaults, override only the events we
        // report, and keep `userData` pointing at the context (STYLE.md §2).
        var sax = xmlSAXHandler()
        xmlSAX2InitHtmlDefaultSAXHandler(&sax)
        sax.startElement = htmlOnStartElement
        sax.endElement = htmlOnEndElement
        sax.characters = htmlOnCharacters
        sax.ignorableWhitespace = htmlOnCharacters
        sax.cdataBlock = htmlOnCharacters
        sax.comment = htmlOnComment
        // Processing instructions would otherwise be added to a tree.
        sax.processingInstruction = htmlOnProcessingInstruction
        ctxt.pointee.sax.pointee = sax
        ctxt.pointee.userData = UnsafeMutableRawPointer(ctxt)

        // The input is UTF-8, always: no guessing from the bytes, and no
        // switching on a `<meta charset>` inside the fragment (IGNORE_ENC,
        // and a set `input.encoding`, which is what htmlCtxtReadMemory does
        // when passed "UTF-8"; the input stream frees it).
        xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8)
        if let input = ctxt.pointee.input, input.pointee.encoding == nil {
            input.pointee.encoding = UnsafePointer(xmlStrdup("UTF-8"))
        }
        let options = [
            HTML_PARSE_RECOVER, HTML_PARSE_NONET, HTML_PARSE_NOERROR, HTML_PARSE_NOWARNING,
            HTML_PARSE_NOIMPLIED, HTML_PARSE_COMPACT, HTML_PARSE_IGNORE_ENC,
        ].reduce(0) { $0 | $1.rawValue }
        _ = htmlCtxtUseOptions(ctxt, Int32(bitPattern: options))
    }

    deinit {
        if let doc = ctxt.pointee.myDoc {
            xmlFreeDoc(doc)
            ctxt.pointee.myDoc = nil
        }
        htmlFreeParserCtxt(ctxt)
    }

    /// Parses the whole input; `leadingBlanks` are the blanks libxml2 will
    /// skip, reported as the start of the first text.
    func run(leadingBlanks: UnsafeBufferPointer<UInt8>) {
        pendingText.append(contentsOf: leadingBlanks)
        ctxt.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        _ = htmlParseDocument(ctxt)
        ctxt.pointee._private = nil
        flushText()
        // An unterminated attribute value at the end of input leaves libxml2
        // without its final auto-close; close what it left open.
        while let name = openElements.popLast() {
            handle(.end(name: name))
        }
    }

    // MARK: Events (called from the C callbacks)

    fileprivate func startElement(
        _ name: UnsafePointer<xmlChar>,
        _ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard isReal(name) else { return }
        flushText()
        var attributes: [HTMLAttribute] = []
        if let atts {
            var n = 0
            while atts[2 * n] != nil { n += 1 }
            attributes.reserveCapacity(n)
            for i in 0..<n {
                guard let attName = atts[2 * i] else { break }
                let value = atts[2 * i + 1].map { String(cString: $0) } ?? ""
                attributes.append(HTMLAttribute(name: String(cString: attName), value: value))
            }
        }
        let elementName = String(cString: name)
        openElements.append(elementName)
        handle(.start(name: elementName, attributes: attributes))
    }

    fileprivate func endElement(_ name: UnsafePointer<xmlChar>) {
        guard isReal(name) else { return }
        let elementName = String(cString: name)
        // `</p>` that closes an implied `<p>` arrives with the dictionary's
        // name: it matches nothing reported, so it is dropped like a stray.
        guard let index = openElements.lastIndex(of: elementName) else { return }
        flushText()
        while openElements.count > index {
            handle(.end(name: openElements.removeLast()))
        }
    }

    fileprivate func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
        pendingText.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    fileprivate func comment() {
        flushText()
        handle(.comment)
    }

    // MARK: Helpers

    /// Whether an element name came from the source: names the parser read
    /// live in its dictionary, implied ones (`p` from htmlCheckParagraph)
    /// are C literals.
    private func isReal(_ name: UnsafePointer<xmlChar>) -> Bool {
        guard let dict = ctxt.pointee.dict else { return true }
        return xmlDictOwns(dict, name) == 1
    }

    private func flushText() {
        guard !pendingText.isEmpty else { return }
        handle(.text(String(decoding: pendingText, as: UTF8.self)))
        pendingText.removeAll(keepingCapacity: true)
    }
}

/// `xmlInitParser` once per process, before the first context: libxml2 asks
/// for it before parsing from several threads.
private let libxml2Initialized: Void = xmlInitParser()

// MARK: - C callbacks

// Free functions, as libxml2 needs C function pointers. `user_data` is the
// parser context (the SAX2 defaults expect it there); the session is found
// through the context's `_private` (STYLE.md §2). Every pointer is copied
// out before returning.

private func htmlSession(_ ctx: UnsafeMutableRawPointer?) -> HTMLParseSession? {
    guard let ctx else { return nil }
    let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let owner = ctxt.pointee._private else { return nil }
    return Unmanaged<HTMLParseSession>.fromOpaque(owner).takeUnretainedValue()
}

private func htmlOnStartElement(
    _ ctx: UnsafeMutableRawPointer?,
    _ name: UnsafePointer<xmlChar>?,
    _ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
    guard let name, let session = htmlSession(ctx) else { return }
    session.startElement(name, atts)
}

private func htmlOnEndElement(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
    guard let name, let session = htmlSession(ctx) else { return }
    session.endElement(name)
}

private func htmlOnCharacters(_ ctx: UnsafeMutableRawPointer?, _ ch: UnsafePointer<xmlChar>?, _ len: Int32) {
    guard let ch, len > 0, let session = htmlSession(ctx) else { return }
    session.characters(ch, Int(len))
}

private func htmlOnComment(_ ctx: UnsafeMutableRawPointer?, _ value: UnsafePointer<xmlChar>?) {
    htmlSession(ctx)?.comment()
}

private func htmlOnProcessingInstruction(
    _ ctx: UnsafeMutableRawPointer?,
    _ target: UnsafePointer<xmlChar>?,
    _ data: UnsafePointer<xmlChar>?
) {}

private import CLibXML2

/// A qualified XML name as the parser saw it.
public struct XMLName: Sendable, Hashable {
    /// The local part (`creator` in `dc:creator`).
    public var local: String
    /// The namespace URI, or `nil` when the element is in no namespace (or its prefix was undeclared).
    public var namespace: String?
    /// The prefix as written, kept so that callers can repair undeclared prefixes.
    public var prefix: String?

    public init(local: String, namespace: String? = nil, prefix: String? = nil) {
        self.local = local
        self.namespace = namespace
        self.prefix = prefix
    }
}

/// One attribute of a start tag.
public struct XMLAttribute: Sendable, Hashable {
    public var name: XMLName
    public var value: String
}

/// Receives a document's events in order. Text arrives through
/// `XMLEventParser.takeText()` at the end of an element, for the elements
/// whose text the handler asked for with `collectText()`.
public protocol XMLEventHandler: AnyObject {
    /// An element opened. `attributes` have entities decoded.
    func didStartElement(_ name: XMLName, attributes: [XMLAttribute], parser: XMLEventParser)
    /// An element closed.
    func didEndElement(_ name: XMLName, parser: XMLEventParser)
}

/// Limits that keep a hostile document from exhausting memory or time.
public struct XMLParserLimits: Sendable {
    /// Largest accepted input, in bytes.
    public var maxInputBytes: Int
    /// Longest text collected for one element, in bytes.
    public var maxTextBytes: Int
    /// Deepest element nesting.
    public var maxDepth: Int

    public init(maxInputBytes: Int = 512 << 20, maxTextBytes: Int = 4 << 20, maxDepth: Int = 256) {
        self.maxInputBytes = maxInputBytes
        self.maxTextBytes = maxTextBytes
        self.maxDepth = maxDepth
    }
}

/// The first problem libxml2 (or a limit) reported about a document.
public struct XMLProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line, or 0 when unknown.
    public var line: Int
    public var message: String
    /// True when parsing stopped (a limit, or a fatal error libxml2 could not recover from).
    public var isFatal: Bool

    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}

/// A streaming, namespace-aware XML parser on libxml2's SAX2 push interface.
///
/// Safe by default: `RECOVER | NONET`, never `NOENT`, no DTD loading, so
/// external entities are never fetched and entity bombs are not expanded;
/// input size, text length and depth are capped. Undeclared HTML entities
/// (`&nbsp;`, `&eacute;` …), common in feeds, are decoded. Broken documents
/// are recovered as far as libxml2 can, and the first error is kept in
/// `problem` (feedparser's "bozo").
///
/// Not `Sendable`: one parser per document, used from one task.
public final class XMLEventParser {
    private var context: xmlParserCtxtPtr?
    private unowned let handler: any XMLEventHandler
    private let limits: XMLParserLimits
    private var bytesFed = 0
    private var depth = 0
    private var nameCache: [UnsafeRawPointer: String] = [:]

    /// Whether character data currently goes into the text buffer.
    private var collecting = 0
    private var text: [UInt8] = []

    /// The first error, if the document was not well-formed or hit a limit.
    public private(set) var problem: XMLProblem?
    /// True once parsing was stopped by a limit or a fatal error.
    public private(set) var stopped = false

    /// Creates a parser that reports to `handler` (held unowned: the handler owns the parser).
    /// - Parameter encoding: the encoding the bytes are in, when known (`"UTF-8"`); otherwise libxml2 reads the declaration.
    public init(handler: any XMLEventHandler, limits: XMLParserLimits = XMLParserLimits(), encoding: String? = nil) {
        self.handler = handler
        self.limits = limits
        var table = xmlSAXHandler()
        xmlSAXVersion(&table, 2)  // SAX2 defaults keep entities and the internal subset working.
        table.startElementNs = startElementCallback
        table.endElementNs = endElementCallback
        table.characters = charactersCallback
        table.cdataBlock = charactersCallback
        table.ignorableWhitespace = charactersCallback
        // SAX mode already delivers entity text through `characters`; libxml2's
        // extra "reference" event would only duplicate it.
        table.reference = nil
        table.getEntity = getEntityCallback
        table.serror = structuredErrorCallback
        table.error = nil
        table.warning = nil
        table.comment = nil
        table.processingInstruction = nil
        context = xmlCreatePushParserCtxt(&table, nil, nil, 0, nil)
        guard let context else { return }
        context.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue)
        xmlCtxtUseOptions(context, options)
        // Keep only what SAX2 needs: no DTD loading, no attribute defaults from a DTD.
        context.pointee.loadsubset = 0
        context.pointee.replaceEntities = 0
        if let encoding {
            let handler = xmlFindCharEncodingHandler(encoding)
            if let handler { xmlSwitchToEncoding(context, handler) }
        }
    }

    deinit {
        guard let context else { return }
        if let doc = context.pointee.myDoc { xmlFreeDoc(doc) }
        context.pointee.myDoc = nil
        xmlFreeParserCtxt(context)
        if let htmlEntities { xmlFreeDoc(htmlEntities) }
    }

    // MARK: API

    /// Feeds the next chunk of the document.
    public func feed(_ bytes: [UInt8]) {
        guard let context, !stopped, !bytes.isEmpty else { return }
        bytesFed += bytes.count
        if bytesFed > limits.maxInputBytes {
            stop("the document is larger than \(limits.maxInputBytes) bytes")
            return
        }
        // libxml2 takes at most Int32.max per call; feeds are chunked far below that.
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                _ = xmlParseChunk(context, $0, Int32(buffer.count), 0)
            }
        }
    }

    /// Signals the end of the document.
    public func finish() {
        guard let context, !stopped else { return }
        _ = xmlParseChunk(context, nil, 0, 1)
        if problem == nil, context.pointee.wellFormed == 0 {
            problem = XMLProblem(line: Int(xmlSAX2GetLineNumber(context)), message: "the document is not well-formed", isFatal: false)
        }
    }

    /// Starts collecting character data for the element just opened; nest freely.
    public func collectText() {
        if collecting == 0 { text.removeAll(keepingCapacity: true) }
        collecting += 1
    }

    /// Returns the text collected since the matching `collectText()` and stops collecting.
    public func takeText() -> String {
        guard collecting > 0 else { return "" }
        collecting -= 1
        let result = String(decoding: text, as: UTF8.self)
        if collecting == 0 { text.removeAll(keepingCapacity: true) }
        return result
    }

    /// When true, collected character data is escaped as XML text (`&amp; &lt; &gt;`),
    /// so that inline XHTML can be re-serialized around it.
    public var escapesCollectedText = false

    /// Appends to the collected text as if it had been in the document
    /// (used to re-serialize inline XHTML markup).
    public func appendToText(_ string: String) {
        guard collecting > 0 else { return }
        text.append(contentsOf: string.utf8)
    }

    /// The line libxml2 is on.
    public var line: Int { context.map { Int(xmlSAX2GetLineNumber($0)) } ?? 0 }

    /// Stops parsing with a fatal problem (used by handlers that enforce their own limits).
    public func stop(_ message: String) {
        if problem == nil || problem?.isFatal == false {
            problem = XMLProblem(line: line, message: message, isFatal: true)
        }
        stopped = true
        if let context { xmlStopParser(context) }
    }

    // MARK: Callback plumbing (pointer work stays in this file)

    fileprivate func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        // Names and namespace URIs are interned in the parser's dictionary, so a
        // pointer identifies the string for the document's lifetime.
        if let context, xmlDictOwns(context.pointee.dict, pointer) == 1 {
            let key = UnsafeRawPointer(pointer)
            if let cached = nameCache[key] { return cached }
            let s = String(cString: pointer)
            nameCache[key] = s
            return s
        }
        return String(cString: pointer)
    }

    fileprivate func start(
        _ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?,
        _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard !stopped else { return }
        depth += 1
        if depth > limits.maxDepth {
            stop("elements nested deeper than \(limits.maxDepth)")
            return
        }
        let name = XMLName(local: string(localname) ?? "", namespace: string(uri), prefix: string(prefix))
        var list: [XMLAttribute] = []
        if count > 0, let attributes {
            list.reserveCapacity(count)
            for i in 0..<count {
                let base = attributes + i * 5
                guard let local = base[0], let valueStart = base[3], let valueEnd = base[4] else { continue }
                let length = valueEnd - valueStart
                let raw = UnsafeBufferPointer(start: valueStart, count: max(0, length))
                // Without entity substitution libxml2 hands `&amp;` and `&lt;` in attribute values back
                // as `&#38;` and `&#60;`; undo that one level (see Fixtures/parse/atom/atom_entry_links.xml).
                let value = raw.contains(UInt8(ascii: "&")) ? Self.decodingCharacterReferences(raw) : String(decoding: raw, as: UTF8.self)
                list.append(
                    XMLAttribute(
                        name: XMLName(local: string(local) ?? "", namespace: string(base[2]), prefix: string(base[1])),
                        value: value))
            }
        }
        handler.didStartElement(name, attributes: list, parser: self)
    }

    /// `&#NN;` and `&#xHH;` replaced by their characters; everything else as is.
    static func decodingCharacterReferences(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "&"), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "#") {
                var j = i + 2
                let hex = bytes[j] == UInt8(ascii: "x") || bytes[j] == UInt8(ascii: "X")
                if hex { j += 1 }
                var value: UInt32 = 0
                let digitsStart = j
                while j < bytes.count, j - digitsStart < 8, let digit = Self.digit(bytes[j], hex: hex) {
                    value = value * (hex ? 16 : 10) + digit
                    j += 1
                }
                if j > digitsStart, j < bytes.count, bytes[j] == UInt8(ascii: ";"), let scalar = Unicode.Scalar(value) {
                    out.append(contentsOf: String(scalar).utf8)
                    i = j + 1
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func digit(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    fileprivate func end(_ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
        guard !stopped else { return }
        depth -= 1
        handler.didEndElement(XMLName(local: string(localname) ?? "", namespace: string(uri), prefix: string(prefix)), parser: self)
    }

    fileprivate func characters(_ bytes: UnsafePointer<xmlChar>?, _ length: Int) {
        guard collecting > 0, let bytes, length > 0, !stopped else { return }
        if text.count + length > limits.maxTextBytes {
            stop("a text node is longer than \(limits.maxTextBytes) bytes")
            return
        }
        let buffer = UnsafeBufferPointer(start: bytes, count: length)
        guard escapesCollectedText else {
            text.append(contentsOf: buffer)
            return
        }
        for byte in buffer {
            switch byte {
            case UInt8(ascii: "&"): text.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): text.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): text.append(contentsOf: "&gt;".utf8)
            default: text.append(byte)
            }
        }
    }

    fileprivate func getEntity(_ name: UnsafePointer<xmlChar>?) -> xmlEntityPtr? {
        guard let context, let name else { return nil }
        if let entity = xmlSAX2GetEntity(context, name) {
            // External entities are never resolved: the parser does not touch the file system.
            if entity.pointee.etype == XML_EXTERNAL_GENERAL_PARSED_ENTITY || entity.pointee.etype == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY {
                return nil
            }
            return entity
        }
        // An undeclared HTML entity (feeds use &nbsp; &eacute; without a DTD): supply it from a
        // private table, and remember that the document was not well-formed.
        guard let html = htmlEntityLookup(name), let scalar = Unicode.Scalar(html.pointee.value) else { return nil }
        if problem == nil {
            problem = XMLProblem(
                line: line, message: "undeclared entity '\(String(cString: name))' (read as its HTML meaning)", isFatal: false)
        }
        return htmlEntity(name, String(scalar))
    }

    /// A document that only holds the HTML entities handed to libxml2, freed with the parser.
    private var htmlEntities: xmlDocPtr?

    private func htmlEntity(_ name: UnsafePointer<xmlChar>, _ value: String) -> xmlEntityPtr? {
        if htmlEntities == nil {
            htmlEntities = xmlNewDoc(nil)
            if let doc = htmlEntities { _ = xmlCreateIntSubset(doc, nil, nil, nil) }
        }
        guard let doc = htmlEntities else { return nil }
        if let existing = xmlGetDocEntity(doc, name) { return existing }
        return value.withCString {
            xmlAddDocEntity(doc, name, Int32(XML_INTERNAL_GENERAL_ENTITY.rawValue), nil, nil, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self))
        }
    }

    fileprivate func error(_ error: UnsafeMutablePointer<xmlError>?) {
        guard let error, problem == nil else { return }
        let level = error.pointee.level
        guard level == XML_ERR_ERROR || level == XML_ERR_FATAL else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
        while message.last == "\n" || message.last == " " { message.removeLast() }
        problem = XMLProblem(line: Int(error.pointee.line), message: message, isFatal: false)
    }
}

private func owner(_ ctx: UnsafeMutableRawPointer?) -> XMLEventParser? {
    guard let ctx else { return nil }
    let context = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
    guard let opaque = context.pointee._private else { return nil }
    return Unmanaged<XMLEventParser>.fromOpaque(opaque).takeUnretainedValue()
}

private func startElementCallback(
    ctx: UnsafeMutableRawPointer?, localname: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?,
    uri: UnsafePointer<xmlChar>?, nbNamespaces: Int32, namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
    nbAttributes: Int32, nbDefaulted: Int32, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
    owner(ctx)?.start(localname, prefix, uri, Int(nbAttributes), attributes)
}

private func endElementCallback(
    ctx: UnsafeMutableRawPointer?, localname: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?,
    uri: UnsafePointer<xmlChar>?
) {
    owner(ctx)?.end(localname, prefix, uri)
}

private func charactersCallback(ctx: UnsafeMutableRawPointer?, ch: UnsafePointer<xmlChar>?, len: Int32) {
    owner(ctx)?.characters(ch, Int(len))
}

private func getEntityCallback(ctx: UnsafeMutableRawPointer?, name: UnsafePointer<xmlChar>?) -> xmlEntityPtr? {
    owner(ctx)?.getEntity(name)
}

private func structuredErrorCallback(userData: UnsafeMutableRawPointer?, error: UnsafeMutablePointer<xmlError>?) {
    // With a SAX table's serror, libxml2 passes the parser context as userData.
    owner(userData)?.error(error)
}

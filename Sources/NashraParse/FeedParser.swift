import Foundation
public import NashraModel
import NashraXML

/// Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed 1.x into `ParsedFeed`,
/// tolerantly (broken XML is recovered and flagged `bozo`) and safely (no
/// network, no file system, capped sizes).
///
/// XML is streamed: entries are handed over one at a time as they end, so
/// memory is bounded by the largest entry, not the feed.
public enum FeedParser {
    /// Bytes read before deciding the format and the encoding.
    static let sniffBytes = 64 * 1024

    /// Parses a document held in memory.
    /// - Throws: `FeedParseError` when the input is not a feed at all.
    public static func parse(_ bytes: [UInt8], options: FeedParseOptions = FeedParseOptions()) throws -> ParsedFeed {
        var entries: [ParsedEntry] = []
        var feed = try parse(source: InMemoryChunks(bytes), options: options) { entries.append($0) }
        feed.entries = entries
        return feed
    }

    /// Parses a document chunk by chunk, calling `onEntry` for each entry as
    /// soon as it is complete. The returned feed carries everything but the entries.
    /// - Parameters:
    ///   - onStart: called once, before the first entry, with the version and encoding.
    /// - Throws: `FeedParseError` when the input is not a feed at all; whatever `onEntry` throws.
    public static func parse(
        source: some ByteChunkSource, options: FeedParseOptions = FeedParseOptions(),
        onStart: (_ version: String, _ encoding: String) -> Void = { _, _ in },
        onEntry: (ParsedEntry) throws -> Void
    ) throws -> ParsedFeed {
        var source = source
        var prefix: [UInt8] = []
        while prefix.count < sniffBytes, let chunk = try readChunk(&source) { prefix += chunk }
        let start = DocumentSniffer.firstSignificantByte(prefix)
        guard let start else {
            throw FeedParseError(code: .empty, message: "the document is empty")
        }
        if prefix[start] == UInt8(ascii: "{") || prefix[start] == UInt8(ascii: "[") {
            let all = try readAll(prefix, &source, limit: options.maxInputBytes)
            let feed = JSONFeedParser.parse(all, options: options)
            onStart(feed.version, feed.encoding)
            for entry in feed.entries { try onEntry(entry) }
            var header = feed
            header.entries = []
            return header
        }
        if DocumentSniffer.looksLikeHTML(prefix, from: start) {
            let all = try readAll(prefix, &source, limit: min(options.maxInputBytes, 8 << 20))
            throw FeedParseError(
                code: .htmlPage, message: "this is an HTML page, not a feed",
                alternateFeedURL: DocumentSniffer.alternateFeedURL(inHTML: all, documentURL: options.documentURL))
        }
        return try parseXML(prefix: prefix, rest: &source, options: options, onStart: onStart, onEntry: onEntry)
    }

    static func parseXML(
        prefix: [UInt8], rest source: inout some ByteChunkSource, options: FeedParseOptions,
        onStart: (String, String) -> Void, onEntry: (ParsedEntry) throws -> Void
    ) throws -> ParsedFeed {
        let context = TranslationContext(defaultZone: options.defaultZone)
        let netscape = DocumentSniffer.hasNetscapeDoctype(prefix)
        var started = false
        var encodingName = "utf-8"
        return try withoutActuallyEscaping(onEntry) { onEntry in
            try withoutActuallyEscaping(onStart) { onStart in
        let handler = FeedDocumentHandler(documentURL: options.documentURL, netscapeDoctype: netscape) { raw, handler in
            if !started {
                started = true
                onStart(handler.version, encodingName)
            }
            let feedLanguage = handler.feed.dcLanguage ?? handler.feed.language
            try onEntry(EntryTranslator.translate(raw, feedLanguage: feedLanguage, context: context))
        }
        let limits = XMLParserLimits(maxInputBytes: options.maxInputBytes, maxTextBytes: options.maxTextBytes, maxDepth: options.maxDepth)
        let parser = XMLEventParser(handler: handler, limits: limits, encoding: "UTF-8")
        var encodingProblem: String?

        if DocumentSniffer.canStreamAsUTF8(prefix, contentType: options.contentType) {
            // The common case: UTF-8 declared or implied and valid so far. Stream it.
            var utf8Guard = UTF8ChunkGuard()
            parser.feed(utf8Guard.pass(DocumentSniffer.droppingUTF8BOM(prefix)))
            while !parser.stopped, let chunk = try readChunk(&source) { parser.feed(utf8Guard.pass(chunk)) }
            parser.feed(utf8Guard.finish())
            if utf8Guard.replaced > 0 {
                encodingProblem = "\(utf8Guard.replaced) byte(s) not valid utf-8 were replaced with U+FFFD"
            }
        } else {
            // Anything else is decided on the whole document (RFC 7303 order, then sniffing).
            let all = try readAll(prefix, &source, limit: options.maxInputBytes)
            let detected = EncodingDetector.decode(all, httpContentType: options.contentType)
            encodingName = detected.name
            if detected.replacedInvalidBytes > 0 || detected.contradictedDeclaration {
                // XML requires the declared (or default UTF-8) encoding to be right: not well-formed.
                encodingProblem = detected.notes.last ?? "the bytes do not match the declared encoding"
            }
            parser.feed(detected.utf8)
        }
        parser.finish()
        if let error = handler.entryError { throw error }

        guard let root = handler.rootName else {
            throw FeedParseError(code: .notAFeed, message: "no XML element found" + (parser.problem.map { " (\($0))" } ?? ""))
        }
        if handler.version.isEmpty {
            if root.lowercased() == "html" {
                throw FeedParseError(code: .htmlPage, message: "this is an HTML page, not a feed")
            }
            throw FeedParseError(code: .notAFeed, message: "the root element <\(root)> is not RSS, RDF or Atom")
        }
        if !started { onStart(handler.version, encodingName) }
        var feed = ParsedFeed(version: handler.version, encoding: encodingName)
        feed.feed = FeedTranslator.translate(handler.feed, context: context)
        if let problem = parser.problem {
            feed.bozo = true
            feed.bozoMessage = problem.description
        } else if let encodingProblem {
            feed.bozo = true
            feed.bozoMessage = encodingProblem
        }
        return feed
            }
        }
    }

    static func readChunk(_ source: inout some ByteChunkSource) throws -> [UInt8]? {
        do { return try source.nextChunk() } catch {
            throw FeedParseError(code: .unreadable, message: "cannot read the input: \(error)")
        }
    }

    static func readAll(_ prefix: [UInt8], _ source: inout some ByteChunkSource, limit: Int) throws -> [UInt8] {
        var all = prefix
        while let chunk = try readChunk(&source) {
            all += chunk
            if all.count > limit {
                throw FeedParseError(code: .tooLarge, message: "the document is larger than \(limit) bytes")
            }
        }
        return all
    }
}

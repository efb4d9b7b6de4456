// HTMLSanitizer.swift — the safe-HTML pipeline for feed `summary` and
// `content` (INTERFACE.md: "HTML that is safe to embed in a page"), and the
// markup stripper for titles declared as HTML.
//
// The rules below are a contract: tests and other components are written
// against them. Change them only together with HTMLSanitizerTests.swift.
//
// Parsing. libxml2's HTML parser (NashraXML.HTMLEventParser) reads the input
// as UTF-8 and decodes entities and character references in text and
// attribute values; element and attribute names are lowercased. Its
// recovery rules decide the tree for tag soup (`<p>a<div>` closes the `p`,
// stray end tags are ignored, everything open is closed at the end).
// Input without `<` and without `&` skips the parser (fast path).
//
// Elements.
// - Dropped with their content: script, style, iframe, frame, frameset,
//   object, embed, applet, form, input, button, select, textarea, option,
//   meta, base, link, title, head, noscript, noembed, noframes, template,
//   svg, math, canvas, audio, video, param, xml. Comments, processing
//   instructions and DOCTYPEs are dropped too.
// - Kept (allow-list): a abbr acronym address article aside b bdi bdo big
//   blockquote br caption center cite code col colgroup dd del details dfn
//   div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i img
//   ins kbd li mark ol p pre q rp rt ruby s samp section small span strike
//   strong sub summary sup table tbody td tfoot th thead time tr tt u ul var
//   wbr.
// - Anything else (html, body, font, nav, unknown and custom elements): the
//   tags are dropped and the children kept.
// - Void elements never have content: area base br col embed frame hr img
//   input keygen link meta param source track wbr. A dropped void element
//   (`<embed>`, `<input>`) therefore never swallows the text after it.
//
// Attributes (everything not listed is dropped, including every `on*`
// handler, `style`, `class`, `id`, `name`, `target`, `rel` and `srcset`):
// - on every kept element: dir, lang, title; `xml:lang` is written as
//   `lang`. When a name occurs twice (`xml:lang` and `lang`), the first in
//   source order wins.
// - a: href, hreflang          - img: src, alt, width, height
// - blockquote, q, del, ins: cite
// - td, th: colspan, rowspan   - ol: start          - time: datetime
// Values are kept as decoded, except URL attributes.
//
// URL attributes (a href, img src, and cite):
// 1. ASCII control characters (U+0000–U+001F, U+007F) are removed anywhere
//    in the value (`java\tscript:`, `java\nscript:`, NUL), then leading and
//    trailing spaces are trimmed. An empty value drops the attribute.
// 2. The scheme is read ignoring any remaining spaces and case
//    (` JAVASCRIPT:`, `JaVa ScRiPt:`). A value with a scheme other than
//    http or https (or mailto, for `href` only) drops the attribute:
//    javascript:, vbscript:, data:, file:, ftp:, … Entities were already
//    decoded by the parser, so `&#106;avascript:` is caught here as well.
// 3. The value is resolved against `baseURL` with Foundation's
//    `URL(string:relativeTo:)`, which percent-encodes what a URL cannot
//    hold (UTF-8 for Arabic and other non-ASCII characters, spaces, `"`,
//    `<`, `>`; a host becomes punycode). With no `baseURL` a relative
//    reference stays relative (but percent-encoded). A value Foundation
//    cannot parse drops the attribute. (Plain absolute http(s) URLs, with
//    an ASCII host and only characters a URL may hold, skip Foundation:
//    it would return them unchanged.)
// 4. The result must again be http, https, mailto (href only), or still
//    relative; otherwise the attribute is dropped.
//
// Serialization.
// - Names lowercase; attributes in source order as `name="value"`.
// - Text escapes `&` `<` `>` as `&amp;` `&lt;` `&gt;`; attribute values
//   also escape `"` as `&quot;`. Everything else, non-ASCII included, is
//   written as literal UTF-8; no other entities are produced.
// - C0 control characters other than tab, LF and CR are removed from text
//   and attribute values (libxml2 drops most of them already; this keeps
//   the output valid in XML feeds).
// - Void elements are written without an end tag (`<br>`, `<img src="…">`).
// - Whitespace is kept as in the input, including the blanks before the
//   first tag. (libxml2 does lose blanks between a leading comment or
//   DOCTYPE and the first tag.) A leading byte order mark is dropped.
// - Every kept element is closed, innermost first; stray end tags vanish.
//
// Plain text (HTMLText.plainText), for titles: the same parse and the same
// dropped-with-content list; tags removed, entities decoded; the start and
// end of every element except the inline ones (a abbr acronym b bdi bdo
// big cite code data del dfn em font i img ins kbd label mark nobr q rp rt
// ruby s samp small span strike strong sub sup time tt u var wbr) count as
// a space, so do `<br>` and `<hr>`. Runs of white space become one U+0020
// and the result is trimmed; white space here is what HTML collapses
// (U+0009–000D, U+0020) plus the line breaks U+0085, U+2028, U+2029.
// U+00A0 and the other Unicode spaces are kept as they are (`&nbsp;` is
// meant, as in French typography; TextCleaning.collapseWhitespace agrees).
// Other control characters and U+FEFF are removed. The result is plain
// text, not HTML: escape it before embedding it in markup. Input without
// `<` and `&` is only collapsed and trimmed.

public import Foundation
import NashraXML

/// Makes feed HTML safe to embed in a page, by an allow-list of elements,
/// attributes and URL schemes.
///
/// The exact rules are in the header of HTMLSanitizer.swift.
public enum HTMLSanitizer {
    /// Returns the safe HTML for `html`.
    ///
    /// - Parameters:
    ///   - html: An HTML fragment (feed `summary`, `content`, `description`).
    ///   - baseURL: The `xml:base` or document URL that relative `href`,
    ///     `src` and `cite` values resolve against; `nil` leaves them
    ///     relative.
    public static func sanitize(_ html: String, baseURL: URL?) -> String {
        let html = HTMLMarkup.droppingByteOrderMark(html)
        var output = HTMLOutput(capacity: html.utf8.count)
        guard HTMLMarkup.needsParsing(html) else {
            output.appendEscaped(html, inAttribute: false)
            return output.string
        }
        var walker = AllowListWalker()
        HTMLEventParser.parse(html) { event in
            walker.walk(event) { output.write($0, baseURL: baseURL) }
        }
        walker.finish { output.write($0, baseURL: baseURL) }
        return output.string
    }
}

/// Turns HTML into the plain text a person reads.
public enum HTMLText {
    /// Returns the text of `html`: markup removed, entities decoded, the
    /// text of scripts, styles and other dropped elements removed, block
    /// boundaries and `<br>` turned into spaces, runs of white space
    /// (ASCII, not U+00A0) collapsed to one space, trimmed.
    ///
    /// Used for titles declared as HTML: `<b>Foo</b> &amp; bar` gives
    /// `Foo & bar`. The result is plain text: escape it before embedding it
    /// in markup.
    public static func plainText(_ html: String) -> String {
        let html = HTMLMarkup.droppingByteOrderMark(html)
        var text = PlainTextBuilder()
        guard HTMLMarkup.needsParsing(html) else {
            text.append(html)
            return text.string
        }
        var walker = AllowListWalker()
        let record: (AllowListWalker.Step) -> Void = { step in
            switch step {
            case .start(let name, _, _, _), .end(let name, _):
                if !HTMLAllowList.inline.contains(name) { text.breakWord() }
            case .text(let string):
                text.append(string)
            }
        }
        HTMLEventParser.parse(html) { walker.walk($0, record) }
        walker.finish(record)
        return text.string
    }
}

// MARK: - Allow-list

/// What the allow-list makes of an element.
enum ElementPolicy: Sendable {
    /// Written out, with its allowed attributes.
    case keep
    /// Tags dropped, children kept.
    case unwrap
    /// Dropped with everything inside.
    case drop
}

/// How an allowed attribute is written.
enum AttributePolicy: Sendable, Equatable {
    /// Written under `name` (`xml:lang` → `lang`), value as decoded.
    case plain(name: String)
    /// A URL, resolved and scheme-checked; `mailto` allowed when `allowsMailto`.
    case url(allowsMailto: Bool)
}

/// The tables of the sanitizer contract (see the file header).
enum HTMLAllowList {
    static let kept: Set<String> = [
        "a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big",
        "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li",
        "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small",
        "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
        "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
    ]

    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
        "input", "button", "select", "textarea", "option", "meta", "base", "link", "title",
        "head", "noscript", "noembed", "noframes", "template", "svg", "math", "canvas", "audio",
        "video", "param", "xml",
    ]

    static let void: Set<String> = [
        "area", "base", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link",
        "meta", "param", "source", "track", "wbr",
    ]

    /// Elements that do not separate words in `HTMLText.plainText`.
    static let inline: Set<String> = [
        "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn",
        "em", "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "q", "rp", "rt", "ruby",
        "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
        "wbr",
    ]

    static func policy(for element: String) -> ElementPolicy {
        if kept.contains(element) { return .keep }
        if droppedWithContent.contains(element) { return .drop }
        return .unwrap
    }

    /// The policy for `attribute` on the kept `element`, or `nil` to drop it.
    static func policy(for attribute: String, on element: String) -> AttributePolicy? {
        switch attribute {
        case "dir", "lang", "title":
            return .plain(name: attribute)
        case "xml:lang":
            return .plain(name: "lang")
        default:
            break
        }
        switch (element, attribute) {
        case ("a", "href"):
            return .url(allowsMailto: true)
        case ("a", "hreflang"),
            ("img", "alt"), ("img", "width"), ("img", "height"),
            ("td", "colspan"), ("td", "rowspan"), ("th", "colspan"), ("th", "rowspan"),
            ("ol", "start"),
            ("time", "datetime"):
            return .plain(name: attribute)
        case ("img", "src"),
            ("blockquote", "cite"), ("q", "cite"), ("del", "cite"), ("ins", "cite"):
            return .url(allowsMailto: false)
        default:
            return nil
        }
    }
}

// MARK: - Walking the events

/// Applies the element allow-list to a stream of parser events, keeping its
/// own stack so that output is balanced whatever the input.
struct AllowListWalker {
    /// What survives the element allow-list.
    enum Step {
        /// A kept or unwrapped element starts; void elements get no `end`.
        case start(name: String, attributes: [HTMLAttribute], policy: ElementPolicy, isVoid: Bool)
        /// A kept or unwrapped element ends.
        case end(name: String, policy: ElementPolicy)
        /// Text outside every dropped element.
        case text(String)
    }

    private var stack: [(name: String, policy: ElementPolicy)] = []
    /// The number of `.drop` entries on `stack`; text is visible when zero.
    private var dropDepth = 0

    mutating func walk(_ event: HTMLEvent, _ step: (Step) -> Void) {
        switch event {
        case .start(let name, let attributes):
            let isVoid = HTMLAllowList.void.contains(name)
            let policy = dropDepth > 0 ? .drop : HTMLAllowList.policy(for: name)
            // A void element has no content, so it opens nothing: libxml2
            // does not know `wbr` or `source` as void and would end them late.
            if policy == .drop {
                if !isVoid {
                    stack.append((name, .drop))
                    dropDepth += 1
                }
                return
            }
            if !isVoid { stack.append((name, policy)) }
            step(.start(name: name, attributes: attributes, policy: policy, isVoid: isVoid))
        case .end(let name):
            guard let index = stack.lastIndex(where: { $0.name == name }) else { return }
            while stack.count > index { pop(step) }
        case .text(let string):
            if dropDepth == 0 { step(.text(string)) }
        case .comment:
            break
        }
    }

    /// Closes whatever is still open.
    mutating func finish(_ step: (Step) -> Void) {
        while !stack.isEmpty { pop(step) }
    }

    private mutating func pop(_ step: (Step) -> Void) {
        let frame = stack.removeLast()
        if frame.policy == .drop {
            dropDepth -= 1
        } else {
            step(.end(name: frame.name, policy: frame.policy))
        }
    }
}

// MARK: - Output

/// The sanitizer's output, built as UTF-8 bytes.
struct HTMLOutput {
    private var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity + capacity / 8)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func write(_ step: AllowListWalker.Step, baseURL: URL?) {
        switch step {
        case .start(let name, let attributes, .keep, _):
            writeStartTag(name, attributes, baseURL: baseURL)
        case .end(let name, .keep):
            bytes += "</".utf8
            bytes += name.utf8
            bytes.append(UInt8(ascii: ">"))
        case .text(let text):
            appendEscaped(text, inAttribute: false)
        case .start, .end:
            break
        }
    }

    private mutating func writeStartTag(_ name: String, _ attributes: [HTMLAttribute], baseURL: URL?) {
        bytes.append(UInt8(ascii: "<"))
        bytes += name.utf8
        var written: [String] = []
        for attribute in attributes {
            guard let policy = HTMLAllowList.policy(for: attribute.name, on: name) else { continue }
            let outputName: String
            let value: String
            switch policy {
            case .plain(let name):
                outputName = name
                value = attribute.value
            case .url(let allowsMailto):
                guard let url = SafeURL.resolve(attribute.value, baseURL: baseURL, allowsMailto: allowsMailto)
                else { continue }
                outputName = attribute.name
                value = url
            }
            guard !written.contains(outputName) else { continue }
            written.append(outputName)
            bytes.append(UInt8(ascii: " "))
            bytes += outputName.utf8
            bytes += "=\"".utf8
            appendEscaped(value, inAttribute: true)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
    }

    /// Appends `text` with `&`, `<`, `>` (and in attributes `"`) escaped and
    /// C0 controls other than tab, LF and CR removed.
    mutating func appendEscaped(_ text: String, inAttribute: Bool) {
        // Copy runs of ordinary bytes at once; every byte that needs work is
        // below `?` (0x3F). An array copy (one memcpy) is much faster to walk
        // than the string's own UTF-8 view.
        let utf8 = Array(text.utf8)
        var runStart = 0
        for index in utf8.indices where utf8[index] < UInt8(ascii: "?") {
            let replacement: String
            switch utf8[index] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\"") where inAttribute: replacement = "&quot;"
            case 0x09, 0x0A, 0x0D, 0x20...: continue
            default: replacement = ""  // other C0 controls: removed
            }
            bytes += utf8[runStart..<index]
            bytes += replacement.utf8
            runStart = index + 1
        }
        bytes += utf8[runStart...]
    }
}

/// Builds the collapsed, trimmed text of `HTMLText.plainText`.
struct PlainTextBuilder {
    private var bytes: [UInt8] = []
    private var pendingSpace = false

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ text: String) {
        // Copy runs of visible bytes at once. `String` holds valid UTF-8, so
        // a lead byte tells the sequence length, and only a few lead bytes
        // can start a space or a removed character.
        let utf8 = Array(text.utf8)
        var runStart = 0
        var index = 0
        while index < utf8.count {
            let lead = utf8[index]
            let kind: Kind
            let length: Int
            switch lead {
            case 0x21..<0x7F, 0x80...0xC1, 0xC3...0xE1, 0xE3...0xEE, 0xF0...:
                index += 1  // visible, or inside a visible sequence
                continue
            case 0x20, 0x09...0x0D:
                (kind, length) = (.space, 1)
            case ..<0x80:
                (kind, length) = (.removed, 1)  // other C0 controls, DEL
            case 0xC2:
                (kind, length) = (Self.classify(lead, utf8[index + 1], 0), 2)
            default:  // 0xE2, 0xEF
                (kind, length) = (Self.classify(lead, utf8[index + 1], utf8[index + 2]), 3)
            }
            if kind != .visible {
                appendVisible(utf8[runStart..<index])
                if kind == .space { breakWord() }
                runStart = index + length
            }
            index += length
        }
        appendVisible(utf8[runStart...])
    }

    /// Records a word boundary: one space, if text follows.
    mutating func breakWord() {
        if !bytes.isEmpty { pendingSpace = true }
    }

    private mutating func appendVisible(_ sequence: ArraySlice<UInt8>) {
        guard !sequence.isEmpty else { return }
        if pendingSpace {
            bytes.append(UInt8(ascii: " "))
            pendingSpace = false
        }
        bytes += sequence
    }

    private enum Kind { case visible, space, removed }

    /// Sorts a multi-byte UTF-8 sequence: a line break (U+0085, U+2028,
    /// U+2029) counts as a space; C1 controls and U+FEFF are removed;
    /// everything else, U+00A0 and the other Unicode spaces included, is
    /// visible. ASCII is sorted inline: U+0009–000D and U+0020 are spaces,
    /// other controls and U+007F are removed.
    private static func classify(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Kind {
        switch (first, second, third) {
        case (0xC2, 0x85, _), (0xE2, 0x80, 0xA8), (0xE2, 0x80, 0xA9):
            return .space
        case (0xC2, 0x80...0x9F, _), (0xEF, 0xBB, 0xBF):
            return .removed
        default:
            return .visible
        }
    }
}

/// Input checks shared by the sanitizer and the plain-text stripper.
enum HTMLMarkup {
    /// Whether `html` has a tag or an entity, i.e. needs the parser.
    static func needsParsing(_ html: String) -> Bool {
        html.utf8.contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }
    }

    /// `html` without a leading U+FEFF, which the parser skips too.
    static func droppingByteOrderMark(_ html: String) -> String {
        guard html.unicodeScalars.first == "\u{FEFF}" else { return html }
        return String(html.unicodeScalars.dropFirst())
    }
}

// MARK: - URLs

/// URL attribute checking and resolution (rules 1–4 in the file header).
enum SafeURL {
    /// The value to write for a URL attribute, or `nil` to drop the attribute.
    static func resolve(_ raw: String, baseURL: URL?, allowsMailto: Bool) -> String? {
        // 1. Remove ASCII controls anywhere (browsers drop tab and newlines;
        //    old ones also ignored NUL and others), trim spaces.
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(raw.utf8.count)
        for byte in raw.utf8 where byte >= 0x20 && byte != 0x7F {
            cleaned.append(byte)
        }
        guard let first = cleaned.firstIndex(where: { $0 != 0x20 }),
            let last = cleaned.lastIndex(where: { $0 != 0x20 })
        else { return nil }
        let trimmed = cleaned[first...last]

        // 2. The scheme as written, ignoring spaces and case.
        if let scheme = scheme(of: trimmed, ignoringSpaces: true) {
            guard isAllowed(scheme: scheme, allowsMailto: allowsMailto) else { return nil }
            // Most feed links are already plain absolute http(s) URLs, which
            // Foundation would return unchanged: skip it for those.
            if scheme != "mailto", isPlainAbsoluteHTTP(trimmed) {
                return String(decoding: trimmed, as: UTF8.self)
            }
        }

        // 3. Resolve; Foundation percent-encodes non-ASCII and the rest.
        guard let url = URL(string: String(decoding: trimmed, as: UTF8.self), relativeTo: baseURL) else {
            return nil
        }
        let resolved = url.absoluteString

        // 4. Check again what the resolution produced (a base can bring a
        //    scheme of its own).
        if let scheme = scheme(of: resolved.utf8, ignoringSpaces: false),
            !isAllowed(scheme: scheme, allowsMailto: allowsMailto)
        {
            return nil
        }
        return resolved
    }

    /// Whether `url` is `http(s)://host[:port]` followed by nothing or by a
    /// path, query and fragment made only of characters a URL may hold as
    /// they are (RFC 3986 unreserved, sub-delims, `:@/?`, one `#`, `%XX`), so
    /// that `URL(string:)?.absoluteString` would return it unchanged.
    static func isPlainAbsoluteHTTP(_ url: some Collection<UInt8>) -> Bool {
        var bytes = url.makeIterator()
        // Scheme: letters up to "://" (the caller checked it is http/https).
        while let byte = bytes.next(), byte != UInt8(ascii: ":") {
            guard isASCIILetter(byte) else { return false }
        }
        guard bytes.next() == UInt8(ascii: "/"), bytes.next() == UInt8(ascii: "/") else { return false }
        // Host: letters, digits, `-`, `.`; then an optional numeric port.
        var hostLength = 0
        var next = bytes.next()
        while let byte = next,
            isASCIILetter(byte) || isASCIIDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        {
            hostLength += 1
            next = bytes.next()
        }
        guard hostLength > 0 else { return false }
        if next == UInt8(ascii: ":") {
            next = bytes.next()
            while let byte = next, isASCIIDigit(byte) { next = bytes.next() }
        }
        guard let afterAuthority = next else { return true }
        guard
            afterAuthority == UInt8(ascii: "/") || afterAuthority == UInt8(ascii: "?")
                || afterAuthority == UInt8(ascii: "#")
        else { return false }
        // Path, query, fragment.
        var seenFragment = afterAuthority == UInt8(ascii: "#")
        var pendingHexDigits = 0
        while let byte = bytes.next() {
            if pendingHexDigits > 0 {
                guard isASCIIDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20) else {
                    return false
                }
                pendingHexDigits -= 1
                continue
            }
            switch byte {
            case _ where isASCIILetter(byte) || isASCIIDigit(byte):
                continue
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
                UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
                UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
                UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "?"):
                continue
            case UInt8(ascii: "%"):
                pendingHexDigits = 2
            case UInt8(ascii: "#") where !seenFragment:
                seenFragment = true
            default:
                return false
            }
        }
        return pendingHexDigits == 0
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isAllowed(scheme: String, allowsMailto: Bool) -> Bool {
        scheme == "http" || scheme == "https" || (allowsMailto && scheme == "mailto")
    }

    /// The lowercased scheme of a URL reference (RFC 3986: a letter, then
    /// letters, digits, `+`, `-`, `.`, then `:`), or `nil` for a relative
    /// reference.
    static func scheme(of bytes: some Collection<UInt8>, ignoringSpaces: Bool) -> String? {
        var scheme: [UInt8] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: " ") where ignoringSpaces:
                continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                scheme.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                scheme.append(byte + 0x20)
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                guard !scheme.isEmpty else { return nil }
                scheme.append(byte)
            case UInt8(ascii: ":"):
                return scheme.isEmpty ? nil : String(decoding: scheme, as: UTF8.self)
            default:
                return nil
            }
        }
        return nil
    }
}

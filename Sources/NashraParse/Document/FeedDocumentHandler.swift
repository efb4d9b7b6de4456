import Foundation
import NashraModel
import NashraXML

/// Reads RSS (0.9x, 1.0, 2.0) and Atom (0.3, 1.0) events into the
/// `RawFeed`/`RawEntry` scratchpads and hands each finished entry on.
///
/// Which element means what lives in `RSSElements.swift` and
/// `AtomElements.swift`; this file keeps the scopes, `xml:base`/`xml:lang`
/// and text collection.
final class FeedDocumentHandler: XMLEventHandler {
    /// Where in the document we are; only elements that contain other elements we read are scopes.
    enum Scope: Equatable {
        case document, channel, item, image, textInput, feed, entry
        case person(PersonRole), source, mediaGroup, mediaContent, itunesOwner, xhtml, ignored
    }

    enum PersonRole: Equatable { case author, contributor }

    struct Frame {
        var name: XMLName
        var vocabulary: Vocabulary
        var attributes: [XMLAttribute]
        var base: URL?
        /// The effective `xml:base`, only when an `xml:base` attribute set one.
        var declaredBase: URL?
        var language: String?
        var scope: Scope
        var collecting: Bool
    }

    var version = ""
    var sawRoot = false
    var rootName: String?
    var feed: RawFeed
    var entry: RawEntry?
    var person = ParsedPerson()
    var source = ParsedSource()
    var mediaContent: ParsedMediaContent?
    var mediaGroupDescription: RawText?
    var stack: [Frame] = []
    /// Depth of nested XHTML elements being re-serialized into text.
    var xhtmlDepth = 0
    var xhtmlWrapperOpen = false
    var sawXHTMLContent = false
    static let voidElements: Set<String> = ["br", "hr", "img", "wbr", "col", "area", "input", "meta", "link", "source"]
    let onEntry: (RawEntry, FeedDocumentHandler) throws -> Void
    var entryError: (any Error)?
    let netscapeDoctype: Bool

    init(documentURL: URL?, netscapeDoctype: Bool, onEntry: @escaping (RawEntry, FeedDocumentHandler) throws -> Void) {
        feed = RawFeed(base: documentURL)
        self.netscapeDoctype = netscapeDoctype
        self.onEntry = onEntry
    }

    var scope: Scope { stack.last?.scope ?? .document }
    var base: URL? { stack.last?.base ?? feed.base }
    var language: String? { stack.last?.language }
    var declaredBase: URL? { stack.last?.declaredBase }

    /// The innermost item/entry/channel scope the current element belongs to.
    var owner: Scope {
        for frame in stack.reversed() {
            switch frame.scope {
            case .item, .entry, .channel, .feed, .source: return frame.scope
            default: continue
            }
        }
        return .document
    }

    // MARK: - XMLEventHandler

    func didStartElement(_ name: XMLName, attributes: [XMLAttribute], parser: XMLEventParser) {
        if xhtmlDepth > 0 {
            xhtmlDepth += 1
            // RFC 4287 3.1.1.3: the xhtml:div wrapper is not part of the content.
            if xhtmlDepth == 2, name.local == "div", name.namespace == XMLNamespace.xhtml, !sawXHTMLContent {
                xhtmlWrapperOpen = true
            } else {
                sawXHTMLContent = true
                parser.appendToText(Self.startTag(name, attributes))
            }
            return
        }
        let vocabulary = Vocabulary(name)
        var frameBase = base
        var frameDeclaredBase = declaredBase
        var frameLanguage = language
        for attribute in attributes where attribute.name.namespace == XMLNamespace.xml {
            if attribute.name.local == "base" {
                frameBase = URLResolver.baseURL(attribute.value, relativeTo: frameBase)
                frameDeclaredBase = frameBase
            } else if attribute.name.local == "lang" {
                frameLanguage = attribute.value.isEmpty ? nil : attribute.value
            }
        }
        if !sawRoot {
            sawRoot = true
            rootName = name.local
            detectVersion(name, vocabulary: vocabulary, attributes: attributes)
            feed.base = frameBase
            feed.language = frameLanguage
        }
        let newScope = scope(for: name, vocabulary: vocabulary, attributes: attributes)
        var frame = Frame(
            name: name, vocabulary: vocabulary, attributes: attributes, base: frameBase, declaredBase: frameDeclaredBase,
            language: frameLanguage,
            scope: newScope ?? scope, collecting: false)
        switch newScope {
        case .item?, .entry?:
            entry = RawEntry(base: frameBase, language: frameLanguage)
            if let about = attributes.first(where: { $0.name.local == "about" && Vocabulary($0.name) == .rdf }) {
                entry?.rdfAbout = about.value
            }
        case .person?:
            person = ParsedPerson()
        case .source?:
            source = ParsedSource()
            if let url = attributes.value("url") { source.href = URLResolver.resolve(url, against: frameBase) }
        case .mediaContent?:
            mediaContent = Self.mediaContent(attributes, base: frameBase)
        case nil:
            frame.collecting = true
            parser.collectText()
            if isXHTMLContainer(name, vocabulary: vocabulary, attributes: attributes) {
                xhtmlDepth = 1
                xhtmlWrapperOpen = false
                sawXHTMLContent = false
                parser.escapesCollectedText = true
            }
        default:
            break
        }
        stack.append(frame)
    }

    func didEndElement(_ name: XMLName, parser: XMLEventParser) {
        if xhtmlDepth > 1 {
            xhtmlDepth -= 1
            if xhtmlDepth == 1, xhtmlWrapperOpen {
                xhtmlWrapperOpen = false
            } else if !Self.voidElements.contains(name.local) {
                parser.appendToText("</\(name.local)>")
            }
            return
        }
        guard let frame = stack.popLast() else { return }
        if xhtmlDepth == 1 {
            xhtmlDepth = 0
            parser.escapesCollectedText = false
        }
        let text = frame.collecting ? parser.takeText() : ""
        switch frame.scope {
        case _ where frame.collecting:
            element(frame, text: text)
        case .item, .entry:
            if let finished = entry {
                entry = nil
                do { try onEntry(finished, self) } catch {
                    entryError = error
                    parser.stop("stopped by the reader: \(error)")
                }
            }
        case .person(let role):
            finishPerson(role)
        case .source:
            if stack.last?.scope == .entry || stack.last?.scope == .item { entry?.source = source }
        case .mediaContent:
            if let content = mediaContent {
                entry?.mediaContents.append(content)
                mediaContent = nil
            }
        default:
            break
        }
    }

    // MARK: - Scopes

    /// The scope an element opens, or `nil` for a leaf whose text we read.
    func scope(for name: XMLName, vocabulary: Vocabulary, attributes: [XMLAttribute]) -> Scope? {
        switch (vocabulary, name.local) {
        case (.rss, "rss"), (.rdf, "RDF"), (.rss, "items"), (.rdf, _): return .document
        case (.rss, "channel"): return .channel
        case (.rss, "item"): return .item
        case (.rss, "image") where scope == .channel || scope == .document: return .image
        case (.rss, "textinput"), (.rss, "textInput"): return .textInput
        case (.atom, "feed"), (.atom03, "feed"): return .feed
        case (.atom, "entry"), (.atom03, "entry"): return .entry
        case (.atom, "author"), (.atom03, "author"): return .person(.author)
        case (.atom, "contributor"), (.atom03, "contributor"): return .person(.contributor)
        case (.atom, "source"): return .source
        case (.media, "group"): return .mediaGroup
        case (.media, "content"): return .mediaContent
        case (.itunes, "owner"): return .itunesOwner
        case (.itunes, "category") where attributes.value("text") != nil:
            return nil
        default:
            switch scope {
            case .textInput, .itunesOwner, .ignored: return .ignored
            default: return nil
            }
        }
    }

    /// Atom text constructs of type xhtml (and Atom 0.3 mode="xml") hold markup we re-serialize.
    func isXHTMLContainer(_ name: XMLName, vocabulary: Vocabulary, attributes: [XMLAttribute]) -> Bool {
        guard vocabulary == .atom || vocabulary == .atom03 else { return false }
        switch name.local {
        case "title", "subtitle", "summary", "content", "rights", "tagline", "copyright":
            let type = attributes.value("type")?.lowercased()
            if type == "xhtml" || type == "application/xhtml+xml" { return true }
            if vocabulary == .atom03, attributes.value("mode") == "xml" { return true }
            return false
        default:
            return false
        }
    }

    func detectVersion(_ name: XMLName, vocabulary: Vocabulary, attributes: [XMLAttribute]) {
        switch (vocabulary, name.local) {
        case (.rss, "rss"):
            switch attributes.value("version")?.trimmed {
            case "0.91": version = netscapeDoctype ? "rss091n" : "rss091u"
            case "0.92": version = "rss092"
            case "0.93": version = "rss093"
            case "0.94": version = "rss094"
            default: version = "rss20"
            }
        case (.rdf, "RDF"):
            version = "rss10"
        case (.atom, "feed"): version = "atom10"
        case (.atom03, "feed"): version = "atom03"
        default: version = ""
        }
    }

    // MARK: - Leaf elements

    func element(_ frame: Frame, text: String) {
        let owner = self.owner
        switch frame.vocabulary {
        case .rss where frame.name.namespace == XMLNamespace.rss090:
            if version == "rss10" { version = "rss090" }
            rssElement(frame, text: text, owner: owner)
        case .rss: rssElement(frame, text: text, owner: owner)
        case .atom, .atom03: atomElement(frame, text: text, owner: owner)
        case .dc, .dcterms: dublinCoreElement(frame, text: text, owner: owner)
        case .content:
            if frame.name.local == "encoded", owner == .item || owner == .entry {
                entry?.contentEncoded = RawText(
                    value: text, type: "html", base: frame.base, language: frame.language, declaredBase: frame.declaredBase)
            }
        case .media: mediaElement(frame, text: text, owner: owner)
        case .itunes: itunesElement(frame, text: text, owner: owner)
        case .sy:
            if frame.name.local == "updatePeriod" { feed.updatePeriod = text.trimmed }
            if frame.name.local == "updateFrequency" { feed.updateFrequency = text.trimmed }
        case .nashra: nashraElement(frame, text: text, owner: owner)
        default: break
        }
    }

    func finishPerson(_ role: PersonRole) {
        let p = ParsedPerson(
            name: person.name?.nilIfBlank, email: person.email?.nilIfBlank, uri: person.uri?.nilIfBlank)
        guard p.name != nil || p.email != nil || p.uri != nil else { return }
        switch (owner, role) {
        case (.entry, .author), (.item, .author): entry?.atomAuthors.append(p)
        case (.entry, .contributor), (.item, .contributor): entry?.contributors.append(p)
        case (.feed, .author), (.channel, .author): feed.atomAuthors.append(p)
        case (.feed, .contributor), (.channel, .contributor): feed.contributors.append(p)
        default: break
        }
    }

    static func mediaContent(_ attributes: [XMLAttribute], base: URL?) -> ParsedMediaContent? {
        guard let url = attributes.value("url"), !url.trimmed.isEmpty else { return nil }
        var content = ParsedMediaContent(
            url: URLResolver.resolve(url, against: base), type: attributes.value("type")?.nilIfBlank,
            medium: attributes.value("medium")?.nilIfBlank)
        content.width = attributes.value("width").flatMap { Int($0.trimmed) }
        content.height = attributes.value("height").flatMap { Int($0.trimmed) }
        content.fileSize = attributes.value("fileSize").flatMap { Int($0.trimmed) }
        return content
    }

    /// Re-serializes an XHTML start tag (attributes escaped) into collected text.
    static func startTag(_ name: XMLName, _ attributes: [XMLAttribute]) -> String {
        var tag = "<" + name.local
        for attribute in attributes {
            let qualified = attribute.name.namespace == XMLNamespace.xml ? "xml:\(attribute.name.local)" : attribute.name.local
            tag += " \(qualified)=\"\(HTMLEscaping.escapeAttribute(attribute.value))\""
        }
        return tag + ">"
    }
}

extension [XMLAttribute] {
    /// The value of the attribute named `local` in no namespace.
    func value(_ local: String) -> String? {
        first { $0.name.local == local && ($0.name.namespace == nil || $0.name.namespace == "") }?.value
    }

    /// The value of the attribute named `local` in `namespace`.
    func value(_ local: String, namespace: String) -> String? {
        first { $0.name.local == local && $0.name.namespace == namespace }?.value
    }
}

extension String {
    /// Trimmed of white space and newlines. Looks only at the two ends, so a
    /// 200 KB body costs nothing (Foundation's `trimmingCharacters` copied the
    /// whole string through UTF-16 and took 40% of parse time).
    var trimmed: String {
        let scalars = unicodeScalars
        guard let head = scalars.first, let tail = scalars.last else { return self }
        if !head.isBlank, !tail.isBlank { return self }
        guard let first = scalars.firstIndex(where: { !$0.isBlank }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isBlank })!
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
    }
    /// Trimmed, or `nil` when nothing is left.
    var nilIfBlank: String? {
        let t = trimmed
        return t.isEmpty ? nil : t
    }
}

extension Unicode.Scalar {
    /// Unicode White_Space, with ASCII decided without a property lookup.
    fileprivate var isBlank: Bool {
        if isASCII { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }
}

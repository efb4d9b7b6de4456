import Foundation
import NashraModel
import NashraXML

/// Reads OPML subscription lists (http://opml.org/spec2.opml, and the 1.0
/// files older readers export) into the feeds `feeds import` subscribes to.
///
/// - An `<outline>` with an `xmlUrl` is a feed, whatever its `type` (`rss`,
///   `atom`, `link` or none: OPML 1.0 exporters disagree).
/// - An `<outline>` without one is a folder: the feeds inside get the category
///   path of the folders around them (`/أخبار/وطني`), before the ones their
///   own `category` attribute lists (comma separated, as OPML 2.0 says).
/// - Category paths are normalized: one leading `/`, no empty or padded parts.
/// - An address filed in several folders is one feed with all the categories.
/// - An outline whose `xmlUrl` is not an absolute `http`, `https` or `file`
///   URL is skipped and reported, and so is a commented-out one
///   (`isComment="true"`). The rest of the list is still read.
///
/// Parsing goes through `XMLEventParser`, so it is as safe as feed parsing:
/// no network, no external entities, capped size and depth.
public enum OPMLReader {
    /// The largest document accepted: tens of thousands of feeds fit in a few megabytes.
    public static let maxInputBytes = 16 << 20

    /// Reads an OPML 1.0 or 2.0 document.
    /// - Returns: the feeds in document order, and the outlines that were skipped.
    /// - Throws: `OPMLError` when the input is empty, too large, or not OPML at all
    ///   (a feed, a web page, not XML).
    public static func read(_ bytes: [UInt8]) throws -> OPMLImport {
        guard DocumentSniffer.firstSignificantByte(bytes) != nil else {
            throw OPMLError(code: .empty, message: "the OPML document is empty")
        }
        guard bytes.count <= maxInputBytes else {
            throw OPMLError(code: .tooLarge, message: "the OPML document is larger than \(maxInputBytes) bytes")
        }
        // Exports from older tools are often ISO-8859-1 or windows-1256: decide
        // the encoding the way feeds do, then hand libxml2 UTF-8.
        let decoded = EncodingDetector.decode(bytes)
        let handler = OPMLDocumentHandler()
        // Decoding can grow the bytes (one Arabic letter: 1 byte in windows-1256, 2 in UTF-8).
        let limits = XMLParserLimits(maxInputBytes: 4 * maxInputBytes, maxTextBytes: 1 << 20, maxDepth: 256)
        let parser = XMLEventParser(handler: handler, limits: limits, encoding: "UTF-8")
        parser.feed(decoded.utf8)
        parser.finish()

        if let problem = parser.problem, problem.isFatal {
            throw OPMLError(code: .tooLarge, message: "the OPML document was not read: \(problem)")
        }
        guard let root = handler.rootName else {
            let why = parser.problem.map { " (\($0))" } ?? ""
            throw OPMLError(code: .notOPML, message: "this is not an OPML document: no XML element found\(why)")
        }
        guard handler.isOPML else {
            throw OPMLError(code: .notOPML, message: notOPMLMessage(root: root))
        }

        var problems: [OPMLProblem] = []
        if decoded.replacedInvalidBytes > 0 || decoded.contradictedDeclaration {
            problems.append(OPMLProblem(line: 0, reason: decoded.notes.last ?? "the bytes do not match the declared encoding"))
        }
        if let problem = parser.problem {
            problems.append(
                OPMLProblem(
                    line: problem.line, reason: "the document is not well-formed (\(problem.message)); what could be recovered was read"))
        }
        problems += handler.problems
        return OPMLImport(title: handler.title, feeds: handler.feeds, problems: problems)
    }

    /// `xmlUrl` as a URL the fetcher accepts, or `nil`.
    static func feedURL(_ raw: String) -> URL? {
        var text = raw.trimmed
        // The `feed:` pseudo-scheme (draft-obasanjo-feed-URI, used by Safari and
        // NetNewsWire links) wraps an http(s) URL: `feed://host/x`, `feed:https://host/x`.
        // See Fixtures/opml/partners.opml.
        if text.lowercased().hasPrefix("feed:") {
            let rest = text.dropFirst(5)
            text = rest.hasPrefix("//") ? "http:" + rest : String(rest)
        }
        guard let url = URL(string: URLResolver.percentEncodeIRI(text)), let scheme = url.scheme?.lowercased() else { return nil }
        switch scheme {
        case "http", "https": return url.host?.isEmpty == false ? url : nil
        case "file": return url.path.isEmpty ? nil : url
        default: return nil
        }
    }

    /// `htmlUrl` as an http(s) URL, or `nil`: it is only shown, so a bad one is dropped quietly.
    static func siteURL(_ raw: String) -> URL? {
        guard let url = URL(string: URLResolver.percentEncodeIRI(raw.trimmed)),
            let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host?.isEmpty == false
        else { return nil }
        return url
    }

    /// A category path with one leading `/` and no empty or padded parts
    /// (`" أخبار / وطني/"` → `/أخبار/وطني`), or `nil` when nothing is left.
    static func normalizedCategory(_ raw: some StringProtocol) -> String? {
        let parts = raw.split(separator: "/").compactMap { String($0).nilIfBlank }
        return parts.isEmpty ? nil : "/" + parts.joined(separator: "/")
    }

    private static func notOPMLMessage(root: String) -> String {
        switch root.lowercased() {
        case "rss", "feed", "rdf", "channel":
            "this is a feed (<\(root)>), not an OPML subscription list; add it with `nashra feeds add URL`"
        case "html":
            "this is an HTML page, not an OPML subscription list"
        default:
            "this is not an OPML document: the root element is <\(root)>, not <opml>"
        }
    }
}

/// Collects feeds from the SAX events of an OPML document.
private final class OPMLDocumentHandler: XMLEventHandler {
    private(set) var rootName: String?
    private(set) var isOPML = false
    private(set) var title: String?
    private(set) var feeds: [OPMLFeed] = []
    private(set) var problems: [OPMLProblem] = []

    private enum Section { case none, head, body }
    private var section = Section.none
    private var depth = 0
    private var collectingTitle = false
    /// Where each address already is in `feeds`.
    private var indexByURL: [String: Int] = [:]
    /// One frame per open `<outline>`.
    private var outlines: [Frame] = []

    private struct Frame {
        /// The folder name it opens; `nil` for a feed or a folder without a name.
        var folder: String?
        /// It, or an outline around it, is commented out.
        var commented: Bool
    }

    func didStartElement(_ name: XMLName, attributes: [XMLAttribute], parser: XMLEventParser) {
        depth += 1
        // OPML has no namespace. Names are compared ignoring case: XML is
        // case-sensitive, but `<Outline>` in a hand-edited list can mean nothing
        // else. See Fixtures/opml/partners.opml.
        let local = name.local.lowercased()
        switch depth {
        case 1:
            rootName = name.local
            isOPML = local == "opml"
        case 2:
            section = !isOPML ? .none : local == "head" ? .head : local == "body" ? .body : .none
        default:
            if section == .head, depth == 3, local == "title" {
                parser.collectText()
                collectingTitle = true
            } else if section == .body, local == "outline" {
                outline(attributes, line: parser.line)
            }
        }
    }

    func didEndElement(_ name: XMLName, parser: XMLEventParser) {
        defer { depth -= 1 }
        if collectingTitle, depth == 3 {
            title = parser.takeText().nilIfBlank
            collectingTitle = false
        } else if section == .body, depth >= 3, name.local.lowercased() == "outline", !outlines.isEmpty {
            outlines.removeLast()
        } else if depth == 2 {
            section = .none
        }
    }

    private func outline(_ attributes: [XMLAttribute], line: Int) {
        var values: [String: String] = [:]
        // Attribute names ignoring case: the 1.0 era had no schema, and `xmlURL`
        // or `xmlurl` can mean nothing else. See Fixtures/opml/partners.opml.
        for attribute in attributes where attribute.name.namespace == nil {
            let key = attribute.name.local.lowercased()
            if values[key] == nil { values[key] = attribute.value }
        }
        let text = values["text"]?.nilIfBlank
        let titleAttribute = values["title"]?.nilIfBlank
        let feedAddress = values["xmlurl"]?.nilIfBlank
        let label = titleAttribute ?? text

        // OPML 2.0: "isComment … If it's true, the outline is commented", and so is everything inside it.
        let enclosingComment = outlines.last?.commented ?? false
        let commented = enclosingComment || values["iscomment"]?.trimmed.lowercased() == "true"
        outlines.append(Frame(folder: feedAddress == nil ? text ?? titleAttribute : nil, commented: commented))
        if commented {
            if !enclosingComment {
                problems.append(
                    OPMLProblem(
                        line: line, outline: label ?? feedAddress,
                        reason: "commented out (isComment=\"true\"); it and the outlines inside it were skipped"))
            }
            return
        }
        guard let feedAddress else { return }
        guard let url = OPMLReader.feedURL(feedAddress) else {
            problems.append(
                OPMLProblem(
                    line: line, outline: label ?? feedAddress,
                    reason: "xmlUrl \"\(feedAddress)\" is not an absolute http, https or file URL; skipped"))
            return
        }
        // Exporters put the address in `text` when the feed had no name.
        let title = label.flatMap { $0 == feedAddress || $0 == url.absoluteString ? nil : $0 }
        let htmlURL = values["htmlurl"].flatMap(OPMLReader.siteURL)

        var categories: [String] = []
        let folders = outlines.dropLast().compactMap(\.folder)
        if let path = OPMLReader.normalizedCategory(folders.joined(separator: "/")) { categories.append(path) }
        for raw in values["category"]?.split(separator: ",") ?? [] {
            if let path = OPMLReader.normalizedCategory(raw), !categories.contains(path) { categories.append(path) }
        }

        let key = url.absoluteString
        if let index = indexByURL[key] {
            // The same feed in another folder: readers that allow that export one outline per folder.
            feeds[index].title = feeds[index].title ?? title
            feeds[index].htmlURL = feeds[index].htmlURL ?? htmlURL
            for path in categories where !feeds[index].categories.contains(path) { feeds[index].categories.append(path) }
        } else {
            indexByURL[key] = feeds.count
            feeds.append(OPMLFeed(xmlURL: url, title: title, htmlURL: htmlURL, categories: categories))
        }
    }
}

public import Foundation
public import NashraModel
private import NashraXML

/// Writes subscription lists as OPML 2.0 (http://opml.org/spec2.opml) for
/// `feeds export`.
///
/// Each feed is filed under the folders of its first category path
/// (`/أخبار/وطني` → `<outline text="أخبار"><outline text="وطني">…`), and every
/// category is also kept in its `category` attribute, so readers that ignore
/// folders, and Nashra itself, get them all back. Feeds and folders come out in
/// the order given (a folder where its first feed is), so the same list always
/// gives the same bytes.
public enum OPMLWriter {
    /// The OPML document for `feeds`.
    /// - Parameters:
    ///   - title: the list's `<head><title>`.
    ///   - dateCreated: written as RFC 822 in UTC; `nil` leaves it out (golden files stay stable).
    /// - Throws: `XMLWriterError` when libxml2 cannot write.
    public static func write(_ feeds: [OPMLFeed], title: String, dateCreated: Date? = nil) throws -> Data {
        var output = Data()
        let xml = try XMLWriter { output.append($0) }
        try xml.startDocument()
        try xml.startElement("opml")
        try xml.attribute("version", "2.0")
        try xml.startElement("head")
        try xml.element("title", title)
        try xml.element("dateCreated", dateCreated.map { Timestamp(date: $0).rfc822 })
        try xml.element("docs", "http://opml.org/spec2.opml")
        try xml.endElement()
        try xml.startElement("body")
        try write(Folder(feeds), to: xml)
        try xml.endElement()
        try xml.endElement()
        try xml.endDocument()
        return output
    }

    private static func write(_ folder: Folder, to xml: XMLWriter) throws {
        for child in folder.children {
            switch child {
            case .feed(let feed):
                let address = feed.xmlURL.absoluteString
                // `text` is required (OPML 2.0 "Attributes of <outline>"); the address stands in for a missing name.
                try xml.emptyElement(
                    "outline",
                    attributes: [
                        "type": "rss", "text": feed.title ?? address, "title": feed.title, "xmlUrl": address,
                        "htmlUrl": feed.htmlURL?.absoluteString, "category": categoryAttribute(feed.categories),
                    ])
            case .folder(let index):
                let sub = folder.folders[index]
                try xml.startElement("outline")
                try xml.attribute("text", sub.name)
                try write(sub, to: xml)
                try xml.endElement()
            }
        }
    }

    /// OPML 2.0's `category`: "a string of comma-separated slash-delimited category strings".
    private static func categoryAttribute(_ categories: [String]) -> String? {
        let paths = categories.compactMap(normalized)
        return paths.isEmpty ? nil : paths.joined(separator: ",")
    }

    /// The non-empty parts of a category path.
    private static func parts(_ category: String) -> [String] {
        category.split(separator: "/").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// `/a/b` with one leading slash and no empty parts, or `nil`.
    private static func normalized(_ category: String) -> String? {
        let parts = parts(category)
        return parts.isEmpty ? nil : "/" + parts.joined(separator: "/")
    }
}

// MARK: - Private

extension OPMLWriter {
    /// The folder tree, built in the order the feeds come.
    private struct Folder {
        enum Child {
            case feed(OPMLFeed)
            case folder(Int)
        }

        var name = ""
        var children: [Child] = []
        var folders: [Folder] = []
        var folderIndex: [String: Int] = [:]

        init(name: String = "") { self.name = name }

        init(_ feeds: [OPMLFeed]) {
            for feed in feeds { insert(feed, at: OPMLWriter.parts(feed.categories.first ?? "")[...]) }
        }

        mutating func insert(_ feed: OPMLFeed, at path: ArraySlice<String>) {
            guard let head = path.first else {
                children.append(.feed(feed))
                return
            }
            let index: Int
            if let existing = folderIndex[head] {
                index = existing
            } else {
                index = folders.count
                folderIndex[head] = index
                folders.append(Folder(name: head))
                children.append(.folder(index))
            }
            folders[index].insert(feed, at: path.dropFirst())
        }
    }
}

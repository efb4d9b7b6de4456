import Foundation
import NashraXML

/// Looks at the first bytes of a document to decide how to read it.
enum DocumentSniffer {
    /// Index of the first byte that is not a BOM or white space.
    static func firstSignificantByte(_ bytes: [UInt8]) -> Int? {
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            case 0x00, 0xFE, 0xFF: return bytes.contains(UInt8(ascii: "<")) ? i : nil  // UTF-16/32: let the XML path decide
            default: return i
            }
        }
        return nil
    }

    /// `<!DOCTYPE html` or `<html` (any case) where the document starts.
    static func looksLikeHTML(_ bytes: [UInt8], from start: Int) -> Bool {
        let head = String(decoding: bytes[start..<min(bytes.count, start + 512)], as: UTF8.self).lowercased()
        if head.hasPrefix("<!doctype html") || head.hasPrefix("<html") { return true }
        // A declaration, comments, then <html>.
        if head.hasPrefix("<?xml") || head.hasPrefix("<!--") {
            return head.contains("<html") && !head.contains("<rss") && !head.contains("<feed") && !head.contains("<rdf:rdf")
        }
        return false
    }

    /// The Netscape RSS 0.91 DOCTYPE, which tells `rss091n` from `rss091u`.
    static func hasNetscapeDoctype(_ prefix: [UInt8]) -> Bool {
        let needle = Array("-//Netscape Communications//DTD RSS 0.91".utf8)
        let head = prefix.prefix(4096)
        guard head.count >= needle.count else { return false }
        return (0...(head.count - needle.count)).contains { head[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// Whether the document can go to libxml2 as UTF-8 as it streams in: a
    /// UTF-8 BOM, or no other encoding declared (by HTTP or the XML
    /// declaration) and the first bytes valid UTF-8.
    static func canStreamAsUTF8(_ prefix: [UInt8], contentType: String?) -> Bool {
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { return isValidUTF8Prefix(prefix.dropFirst(3)) }
        // The same label readers as EncodingDetector, so the two paths never disagree on a label.
        let labels = [contentType.flatMap(EncodingDetector.charsetParameter), XMLDeclaration.encoding(in: prefix)?.value]
        for label in labels.compactMap({ $0 }) where !EncodingLabels.isUTF8Family(EncodingLabels.canonicalName(label)) {
            return false
        }
        return isValidUTF8Prefix(prefix[...])
    }

    static func droppingUTF8BOM(_ bytes: [UInt8]) -> [UInt8] {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    }

    /// Valid UTF-8, allowing a sequence cut off at the very end (the rest is in the next chunk).
    static func isValidUTF8Prefix(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { isValidUTF8Prefix($0) }
    }

    private static func isValidUTF8Prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let end = bytes.count
        var i = 0
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            // Two-byte sequences (Arabic, accented Latin) are most of the rest.
            if b >= 0xC2, b <= 0xDF, i + 1 < end {
                guard bytes[i + 1] & 0xC0 == 0x80 else { return false }
                i += 2
                continue
            }
            let length: Int
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return false
            }
            if i + length > end {
                // Cut off at the end of the sniffed prefix: fine only if what is there is continuation bytes.
                return bytes[(i + 1)...].allSatisfy { $0 & 0xC0 == 0x80 }
            }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return false }
            let second = bytes[i + 1]
            if b == 0xE0 && second < 0xA0 || b == 0xED && second > 0x9F || b == 0xF0 && second < 0x90 || b == 0xF4 && second > 0x8F {
                return false
            }
            i += length
        }
        return true
    }

    /// The feed an HTML page advertises with `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`.
    static func alternateFeedURL(inHTML bytes: [UInt8], documentURL: URL?) -> String? {
        var found: String?
        HTMLEventParser.parse(bytes) { event in
            guard found == nil, case .start(let name, let attributes) = event, name == "link" else { return }
            var rel = "", type = "", href: String?
            for attribute in attributes {
                switch attribute.name {
                case "rel": rel = attribute.value.lowercased()
                case "type": type = attribute.value.lowercased()
                case "href": href = attribute.value
                default: break
                }
            }
            let feedTypes = ["application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml"]
            if rel.split(separator: " ").contains("alternate"), feedTypes.contains(type), let href {
                found = URLResolver.resolve(href, against: documentURL)
            }
        }
        return found
    }
}

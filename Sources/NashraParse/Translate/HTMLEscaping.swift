import Foundation

/// Escaping for text placed into HTML.
enum HTMLEscaping {
    /// `&`, `<`, `>` escaped, so plain text can be shown as HTML.
    static func escapeText(_ s: String) -> String { escape(s, quotes: false) }

    /// Text escaping plus `"`, for attribute values.
    static func escapeAttribute(_ s: String) -> String { escape(s, quotes: true) }

    private static func escape(_ s: String, quotes: Bool) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || (quotes && $0 == 0x22) }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Undoes one level of escaping (`&lt;p&gt;` → `<p>`), for feeds that escaped their HTML twice.
    static func unescapeOnce(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Whether text that holds no tag still looks like escaped markup (`&lt;p&gt;`).
    static func looksDoubleEscaped(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard !bytes.contains(UInt8(ascii: "<")) else { return false }
        let needle = Array("&lt;".utf8)
        var i = 0
        while i + needle.count < bytes.count {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) {
                let next = bytes[i + needle.count]
                return next == UInt8(ascii: "/") || (next >= 0x41 && next <= 0x5A) || (next >= 0x61 && next <= 0x7A)
            }
            i += 1
        }
        return false
    }
}

import Foundation

/// Turns raw text constructs into INTERFACE.md's `title` (plain text) and
/// `summary`/`content` (safe HTML).
enum TextCleaning {
    /// Plain text a person reads. RSS and Atom `html` titles may carry
    /// (escaped) markup; Atom `text` is literal. Whitespace is collapsed.
    static func plain(_ raw: RawText) -> String {
        let value = MojibakeRepair.repair(raw.value) ?? raw.value
        switch raw.type {
        case "text":  // Atom's literal text; RSS titles come as "rss" (HTML in practice)
            return collapseWhitespace(value)
        default:
            var html = value
            if HTMLEscaping.looksDoubleEscaped(html) { html = HTMLEscaping.unescapeOnce(html) }
            return HTMLText.plainText(html)
        }
    }

    /// Safe HTML for `summary` and `content[].value`.
    static func safeHTML(_ raw: RawText) -> String {
        var value = MojibakeRepair.repair(raw.value) ?? raw.value
        if raw.mode == "base64", let data = Data(base64Encoded: value.trimmed, options: .ignoreUnknownCharacters) {
            value = String(decoding: data, as: UTF8.self)
        }
        switch raw.type {
        case "text", "text/plain":
            return HTMLEscaping.escapeText(value.trimmed)
        default:
            // Double-escaped HTML stays escaped: the feed said to show those tags as text
            // (feedparser agrees). See Fixtures/parse/rss/item_description_double_escaped_html.xml.
            return HTMLSanitizer.sanitize(value.trimmed, baseURL: raw.base)
        }
    }

    /// Runs of XML white space (space, tab, CR, LF) become one space, trimmed.
    /// U+00A0 is kept: French typography and `&nbsp;` mean it.
    static func collapseWhitespace(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}


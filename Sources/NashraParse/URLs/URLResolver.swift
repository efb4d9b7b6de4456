import Foundation

/// Resolves the relative links feeds are full of against the `xml:base`
/// chain and the document URL (RFC 3986 section 5), keeping IRIs with Arabic
/// characters valid by percent-encoding them as UTF-8.
enum URLResolver {
    /// `href` resolved against `base`; returned trimmed and unchanged when it cannot be resolved.
    static func resolve(_ href: String, against base: URL?) -> String {
        let trimmed = href.trimmed
        guard !trimmed.isEmpty else { return trimmed }
        let encoded = percentEncodeIRI(trimmed)
        // Most links are plain absolute http(s) URLs that Foundation would return unchanged.
        var utf8 = encoded
        if encoded.hasPrefix("https://") || encoded.hasPrefix("http://"), utf8.withUTF8({ SafeURL.isPlainAbsoluteHTTP($0) }) {
            return encoded
        }
        if let absolute = URL(string: encoded), absolute.scheme != nil {
            return absolute.absoluteString
        }
        guard let base, let resolved = URL(string: encoded, relativeTo: base) else { return encoded }
        return resolved.absoluteString
    }

    /// The base URL an `xml:base` value establishes, given the enclosing base.
    static func baseURL(_ value: String, relativeTo parent: URL?) -> URL? {
        let resolved = resolve(value, against: parent)
        return URL(string: resolved) ?? parent
    }

    /// Percent-encodes what may not appear raw in a URI (non-ASCII, spaces,
    /// quotes, angle brackets), leaving existing escapes and reserved characters alone.
    static func percentEncodeIRI(_ s: String) -> String {
        var needs = false
        for b in s.utf8 where b >= 0x80 || b <= 0x20 || b == 0x22 || b == 0x3C || b == 0x3E || b == 0x5C || b == 0x5E || b == 0x60
            || b == 0x7B || b == 0x7C || b == 0x7D
        {
            needs = true
            break
        }
        guard needs else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count * 2)
        let hex = Array("0123456789ABCDEF")
        for b in s.utf8 {
            if b >= 0x80 || b <= 0x20 || b == 0x22 || b == 0x3C || b == 0x3E || b == 0x5C || b == 0x5E || b == 0x60 || b == 0x7B
                || b == 0x7C || b == 0x7D
            {
                out.append("%")
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            } else {
                out.unicodeScalars.append(Unicode.Scalar(b))
            }
        }
        return out
    }
}

import Foundation

/// The canonical form of an article link, so that the churn partners cause
/// (`http`↔`https`, `www.`, tracking parameters, a trailing slash, a fragment)
/// does not make the same entry look new.
public enum CanonicalLink {
    /// Query parameters that only track the reader.
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "ref_src", "cmpid", "ocid",
    ]

    /// `https://host/path?kept=1` with the host lowercased and without `www.`;
    /// `nil` when `link` is not an absolute http(s) URL.
    public static func of(_ link: String) -> String? {
        if let fast = plainHTTP(link) { return fast }
        guard var components = URLComponents(string: link.trimmingCharacters(in: .whitespacesAndNewlines)),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            var host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        components.scheme = "https"
        components.host = host
        components.fragment = nil
        if (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443) { components.port = nil }
        var path = components.percentEncodedPath
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        if path == "/" { path = "" }
        components.percentEncodedPath = path
        let kept = (components.queryItems ?? []).filter {
            let name = $0.name.lowercased()
            return !name.hasPrefix("utm_") && !trackingParameters.contains(name)
        }
        components.queryItems = kept.isEmpty ? nil : kept
        return components.string
    }
}

extension CanonicalLink {
    /// The same canonical form for the common case, without Foundation's URL
    /// parser (it ran for every partner entry): a plain ASCII `http(s)://host/path`
    /// with no port, user, query or fragment. Anything else returns `nil`.
    static func plainHTTP(_ link: String) -> String? {
        let bytes = Array(link.utf8)
        let prefix: Int
        if bytes.starts(with: Array("https://".utf8)) {
            prefix = 8
        } else if bytes.starts(with: Array("http://".utf8)) {
            prefix = 7
        } else {
            return nil
        }
        // Visible ASCII only, and none of the characters that need URLComponents' rules.
        for b in bytes[prefix...] where b <= 0x20 || b >= 0x7F || b == UInt8(ascii: "?") || b == UInt8(ascii: "#")
            || b == UInt8(ascii: "@") || b == UInt8(ascii: ":") || b == UInt8(ascii: "\\") || b == UInt8(ascii: "%")
        {
            return nil
        }
        let rest = bytes[prefix...]
        let slash = rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
        var host = String(decoding: rest[rest.startIndex..<slash], as: UTF8.self).lowercased()
        guard !host.isEmpty else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        var path = String(decoding: rest[slash...], as: UTF8.self)
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        if path == "/" { path = "" }
        return "https://" + host + path
    }
}

/// A short, stable fingerprint of text (FNV-1a, 64 bits, hexadecimal).
public enum ContentHash {
    public static func of(_ text: String) -> String {
        of(bytes: text.utf8)
    }

    /// The fingerprint of raw bytes (a rendered feed).
    public static func of(bytes: some Sequence<UInt8>) -> String {
        var hash = SimHash.fnvOffset
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= SimHash.fnvPrime
        }
        return String(hash, radix: 16)
    }
}

/// SimHash (Charikar) over word shingles of normalized text: stories told in
/// nearly the same words get hashes a few bits apart, whatever partner ran them.
public enum SimHash {
    /// Fewer words than this say too little to call two stories the same.
    public static let minimumWords = 8

    /// The 64-bit SimHash of `text`, or `nil` when it has too few words.
    public static func of(_ text: String) -> UInt64? {
        of(wordHashes: wordHashes(text))
    }

    /// The SimHash of words already split and normalized by the caller (UTF-8 bytes each),
    /// or `nil` when there are too few. Comparable only with hashes made the same way.
    public static func of(words: [[UInt8]]) -> UInt64? {
        of(
            wordHashes: words.map { word in
                var hash = fnvOffset
                for byte in word {
                    hash ^= UInt64(byte)
                    hash &*= fnvPrime
                }
                return mix(hash)
            })
    }

    static func of(wordHashes words: [UInt64]) -> UInt64? {
        guard words.count >= minimumWords else { return nil }
        var weights = [Int](repeating: 0, count: 64)
        // Word pairs keep some order, so two texts with the same words shuffled differ.
        for i in 0..<(words.count - 1) {
            let feature = mix(words[i] &* 31 &+ words[i + 1])
            for bit in 0..<64 { weights[bit] += (feature >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where weights[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    /// The hashes of the normalized words of `text`: lowercased, Arabic
    /// diacritics and tatweel removed, alef/ya/ta-marbuta variants folded, so
    /// spelling noise does not count. Words are hashed as they are read; no
    /// string is built per word (this runs on every partner entry).
    static func wordHashes(_ text: String) -> [UInt64] {
        var hashes: [UInt64] = []
        var hash: UInt64 = fnvOffset
        var inWord = false
        func add(_ value: UInt32) {
            // FNV-1a over the scalar's value, byte by byte.
            var v = value
            repeat {
                hash ^= UInt64(v & 0xFF)
                hash &*= fnvPrime
                v >>= 8
            } while v != 0
            inWord = true
        }
        func flush() {
            if inWord { hashes.append(mix(hash)) }
            hash = fnvOffset
            inWord = false
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x41...0x5A: add(v + 0x20)  // ASCII upper → lower
            case 0x61...0x7A, 0x30...0x39: add(v)
            case 0..<0x80: flush()
            case 0x064B...0x065F, 0x0670, 0x0640: continue  // tashkeel, superscript alef, tatweel
            case 0x0622, 0x0623, 0x0625, 0x0671: add(0x0627)  // آ أ إ ٱ → ا
            case 0x0649: add(0x064A)  // ى → ي
            case 0x0629: add(0x0647)  // ة → ه
            case 0x0621...0x064A, 0x0660...0x0669: add(v)
            default:
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    for lower in scalar.properties.lowercaseMapping.unicodeScalars { add(lower.value) }
                } else {
                    flush()
                }
            }
        }
        flush()
        return hashes
    }

    static let fnvOffset: UInt64 = 0xCBF2_9CE4_8422_2325
    static let fnvPrime: UInt64 = 0x100_0000_01B3

    /// The splitmix finalizer: FNV alone leaves the high bits weak for short words.
    static func mix(_ value: UInt64) -> UInt64 {
        var hash = value
        hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 31)
    }
}

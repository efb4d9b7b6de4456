import NashraXML

/// A feed's bytes, decoded: which encoding they were in and the document as
/// UTF-8, ready for libxml2.
public struct DetectedEncoding: Sendable {
    /// Lowercase canonical name of the encoding the bytes were decoded from:
    /// `utf-8`, `us-ascii`, `utf-16le`, `utf-16be`, `utf-32le`, `utf-32be`,
    /// `windows-1252`, `windows-1256`, `iso-8859-6`, `iso-8859-1`,
    /// `shift_jis`, `euc-jp`, `iso-2022-jp`, `gbk`, `gb18030`, `big5`,
    /// `euc-kr`, or another lowercased label that libxml2/iconv decoded.
    public var name: String
    /// The document as UTF-8: no byte order mark, and the XML declaration's
    /// `encoding="…"` rewritten to `utf-8` so that libxml2 does not decode a
    /// second time.
    public var utf8: [UInt8]
    /// The whole document was double-encoded UTF-8 and has been repaired
    /// (see ``MojibakeRepair``).
    public var repairedMojibake: Bool
    /// What the detector had to decide, for logs and `bozoMessage`s, e.g.
    /// "declared utf-8 (XML declaration) but the bytes are not UTF-8; decoded
    /// as windows-1256".
    public var notes: [String]
    /// Bytes that were not valid in the chosen encoding and became U+FFFD
    /// (the document was not well-formed: XML requires a correct encoding).
    public var replacedInvalidBytes = 0
    /// The bytes were not valid in the encoding the document declared (or, with
    /// no declaration, in UTF-8, XML's default), so another one was chosen.
    public var contradictedDeclaration = false

    /// Creates a value; normally made by ``EncodingDetector/decode(_:httpContentType:)``.
    public init(name: String, utf8: [UInt8], repairedMojibake: Bool = false, notes: [String] = []) {
        self.name = name
        self.utf8 = utf8
        self.repairedMojibake = repairedMojibake
        self.notes = notes
    }
}

/// Decides the character encoding of feed bytes before libxml2 sees them and
/// converts them to UTF-8, the way RFC 7303 and Python feedparser do, with
/// the repairs that Arabic feeds need.
///
/// libxml2 alone trusts the XML declaration, so an undeclared or mislabelled
/// windows-1256 feed becomes silent mojibake. The order here:
///
/// 1. A byte order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE) wins.
/// 2. UTF-16/32 without a BOM is recognised from the byte pattern of the first
///    characters (`<\0?\0`, the XML 1.0 appendix F table).
/// 3. The HTTP `charset` parameter (RFC 7303 §3: authoritative), else the XML
///    declaration's `encoding`. A `text/xml` without charset is not taken to
///    mean US-ASCII (RFC 3023 did; RFC 7303 dropped it; feedparser still does).
/// 4. The bytes can overrule a label: bytes that are UTF-8 (and not ASCII)
///    are UTF-8 whatever was declared; bytes declared UTF-8 (or undeclared)
///    that are not UTF-8 are sniffed as windows-1256, ISO-8859-6 or
///    windows-1252; windows-1252/Latin-1 labels on unmistakably Arabic bytes
///    become windows-1256. Each override leaves a note.
/// 5. Whole-document double-encoded UTF-8 is repaired.
public enum EncodingDetector {
    /// Detects the encoding of `bytes` and returns the document as UTF-8.
    ///
    /// Never fails: undecodable bytes become U+FFFD.
    ///
    /// - Parameters:
    ///   - bytes: the feed as fetched.
    ///   - httpContentType: the HTTP `Content-Type` header, if any.
    /// - Returns: the encoding's name, the UTF-8 document and notes.
    public static func decode(_ bytes: [UInt8], httpContentType: String? = nil) -> DetectedEncoding {
        var notes: [String] = []
        let http = httpContentType.flatMap(charsetParameter).map(EncodingLabels.canonicalName)

        // 1. Byte order mark.
        if let bom = byteOrderMark(bytes) {
            if let http, http != bom.name, !(bom.name.hasPrefix(http) && EncodingLabels.isWideUnicode(http)) {
                notes.append("byte order mark (\(bom.name)) overrides HTTP charset \(http)")
            }
            if bom.name == "utf-8" {
                let declared = Declared(name: "utf-8", source: "byte order mark")
                return decode8Bit(bytes, from: bom.length, declared: declared, notes: notes)
            }
            return finish(bom.name, decodeWide(bytes, from: bom.length, bom.name), fromUnicode: true, notes)
        }

        // 2. UTF-16/32 without a byte order mark.
        if let wide = wideUnicodeWithoutBOM(bytes) {
            notes.append("no byte order mark; \(wide) recognised from the first characters")
            return finish(wide, decodeWide(bytes, from: 0, wide), fromUnicode: true, notes)
        }

        // 3. Labels: HTTP charset, then the XML declaration.
        var labels: [Declared] = []
        if let http { labels.append(Declared(name: http, source: "HTTP charset")) }
        if let value = XMLDeclaration.encoding(in: bytes)?.value {
            labels.append(Declared(name: EncodingLabels.canonicalName(value), source: "XML declaration"))
        }
        var declared: Declared?
        for label in labels {
            if EncodingLabels.isWideUnicode(label.name) {
                // Seen in the wild: "UTF-16" declared on 8-bit files.
                notes.append(
                    "declared \(label.name) (\(label.source)) but there is no byte order mark "
                        + "and the bytes are not UTF-16/32; ignored"
                )
                continue
            }
            if let chosen = declared {
                if chosen.name != label.name {
                    notes.append("\(chosen.source) \(chosen.name) overrides \(label.source) \(label.name)")
                }
            } else {
                declared = label
            }
        }
        return decode8Bit(bytes, from: 0, declared: declared, notes: notes)
    }

    /// The `charset` parameter of a `Content-Type` header value
    /// (`text/xml; charset="windows-1256"` → `windows-1256`).
    ///
    /// - Parameter contentType: the header value.
    /// - Returns: the parameter's value without quotes, or `nil`.
    static func charsetParameter(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            guard let equals = parameter.firstIndex(of: "=") else { continue }
            let key = trimmingSpaces(parameter[..<equals]).lowercased()
            guard key == "charset" else { continue }
            var value = trimmingSpaces(parameter[parameter.index(after: equals)...])
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty ? nil : value
        }
        return nil
    }
}

// MARK: - Decoding

extension EncodingDetector {
    /// An encoding label and where it came from, for notes.
    private struct Declared {
        var name: String
        var source: String
    }

    /// Decodes an ASCII-compatible (8-bit) document from `start`.
    private static func decode8Bit(
        _ bytes: [UInt8],
        from start: Int,
        declared: Declared?,
        notes: [String]
    ) -> DetectedEncoding {
        var notes = notes
        let scan = UTF8Bytes.scan(bytes, from: start)
        func body() -> [UInt8] { start == 0 ? bytes : Array(bytes[start...]) }
        func described(_ label: Declared) -> String { "declared \(label.name) (\(label.source))" }

        guard let declared, !EncodingLabels.isUTF8Family(declared.name) else {
            // UTF-8 is expected: declared, BOM, or XML's default.
            if scan.isValid {
                if let declared, declared.name == "us-ascii" {
                    if scan.isASCII { return finish("us-ascii", body(), fromUnicode: false, notes) }
                    notes.append("\(described(declared)) but the bytes are UTF-8; decoded as utf-8")
                }
                return finish("utf-8", body(), fromUnicode: !scan.isASCII, notes)
            }
            if scan.multibyte > scan.invalid * 4 {
                // A UTF-8 feed with a few stray bytes (a pasted windows-1252
                // quote): keep UTF-8 and lose only those bytes.
                notes.append("\(scan.invalid) invalid UTF-8 byte(s) replaced with U+FFFD")
                var result = finish("utf-8", UTF8Bytes.replacingInvalid(bytes, from: start), fromUnicode: true, notes)
                result.replacedInvalidBytes = scan.invalid
                return result
            }
            let table = SingleByteEvidence(bytes, from: start).bestTable
            if let declared {
                notes.append("\(described(declared)) but the bytes are not UTF-8; decoded as \(table.name)")
            } else {
                notes.append("no encoding declared and the bytes are not UTF-8; decoded as \(table.name)")
            }
            var result = finish(table.name, table.decode(bytes, from: start), fromUnicode: false, notes)
            result.contradictedDeclaration = true
            return result
        }

        // Some other encoding was declared.
        if scan.isASCII {
            if EncodingLabels.isASCIICompatible(declared.name) && isDecodable(declared.name) {
                return finish(declared.name, body(), fromUnicode: false, notes)
            }
            // 7-bit encodings that still need converting (ISO-2022-JP, UTF-7)
            // fall through to the transcoder.
        } else if scan.isValid || (scan.multibyte >= 8 && scan.invalid * 50 <= scan.multibyte) {
            // Text in a single- or double-byte encoding is practically never
            // well-formed UTF-8 by accident; a mislabelled UTF-8 feed is common.
            notes.append("\(described(declared)) but the bytes are UTF-8; decoded as utf-8")
            if scan.isValid { return finish("utf-8", body(), fromUnicode: true, notes) }
            notes.append("\(scan.invalid) invalid UTF-8 byte(s) replaced with U+FFFD")
            var result = finish("utf-8", UTF8Bytes.replacingInvalid(bytes, from: start), fromUnicode: true, notes)
            result.replacedInvalidBytes = scan.invalid
            return result
        }

        if let table = SingleByteTable.named(declared.name) {
            return decodeSingleByte(bytes, from: start, table, declared, notes)
        }

        let input = body()
        for candidate in EncodingLabels.transcoderNames(for: declared.name) {
            if let utf8 = Transcoder.utf8(from: input, encoding: candidate) {
                return finish(declared.name, utf8, fromUnicode: false, notes)
            }
        }
        notes.append("\(described(declared)) is not an encoding this system can decode; ignored")
        return decode8Bit(bytes, from: start, declared: nil, notes: notes)
    }

    /// Whether a canonical name is one this detector or libxml2 can decode,
    /// so that a made-up label on an ASCII document is not reported as its
    /// encoding.
    private static func isDecodable(_ name: String) -> Bool {
        SingleByteTable.named(name) != nil
            || EncodingLabels.transcoderNames(for: name).contains(where: Transcoder.supports)
    }

    /// A declared single-byte encoding, checked against the bytes.
    private static func decodeSingleByte(
        _ bytes: [UInt8],
        from start: Int,
        _ table: SingleByteTable,
        _ declared: Declared,
        _ notes: [String]
    ) -> DetectedEncoding {
        var notes = notes
        let label = "declared \(declared.name) (\(declared.source))"
        switch table.name {
        case "windows-1252", "iso-8859-1":
            let evidence = SingleByteEvidence(bytes, from: start)
            if evidence.arabicIsDecisive {
                // Arabic CMSs that send Latin-1 headers: the bytes are whole
                // words of Arabic letters, which Latin text never is.
                let arabic = evidence.bestTable
                notes.append("\(label) but the bytes are Arabic text; decoded as \(arabic.name)")
                return finish(arabic.name, arabic.decode(bytes, from: start), fromUnicode: false, notes)
            }
            if table.name == "iso-8859-1" && bytes[start...].contains(where: { $0 >= 0x80 && $0 < 0xA0 }) {
                // WHATWG: the iso-8859-1 label means windows-1252; 0x80–0x9F
                // are curly quotes and dashes, never C1 controls.
                notes.append("\(label) but bytes 0x80–0x9F occur; decoded as windows-1252")
                let windows = SingleByteTable.windows1252
                return finish(windows.name, windows.decode(bytes, from: start), fromUnicode: false, notes)
            }
        case "iso-8859-6":
            let evidence = SingleByteEvidence(bytes, from: start)
            if evidence.unassignedInISO88596 > 0 && evidence.arabicWindows1256 > 0 {
                notes.append(
                    "\(label) but the bytes use positions iso-8859-6 leaves unassigned; decoded as windows-1256"
                )
                let windows = SingleByteTable.windows1256
                return finish(windows.name, windows.decode(bytes, from: start), fromUnicode: false, notes)
            }
        default:
            break
        }
        return finish(table.name, table.decode(bytes, from: start), fromUnicode: false, notes)
    }

    /// Last steps for every path: repair double encoding (only text that was
    /// Unicode to begin with can be double-encoded UTF-8), then point the XML
    /// declaration at UTF-8.
    private static func finish(
        _ name: String,
        _ utf8: consuming [UInt8],
        fromUnicode: Bool,
        _ notes: [String]
    ) -> DetectedEncoding {
        var notes = notes
        var repaired = false
        if fromUnicode, let fixed = MojibakeRepair.repair(utf8: utf8) {
            utf8 = fixed
            repaired = true
            notes.append("repaired double-encoded UTF-8 (UTF-8 that had been read as windows-1252/1256)")
        }
        XMLDeclaration.rewriteEncodingAsUTF8(&utf8)
        return DetectedEncoding(name: name, utf8: utf8, repairedMojibake: repaired, notes: notes)
    }

    /// Byte order marks; UTF-32LE's `FF FE 00 00` is checked before UTF-16LE's
    /// `FF FE`.
    private static func byteOrderMark(_ bytes: [UInt8]) -> (name: String, length: Int)? {
        let count = bytes.count
        if count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { return ("utf-8", 3) }
        if count >= 4 && bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == 0 && bytes[3] == 0 {
            return ("utf-32le", 4)
        }
        if count >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF {
            return ("utf-32be", 4)
        }
        if count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE { return ("utf-16le", 2) }
        if count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF { return ("utf-16be", 2) }
        return nil
    }

    /// XML 1.0 appendix F: without a BOM, the first characters (`<?xml`, or
    /// any ASCII such as `<rss` or whitespace) show the code unit width and
    /// byte order by where the zero bytes are.
    private static func wideUnicodeWithoutBOM(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 4 else { return nil }
        let (a, b, c, d) = (bytes[0], bytes[1], bytes[2], bytes[3])
        func ascii(_ byte: UInt8) -> Bool { byte != 0 && byte < 0x80 }
        if ascii(a) && b == 0 && c == 0 && d == 0 { return "utf-32le" }
        if a == 0 && b == 0 && c == 0 && ascii(d) { return "utf-32be" }
        if ascii(a) && b == 0 && ascii(c) && d == 0 { return "utf-16le" }
        if a == 0 && ascii(b) && c == 0 && ascii(d) { return "utf-16be" }
        return nil
    }

    private static func decodeWide(_ bytes: [UInt8], from start: Int, _ name: String) -> [UInt8] {
        switch name {
        case "utf-16be": return WideUnicode.decodeUTF16(bytes, from: start, bigEndian: true)
        case "utf-32le": return WideUnicode.decodeUTF32(bytes, from: start, bigEndian: false)
        case "utf-32be": return WideUnicode.decodeUTF32(bytes, from: start, bigEndian: true)
        default: return WideUnicode.decodeUTF16(bytes, from: start, bigEndian: false)
        }
    }
}

// MARK: - Sniffing single-byte text

/// Byte statistics that tell Arabic (windows-1256 or ISO-8859-6) from Latin
/// (windows-1252) text when no label can be trusted.
///
/// The signal is word shape. Arabic words are runs of high bytes between
/// spaces and punctuation; Latin words are ASCII letters with an accented
/// letter here and there. So a high byte counts for Arabic when it reads as
/// an Arabic letter and its neighbours are high bytes (not ASCII letters), and
/// for Latin when it reads as a Latin letter next to an ASCII letter ("été",
/// "Société"). Reading a table's bytes with the wrong table is penalised:
/// Latin letters inside Arabic runs (ISO-8859-6 read as windows-1256 turns
/// ه و ي into ç è ê), and Arabic vowel marks not after a letter (windows-1256
/// read as ISO-8859-6 turns ي into a kasratan). ISO-8859-6 leaves many high
/// bytes unassigned; any such byte rules it out.
struct SingleByteEvidence: Sendable {
    var arabicWindows1256 = 0
    var arabicISO88596 = 0
    var latin = 0
    var unassignedInISO88596 = 0

    /// Enough to decide; a 100 MB feed is not sniffed to the end.
    static let sampleLimit = 65_536

    init(_ bytes: [UInt8], from start: Int) {
        let count = bytes.count
        var index = start
        var sampled = 0
        while index < count && sampled < Self.sampleLimit {
            let byte = bytes[index]
            if byte < 0x80 {
                index &+= 1
                continue
            }
            let previous = index > start ? bytes[index &- 1] : 0x20
            let next = index &+ 1 < count ? bytes[index &+ 1] : 0x20
            let nearASCIILetter = Self.isASCIILetter(previous) || Self.isASCIILetter(next)
            let nearHighByte = previous >= 0x80 || next >= 0x80
            sampled &+= 1
            let slot = Int(byte) &- 0x80
            let previousSlot = previous >= 0x80 ? Int(previous) &- 0x80 : -1

            arabicWindows1256 &+= Self.arabicScore(
                Self.classes1256, slot, previousSlot, nearASCIILetter, nearHighByte)
            let isoClass = Self.classesISO88596[slot]
            if isoClass == .unassigned {
                unassignedInISO88596 &+= 1
            } else {
                arabicISO88596 &+= Self.arabicScore(
                    Self.classesISO88596, slot, previousSlot, nearASCIILetter, nearHighByte)
            }
            if Self.classes1252[slot] == .latinLetter && nearASCIILetter { latin &+= 1 }
            index &+= 1
        }
    }

    /// The better Arabic reading and its score.
    var bestArabic: (table: SingleByteTable, score: Int) {
        if unassignedInISO88596 == 0 && arabicISO88596 > arabicWindows1256 {
            return (.iso8859_6, arabicISO88596)
        }
        return (.windows1256, arabicWindows1256)
    }

    /// The table to decode unlabelled (or wrongly UTF-8-labelled) bytes with:
    /// an Arabic one when there are a few Arabic-shaped words or Arabic
    /// outweighs Latin, else windows-1252 (feedparser's fallback too).
    /// Latin-script text scores zero or below for Arabic, and windows-1256
    /// keeps French small accented letters where windows-1252 has them, so a
    /// bilingual Arabic/French feed is better off as windows-1256.
    var bestTable: SingleByteTable {
        let arabic = bestArabic
        return arabic.score >= 3 || (arabic.score > 0 && arabic.score > latin) ? arabic.table : .windows1252
    }

    /// Strong enough to overrule a windows-1252/ISO-8859-1 label.
    var arabicIsDecisive: Bool {
        let score = bestArabic.score
        return score >= 8 && score > latin * 4
    }

    // MARK: Tables

    enum Class: Sendable, Equatable {
        case arabicLetter, arabicMark, latinLetter, other, unassigned
    }

    private static func arabicScore(
        _ classes: [Class],
        _ slot: Int,
        _ previousSlot: Int,
        _ nearASCIILetter: Bool,
        _ nearHighByte: Bool
    ) -> Int {
        switch classes[slot] {
        case .arabicLetter:
            if nearASCIILetter { return -1 }
            return nearHighByte ? 1 : 0
        case .arabicMark:
            guard previousSlot >= 0 else { return -1 }
            let previousClass = classes[previousSlot]
            return previousClass == .arabicLetter || previousClass == .arabicMark ? 0 : -1
        case .latinLetter:
            return nearHighByte && !nearASCIILetter ? -1 : 0
        case .other, .unassigned:
            return 0
        }
    }

    private static func classify(_ scalar: UInt32) -> Class {
        switch scalar {
        case 0:
            return .unassigned
        case 0x0621...0x064A, 0x0671...0x06D3, 0x06D5:
            // Letters (with tatweel U+0640, which sits inside words).
            return .arabicLetter
        case 0x064B...0x0652:
            return .arabicMark
        case 0xC0...0x24F where scalar != 0xD7 && scalar != 0xF7:
            return .latinLetter
        default:
            return .other
        }
    }

    private static let classes1256: [Class] = SingleByteTable.windows1256.high.map(classify)
    private static let classes1252: [Class] = SingleByteTable.windows1252.high.map(classify)
    /// ISO-8859-6's C1 controls count as unassigned: no text contains them.
    private static let classesISO88596: [Class] = SingleByteTable.iso8859_6.high.map {
        $0 < 0xA0 ? .unassigned : classify($0)
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
}

// MARK: - The XML declaration

/// Reads and rewrites the `encoding` pseudo-attribute of the XML declaration
/// (`<?xml version="1.0" encoding="windows-1256"?>`) in ASCII-compatible bytes.
enum XMLDeclaration {
    /// The declared encoding and where its value sits in `bytes`.
    ///
    /// Leading ASCII whitespace is tolerated (libxml2 rejects it, but the
    /// label still tells the encoding).
    static func encoding(in bytes: [UInt8]) -> (value: String, range: Range<Int>)? {
        let count = bytes.count
        var index = 0
        while index < count && index < 64 && isSpace(bytes[index]) { index &+= 1 }
        let opening: [UInt8] = Array("<?xml".utf8)
        guard index + 6 <= count, Array(bytes[index..<index + 5]) == opening, isSpace(bytes[index + 5]) else {
            return nil
        }
        let limit = min(count, index + 1024)
        var end = index + 5
        while end + 1 < limit && !(bytes[end] == UInt8(ascii: "?") && bytes[end + 1] == UInt8(ascii: ">")) {
            end &+= 1
        }
        let keyword: [UInt8] = Array("encoding".utf8)
        var position = index + 5
        while position + keyword.count <= end {
            if bytes[position] == keyword[0] && Array(bytes[position..<position + keyword.count]) == keyword {
                break
            }
            position &+= 1
        }
        guard position + keyword.count <= end else { return nil }
        position += keyword.count
        while position < end && isSpace(bytes[position]) { position &+= 1 }
        guard position < end, bytes[position] == UInt8(ascii: "=") else { return nil }
        position &+= 1
        while position < end && isSpace(bytes[position]) { position &+= 1 }
        guard position < end, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
            return nil
        }
        let quote = bytes[position]
        let valueStart = position + 1
        var valueEnd = valueStart
        while valueEnd < end && bytes[valueEnd] != quote {
            // Encoding names are printable ASCII.
            guard bytes[valueEnd] > 0x20 && bytes[valueEnd] < 0x7F else { return nil }
            valueEnd &+= 1
        }
        guard valueEnd < end, valueEnd > valueStart, valueEnd - valueStart <= 64 else { return nil }
        let value = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
        return (value, valueStart..<valueEnd)
    }

    /// Rewrites the declared encoding to `utf-8`. A value of five or more
    /// characters is overwritten in place and padded with spaces after the
    /// closing quote (`S?` before `?>` is allowed), so a 100 MB document is
    /// not shifted; a shorter one is replaced.
    static func rewriteEncodingAsUTF8(_ bytes: inout [UInt8]) {
        guard let (value, range) = encoding(in: bytes), value.lowercased() != "utf-8" else { return }
        let replacement: [UInt8] = Array("utf-8".utf8)
        if range.count >= replacement.count {
            let quote = bytes[range.upperBound]
            var position = range.lowerBound
            for byte in replacement {
                bytes[position] = byte
                position += 1
            }
            bytes[position] = quote
            position += 1
            while position <= range.upperBound {
                bytes[position] = UInt8(ascii: " ")
                position += 1
            }
        } else {
            bytes.replaceSubrange(range, with: replacement)
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

// MARK: - Helpers

extension EncodingDetector {
    /// `text` without leading and trailing spaces and tabs.
    private static func trimmingSpaces(_ text: Substring) -> String {
        var text = text
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}

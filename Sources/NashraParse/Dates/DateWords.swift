/// One token of a date written in words (the Arabic and French dialects).
enum DateToken: Equatable {
    /// A run of digits (ASCII, Arabic-Indic ٠–٩ or Eastern Arabic-Indic ۰–۹).
    case number(value: Int, digits: Int)
    /// A run of letters as a `DateWordKey` value (0 when too long to be a name we know).
    case word(UInt64)
    /// ASCII punctuation, with look-alikes mapped onto it (`،` → `,`, `–` → `-`); 0 for anything else.
    case symbol(UInt8)
}

/// Splits a date written in words into tokens, normalizing as it goes so that
/// the dialects compare plain keys:
/// - Latin letters are lowercased and lose their accents (`Février` → `fevrier`, `1ᵉʳ` → `1er`);
/// - Arabic hamza forms fold to bare alef (أ إ آ ٱ → ا), ى → ي, ة → ه, Persian ی ک → ي ك;
/// - tatweel, harakat and tanwin, combining accents and bidi/zero-width marks are dropped;
/// - non-breaking and other Unicode spaces separate tokens like a space.
struct DateTokens {
    private(set) var tokens: [DateToken] = []
    var index = 0

    init(_ bytes: [UInt8]) {
        var out: [DateToken] = []
        out.reserveCapacity(16)
        var word = DateWordKey()
        var number = 0
        var digitCount = 0

        func flush() {
            if !word.isEmpty {
                out.append(.word(word.value))
                word = DateWordKey()
            }
            if digitCount > 0 {
                out.append(.number(value: number, digits: digitCount))
                number = 0
                digitCount = 0
            }
        }

        var p = 0
        while p < bytes.count {
            let (scalar, length) = Self.decode(bytes, at: p)
            p += length
            switch Self.classify(scalar) {
            case .digit(let d):
                if !word.isEmpty { flush() }
                if digitCount < 10 { number = number * 10 + d }
                digitCount += 1
            case .latin(let letter):
                if digitCount > 0 { flush() }
                word.append(latin: letter)
            case .arabic(let letter):
                if digitCount > 0 { flush() }
                word.append(arabic: letter)
            case .ignorable:
                continue
            case .space:
                flush()
            case .symbol(let s):
                flush()
                out.append(.symbol(s))
            }
        }
        flush()
        tokens = out
    }

    // MARK: Reading

    var atEnd: Bool { index >= tokens.count }

    func peek(_ ahead: Int = 0) -> DateToken? {
        index + ahead < tokens.count ? tokens[index + ahead] : nil
    }

    mutating func advance() { index += 1 }

    mutating func accept(symbol: UInt8) -> Bool {
        guard peek() == .symbol(symbol) else { return false }
        index += 1
        return true
    }

    mutating func accept(word: UInt64) -> Bool {
        guard peek() == .word(word) else { return false }
        index += 1
        return true
    }

    /// Consumes a word that is in `set`.
    mutating func accept(anyOf set: Set<UInt64>) -> Bool {
        guard case .word(let key)? = peek(), set.contains(key) else { return false }
        index += 1
        return true
    }

    /// Consumes a number of `digits` digits (any count in the range).
    mutating func number(digits: ClosedRange<Int>) -> Int? {
        guard case .number(let value, let count)? = peek(), digits.contains(count) else { return nil }
        index += 1
        return value
    }

    /// True when a clock time starts here: digits then `:` (or `h` in French).
    func clockStarts(separators: Set<UInt64> = []) -> Bool {
        guard case .number(_, let count)? = peek(), count <= 2 else { return false }
        switch peek(1) {
        case .symbol(DateASCII.colon)?: return true
        case .word(let key)?: return separators.contains(key)
        default: return false
        }
    }

    /// Reads `H:MM[:SS]` (or `HhMM`, `Hh` when `h` is given) and an optional AM/PM word into `fields`.
    mutating func clock(
        into fields: inout DateFields,
        h: UInt64? = nil,
        am: Set<UInt64> = [],
        pm: Set<UInt64> = []
    ) -> Bool {
        guard let hour = number(digits: 1...2) else { return false }
        if let h, accept(word: h) {
            // French `13h`, `13h12`, `13 h 12`.
            fields.hour = hour
            fields.minute = number(digits: 2...2) ?? 0
        } else {
            guard accept(symbol: DateASCII.colon), let minute = number(digits: 2...2) else { return false }
            fields.hour = hour
            fields.minute = minute
        }
        if accept(symbol: DateASCII.colon) {
            guard let second = number(digits: 2...2) else { return false }
            fields.second = Double(second)
        }
        guard fields.minute < 60 else { return false }
        if accept(anyOf: am) {
            guard (0...12).contains(fields.hour) else { return false }
            if fields.hour == 12 { fields.hour = 0 }
        } else if accept(anyOf: pm) {
            // `13:12 pm` is redundant but not ambiguous.
            guard (1...23).contains(fields.hour) else { return false }
            if fields.hour < 12 { fields.hour += 12 }
        }
        return true
    }

    /// Reads `+01:00`, `+0100`, `+1`, `-05`: seconds east of UTC. Consumes nothing when it returns `nil`.
    mutating func signedOffset() -> Int? {
        let start = index
        guard let offset = readSignedOffset() else {
            index = start
            return nil
        }
        return offset
    }

    private mutating func readSignedOffset() -> Int? {
        let negative: Bool
        if accept(symbol: DateASCII.plus) {
            negative = false
        } else if accept(symbol: DateASCII.minus) {
            negative = true
        } else {
            return nil
        }
        guard case .number(let value, let count)? = peek() else { return nil }
        advance()
        var hours = value
        var minutes = 0
        switch count {
        case 1, 2:
            if accept(symbol: DateASCII.colon) {
                guard let m = number(digits: 2...2) else { return nil }
                minutes = m
            }
        case 4:
            hours = value / 100
            minutes = value % 100
        default:
            return nil
        }
        guard hours < 24, minutes < 60 else { return nil }
        return (hours * 3600 + minutes * 60) * (negative ? -1 : 1)
    }

    /// Reads `GMT`, `UTC`, `GMT+1`, `UTC+01:00` or a bare `+01:00`; `nil` when none of them is here.
    mutating func latinZone() -> Int? {
        if accept(anyOf: Self.utcNames) {
            return signedOffset() ?? 0
        }
        return signedOffset()
    }

    static let utcNames: Set<UInt64> = keys("gmt", "utc", "ut", "z")

    // MARK: Tables

    /// The key of a single word, normalized the same way as the input (so tables
    /// can be written naturally: `"أبريل"` and `"ابريل"` give the same key).
    static func key(_ word: String) -> UInt64 {
        let tokens = DateTokens(Array(word.utf8)).tokens
        guard tokens.count == 1, case .word(let key) = tokens[0], key != 0 else {
            preconditionFailure("not a single short word: \(word)")
        }
        return key
    }

    static func keys(_ words: String...) -> Set<UInt64> {
        keys(words)
    }

    static func keys(_ words: [String]) -> Set<UInt64> {
        Set(words.map(key))
    }

    /// Builds a name → value table, each value listed with all its spellings.
    static func table(_ entries: [(Int, [String])]) -> [UInt64: Int] {
        var table: [UInt64: Int] = [:]
        for (value, names) in entries {
            for name in names {
                let key = key(name)
                precondition(table[key] == nil || table[key] == value, "clashing name \(name)")
                table[key] = value
            }
        }
        return table
    }
}

// MARK: - Scalars

extension DateTokens {
    fileprivate enum Kind {
        case digit(Int)
        case latin(UInt8)
        case arabic(UInt32)
        case ignorable
        case space
        case symbol(UInt8)
    }

    /// Decodes one scalar; a malformed byte decodes as U+FFFD (a `String`'s bytes never are).
    fileprivate static func decode(_ b: [UInt8], at p: Int) -> (UInt32, Int) {
        let b0 = b[p]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        func continuation(_ k: Int) -> UInt32? {
            p + k < b.count && b[p + k] & 0xC0 == 0x80 ? UInt32(b[p + k] & 0x3F) : nil
        }
        if b0 & 0xE0 == 0xC0, let c1 = continuation(1) {
            return (UInt32(b0 & 0x1F) << 6 | c1, 2)
        }
        if b0 & 0xF0 == 0xE0, let c1 = continuation(1), let c2 = continuation(2) {
            return (UInt32(b0 & 0x0F) << 12 | c1 << 6 | c2, 3)
        }
        if b0 & 0xF8 == 0xF0, let c1 = continuation(1), let c2 = continuation(2), let c3 = continuation(3) {
            return (UInt32(b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3, 4)
        }
        return (0xFFFD, 1)
    }

    fileprivate static func classify(_ v: UInt32) -> Kind {
        switch v {
        case 0x30...0x39: return .digit(Int(v - 0x30))
        case 0x41...0x5A, 0x61...0x7A: return .latin(UInt8(v) | 0x20)
        case 0x09...0x0D, 0x20: return .space
        case 0x00...0x7F: return .symbol(UInt8(v))
        // Arabic
        case 0x0660...0x0669: return .digit(Int(v - 0x0660))
        case 0x06F0...0x06F9: return .digit(Int(v - 0x06F0))
        case 0x0622, 0x0623, 0x0625, 0x0671: return .arabic(0x0627)  // آ أ إ ٱ → ا
        case 0x0649, 0x06CC: return .arabic(0x064A)  // ى ی → ي
        case 0x0629: return .arabic(0x0647)  // ة → ه
        case 0x06A9: return .arabic(0x0643)  // ک → ك
        case 0x0621...0x063F, 0x0641...0x064A: return .arabic(v)
        case 0x0640, 0x064B...0x065F, 0x0670: return .ignorable  // tatweel, harakat, tanwin, superscript alef
        case 0x060C: return .symbol(DateASCII.comma)  // ،
        case 0x061B: return .symbol(UInt8(ascii: ";"))  // ؛
        // Latin-1 and typography
        case 0x00C0...0x00C5, 0x00E0...0x00E5: return .latin(UInt8(ascii: "a"))
        case 0x00C7, 0x00E7: return .latin(UInt8(ascii: "c"))
        case 0x00C8...0x00CB, 0x00E8...0x00EB, 0x1D49: return .latin(UInt8(ascii: "e"))  // ᵉ as in 1ᵉʳ
        case 0x00CC...0x00CF, 0x00EC...0x00EF: return .latin(UInt8(ascii: "i"))
        case 0x00D2...0x00D6, 0x00F2...0x00F6: return .latin(UInt8(ascii: "o"))
        case 0x00D9...0x00DC, 0x00F9...0x00FC: return .latin(UInt8(ascii: "u"))
        case 0x02B3: return .latin(UInt8(ascii: "r"))  // ʳ
        case 0x0300...0x036F, 0x00AD, 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
            return .ignorable  // combining accents, soft hyphen, bidi and zero-width marks, BOM
        case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return .space
        case 0x2010...0x2015, 0x2212: return .symbol(DateASCII.minus)  // hyphens and dashes
        default: return .symbol(0)
        }
    }
}

/// The writing system of a token, which decides how it is analysed.
public enum TokenScript: Sendable, Hashable {
    case arabic
    case latin
    case number
}

/// One word of an article, already folded (`ArabicNormalizer`, `LatinFolding`),
/// as UTF-8 bytes: every later step compares and hashes bytes, never `String`s.
public struct Token: Sendable, Hashable {
    public var bytes: [UInt8]
    public var script: TokenScript

    /// The word as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Splits article text (plain or HTML) into folded words. Tags are skipped,
/// entities separate words, a change of script ends a word, and French
/// elisions (`l'`, `d'`, `qu'` …) are dropped from the word they attach to.
public enum Tokenizer {
    /// The words of `text`; `html` makes `<…>` tags and `&…;` entities separators.
    public static func tokens(_ text: String, html: Bool = false) -> [Token] {
        var tokens: [Token] = []
        tokenize(text, html: html) { tokens.append($0) }
        return tokens
    }

    /// Calls `body` with each word of `text`, in order.
    public static func tokenize(_ text: String, html: Bool, _ body: (Token) -> Void) {
        var word = WordBuffer()
        var inTag = false
        var inEntity = false

        for scalar in text.unicodeScalars {
            if html {
                if inTag {
                    if scalar == ">" { inTag = false }
                    continue
                }
                if inEntity {
                    // An entity ends at `;`, or at anything that cannot be part of its name.
                    if scalar == ";" {
                        inEntity = false
                        continue
                    }
                    if scalar == "#" || (scalar.isASCII && (scalar.properties.isAlphabetic || (0x30...0x39).contains(scalar.value))) {
                        continue
                    }
                    inEntity = false
                }
                if scalar == "<" || scalar == "&" {
                    word.flush(body)
                    if scalar == "<" { inTag = true } else { inEntity = true }
                    continue
                }
            }
            let value = scalar.value
            switch value {
            case 0x61...0x7A, 0x41...0x5A:
                if word.breaks(for: .latin) { word.flush(body) }
                word.append(byte: UInt8(value | 0x20), as: .latin)
            case 0x30...0x39:
                word.append(byte: UInt8(value), as: .number)
            case 0x0600...0x06FF:
                guard let folded = ArabicNormalizer.fold(scalar) else { continue }  // tashkeel, tatweel
                if folded.value < 0x3A {
                    word.append(byte: UInt8(folded.value), as: .number)
                } else if ArabicNormalizer.isArabicLetter(folded) {
                    if word.breaks(for: .arabic) { word.flush(body) }
                    word.append(arabic: folded)
                } else {
                    word.flush(body)  // Arabic punctuation: ، ؛ ؟
                }
            case 0x27, 0x2019:
                // An apostrophe: drop a French elision before it, else end the word.
                if word.script == .latin, Elision.prefixes.contains(word.bytes) {
                    word.clear()
                } else {
                    word.flush(body)
                }
            case 0xC0...0x17F:
                if let folded = LatinFolding.accented[value] {
                    if word.breaks(for: .latin) { word.flush(body) }
                    for byte in folded { word.append(byte: byte, as: .latin) }
                } else {
                    word.flush(body)  // × ÷
                }
            default:
                word.flush(body)  // spaces, punctuation, hyphens (`a-t-il`, `2022-2024`), symbols
            }
        }
        word.flush(body)
    }
}

/// The word being read, as UTF-8 bytes, and its script.
struct WordBuffer {
    private(set) var bytes: [UInt8] = []
    private(set) var script: TokenScript?

    init() {
        bytes.reserveCapacity(32)
    }

    /// Whether a character of `kind` starts a new word: letters of another
    /// script do, digits join the word they touch (`الـ49`, `G20`).
    func breaks(for kind: TokenScript) -> Bool {
        guard let current = script else { return false }
        return current != kind && kind != .number && current != .number
    }

    mutating func append(byte: UInt8, as kind: TokenScript) {
        if script == nil || script == .number { script = kind }
        bytes.append(byte)
    }

    /// Appends an Arabic letter (U+0600–U+06FF, two bytes in UTF-8).
    mutating func append(arabic scalar: Unicode.Scalar) {
        script = .arabic
        bytes.append(UInt8(0xC0 | (scalar.value >> 6)))
        bytes.append(UInt8(0x80 | (scalar.value & 0x3F)))
    }

    mutating func clear() {
        bytes.removeAll(keepingCapacity: true)
        script = nil
    }

    /// Hands the word out, if there is one, and starts the next.
    mutating func flush(_ body: (Token) -> Void) {
        if let kind = script, !bytes.isEmpty {
            body(Token(bytes: bytes, script: kind == .latin && bytes.allSatisfy({ $0 < 0x3A }) ? .number : kind))
        }
        clear()
    }
}

/// French elided articles and pronouns (`l'Office` is `Office`).
enum Elision {
    static let prefixes: Set<[UInt8]> = Set(["l", "d", "j", "m", "n", "s", "t", "c", "qu", "lorsqu", "puisqu", "jusqu", "quoiqu"].map { Array($0.utf8) })
}

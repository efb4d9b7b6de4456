/// Repairs double-encoded UTF-8: UTF-8 bytes that some system read as
/// windows-1252 (or Latin-1, or windows-1256) and wrote out again as UTF-8.
///
/// Arabic `ال` is D8 A7 D9 84 in UTF-8. Read as windows-1252 those bytes are
/// `Ø § Ù „`, so the feed says `Ø§Ù„`; read as windows-1256 they are
/// `ط § ظ „` (`ط§ظ„`, the classic Arabic-web mojibake). The repair maps each
/// character back to the byte it was read from and re-reads the bytes as
/// UTF-8.
///
/// It only acts when the evidence is overwhelming (see `Verdict`): almost all
/// non-ASCII characters of the text take part in such sequences, every
/// sequence decodes to a character of a living script, and the decoded text
/// is mostly non-Latin. Real Latin text rarely fails these tests ("Straße“"
/// would decode to an N'Ko letter and is left alone); double-encoded French
/// (`Ã©tÃ©`) is deliberately not repaired, since `été` is Latin.
public enum MojibakeRepair {
    /// Repairs `text` when it is double-encoded UTF-8.
    ///
    /// - Parameter text: a text field (title, summary, …) or a whole document.
    /// - Returns: the repaired text, or `nil` when there is nothing to repair.
    public static func repair(_ text: String) -> String? {
        // Every double-encoded character starts with a UTF-8 lead byte of at
        // least 0xC2 (Â…ô, or an Arabic letter for windows-1256); most fields
        // have none and cost one scan, no allocation.
        // Both misreadings leave Latin-1 characters behind: Ø/Ù (C3 98, C3 99)
        // for windows-1252, § ± (C2 A7, C2 B1 …) for windows-1256. Genuine
        // Arabic text has neither lead byte, so it costs one scan.
        guard hasLatin1LeadByte(text) else { return nil }
        return repair(utf8: Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether `text` holds a C2 or C3 byte, scanned as bytes (fields are long: summaries, contents).
    private static func hasLatin1LeadByte(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for byte in bytes where byte & 0xFE == 0xC2 { return true }
            return false
        }
    }

    /// Repairs UTF-8 bytes in place of `repair(_:)`, for whole documents.
    /// Up to three rounds undo triple encoding.
    ///
    /// - Parameter bytes: well-formed UTF-8 (ill-formed bytes are kept as they
    ///   are and count as genuine text).
    /// - Returns: the repaired bytes, or `nil` when there is nothing to repair.
    static func repair(utf8 bytes: [UInt8]) -> [UInt8]? {
        var current = bytes
        var changed = false
        for _ in 0..<3 {
            guard let misreading = bestMisreading(current) else { break }
            current = rewrite(current, misreading)
            changed = true
        }
        return changed ? current : nil
    }
}

// MARK: - Implementation

extension MojibakeRepair {
    /// The single-byte encoding the UTF-8 was wrongly read as.
    enum Misreading: Sendable, CaseIterable {
        /// windows-1252, with its five unassigned bytes passed through as C1
        /// controls (what MySQL's `latin1`, PHP's `utf8_encode` and Windows do).
        case windows1252
        /// windows-1256.
        case windows1256

        /// The byte that `scalar` was decoded from, if it is one.
        func byte(for scalar: UInt32) -> UInt8? {
            switch self {
            case .windows1252:
                if scalar >= 0x80 && scalar <= 0xFF { return UInt8(scalar) }
                if scalar < 0x152 || scalar > 0x2122 { return nil }
                return MojibakeRepair.windows1252Specials[scalar]
            case .windows1256:
                // Direct tables for the two dense ranges; a dictionary for
                // the scattered punctuation.
                if scalar < 0x80 { return nil }
                if scalar <= 0xFF {
                    let byte = MojibakeRepair.windows1256Latin[Int(scalar) &- 0x80]
                    return byte == 0 ? nil : byte
                }
                if scalar >= 0x600 && scalar <= 0x6FF {
                    let byte = MojibakeRepair.windows1256Arabic[Int(scalar) &- 0x600]
                    return byte == 0 ? nil : byte
                }
                return MojibakeRepair.windows1256Reverse[scalar]
            }
        }
    }

    /// What one pass over a text found for one misreading.
    struct Verdict: Sendable {
        var sequences = 0
        /// Non-ASCII characters that take part in a sequence.
        var covered = 0
        /// All non-ASCII characters.
        var nonASCII = 0
        /// Decoded characters that are Latin letters.
        var decodedLatin = 0

        /// Repair only when (a) nearly every non-ASCII character is part of a
        /// sequence — a text that also holds genuine Arabic or accented Latin
        /// is not double-encoded as a whole — and (b) the result is mostly
        /// not Latin letters.
        var shouldRepair: Bool {
            guard sequences > 0 else { return false }
            let uncovered = nonASCII - covered
            let mostlyCovered = uncovered * 10 <= nonASCII || (sequences >= 4 && uncovered * 4 <= sequences)
            return mostlyCovered && decodedLatin * 2 < sequences
        }
    }

    private static func bestMisreading(_ bytes: [UInt8]) -> Misreading? {
        var best: (Misreading, Int)?
        for misreading in Misreading.allCases {
            let verdict = analyze(bytes, misreading)
            if verdict.shouldRepair && verdict.covered > (best?.1 ?? 0) {
                best = (misreading, verdict.covered)
            }
        }
        return best?.0
    }

    /// One pass: count sequences and coverage, without building output.
    static func analyze(_ bytes: [UInt8], _ misreading: Misreading) -> Verdict {
        var verdict = Verdict()
        let count = bytes.count
        var index = 0
        while index < count {
            if bytes[index] < 0x80 {
                index &+= 1
                continue
            }
            if let match = matchSequence(bytes, at: index, misreading) {
                verdict.sequences &+= 1
                verdict.covered &+= match.characters
                verdict.nonASCII &+= match.characters
                if isLatinLetter(match.scalar) { verdict.decodedLatin &+= 1 }
                index = match.end
            } else {
                verdict.nonASCII &+= 1
                index &+= UTF8Bytes.decodeScalar(bytes, at: index).length
                // Bail out early on text that is plainly genuine, so a large
                // correct Arabic feed costs a few hundred characters, not a pass.
                let uncovered = verdict.nonASCII - verdict.covered
                if uncovered > 64 && uncovered * 2 > verdict.nonASCII { return Verdict() }
            }
        }
        return verdict
    }

    private static func rewrite(_ bytes: [UInt8], _ misreading: Misreading) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        let count = bytes.count
        var index = 0
        var copiedUpTo = 0
        while index < count {
            if bytes[index] < 0x80 {
                index &+= 1
                continue
            }
            if let match = matchSequence(bytes, at: index, misreading) {
                output.append(contentsOf: bytes[copiedUpTo..<index])
                UTF8Bytes.append(match.scalar, to: &output)
                index = match.end
                copiedUpTo = index
            } else {
                index &+= UTF8Bytes.decodeScalar(bytes, at: index).length
            }
        }
        output.append(contentsOf: bytes[copiedUpTo..<count])
        return output
    }

    /// Tries to read a double-encoded character at `index` (which starts a
    /// non-ASCII character): the characters from there must map back to a
    /// well-formed UTF-8 lead byte and its continuation bytes, and the result
    /// must be a plausible character.
    private static func matchSequence(
        _ bytes: [UInt8],
        at index: Int,
        _ misreading: Misreading
    ) -> (end: Int, scalar: UInt32, characters: Int)? {
        let first = UTF8Bytes.decodeScalar(bytes, at: index)
        guard let lead = misreading.byte(for: first.value), lead >= 0xC2, lead <= 0xF4 else { return nil }
        let needed = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        // The first continuation byte has a narrower range after some leads
        // (no overlongs, no surrogates, nothing above U+10FFFF).
        let secondLow: UInt8 = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80
        let secondHigh: UInt8 = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF
        var scalar = UInt32(lead) & (needed == 2 ? 0x1F : needed == 3 ? 0x0F : 0x07)
        var position = index &+ first.length
        let count = bytes.count
        for step in 1..<needed {
            guard position < count else { return nil }
            let next = UTF8Bytes.decodeScalar(bytes, at: position)
            var byte = misreading.byte(for: next.value)
            // Python's cp1252 codec (and some others) turn the unassigned 0x81
            // into U+FFFD; after Ù (0xD9) the lost byte is 0x81, i.e. ف U+0641.
            if byte == nil, next.value == 0xFFFD, misreading == .windows1252, lead == 0xD9 {
                byte = 0x81
            }
            guard let continuation = byte else { return nil }
            let low: UInt8 = step == 1 ? secondLow : 0x80
            let high: UInt8 = step == 1 ? secondHigh : 0xBF
            guard continuation >= low && continuation <= high else { return nil }
            scalar = scalar << 6 | UInt32(continuation & 0x3F)
            position &+= next.length
        }
        guard isPlausible(scalar) else { return nil }
        return (position, scalar, needed)
    }

    /// Characters of scripts and symbol blocks that real text uses. Mojibake
    /// repair refuses to produce anything else (Syriac, N'Ko, Samaritan, C1
    /// controls, private use), which keeps genuine Latin text like "ß“" safe.
    static func isPlausible(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x00A0...0x036F,  // Latin-1 supplement, Latin extended, IPA, combining marks
            0x0370...0x052F,  // Greek, Cyrillic
            0x0530...0x05FF,  // Armenian, Hebrew
            0x0600...0x06FF,  // Arabic
            0x0750...0x077F,  // Arabic supplement
            0x08A0...0x08FF,  // Arabic extended-A
            0x0900...0x0DFF,  // Indic scripts
            0x0E00...0x0EFF,  // Thai, Lao
            0x10A0...0x10FF,  // Georgian
            0x1200...0x137F,  // Ethiopic
            0x1E00...0x1EFF,  // Latin extended additional (Vietnamese)
            0x2000...0x206F,  // General punctuation
            0x20A0...0x20CF,  // Currency symbols
            0x2100...0x214F,  // Letterlike symbols (™)
            0x2190...0x21FF,  // Arrows
            0x2500...0x25FF,  // Box drawing, geometric shapes
            0x3000...0x30FF,  // CJK punctuation, kana
            0x3400...0x4DBF, 0x4E00...0x9FFF,  // CJK ideographs
            0xAC00...0xD7A3,  // Hangul
            0xFB50...0xFDFF, 0xFE70...0xFEFE,  // Arabic presentation forms
            0xFF00...0xFFEF,  // Half- and full-width forms
            0x1F300...0x1FAFF:  // Emoji
            return true
        default:
            return false
        }
    }

    static func isLatinLetter(_ scalar: UInt32) -> Bool {
        (scalar >= 0xC0 && scalar <= 0x24F && scalar != 0xD7 && scalar != 0xF7) || (scalar >= 0x1E00 && scalar <= 0x1EFF)
    }

    /// windows-1252's 0x80–0x9F characters → their bytes.
    static let windows1252Specials: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for (offset, value) in SingleByteTable.windows1252.high.prefix(32).enumerated() where value > 0xFF {
            table[value] = UInt8(0x80 + offset)
        }
        return table
    }()

    /// windows-1256's characters above 0x7F → their bytes.
    static let windows1256Reverse: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for (offset, value) in SingleByteTable.windows1256.high.enumerated() where value != 0 {
            table[value] = UInt8(0x80 + offset)
        }
        return table
    }()

    /// The same for U+0080–U+00FF, indexed by scalar − 0x80 (0 = none).
    static let windows1256Latin: [UInt8] = (0x80...0xFF).map { windows1256Reverse[UInt32($0)] ?? 0 }

    /// The same for U+0600–U+06FF, indexed by scalar − 0x600 (0 = none).
    static let windows1256Arabic: [UInt8] = (0x600...0x6FF).map { windows1256Reverse[UInt32($0)] ?? 0 }
}

/// Arabic orthographic normalization, the first step of every Arabic term:
/// partners write the same word with and without hamza, tashkeel or tatweel,
/// so the spelling variants are folded before words are compared.
public enum ArabicNormalizer {
    /// The normalized form of one scalar, or `nil` when it is dropped:
    /// tashkeel (U+064B–U+065F, U+0670) and tatweel (U+0640) are removed;
    /// أ إ آ ٱ become ا; ى becomes ي; ة becomes ه; Arabic-Indic and
    /// Eastern Arabic-Indic digits become ASCII digits.
    @inlinable
    public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x064B...0x065F, 0x0670, 0x0640: return nil
        case 0x0622, 0x0623, 0x0625, 0x0671: return "\u{0627}"
        case 0x0649: return "\u{064A}"
        case 0x0629: return "\u{0647}"
        case 0x0660...0x0669: return Unicode.Scalar(scalar.value - 0x0660 + 0x30)
        case 0x06F0...0x06F9: return Unicode.Scalar(scalar.value - 0x06F0 + 0x30)
        default: return scalar
        }
    }

    /// `text` with every scalar folded (see `fold(_:)`).
    public static func normalize(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let folded = fold(scalar) { result.append(folded) }
        }
        return String(result)
    }

    /// Whether `scalar` is an Arabic letter (after folding).
    @inlinable
    public static func isArabicLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0621...0x063A, 0x0641...0x064A, 0x0671...0x06D3, 0x06FA...0x06FF: return true
        default: return false
        }
    }
}

/// Character-level rules of XML 1.0 that writers must respect.
public enum XMLText {
    /// Whether a scalar may appear in an XML 1.0 document
    /// (`#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`).
    @inlinable
    public static func isLegal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// `text` without the characters XML 1.0 forbids (C0 controls other than
    /// tab, newline and carriage return; U+FFFE; U+FFFF). Returns `text` itself
    /// when it is already clean, which is almost always.
    public static func legal(_ text: String) -> String {
        var clean = true
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            // C0 controls, or the UTF-8 of U+FFFE/U+FFFF (EF BF BE / EF BF BF).
            if (byte < 0x20 && byte != 0x9 && byte != 0xA && byte != 0xD)
                || (previous == (0xEF, 0xBF) && (byte == 0xBE || byte == 0xBF))
            {
                clean = false
                break
            }
            previous = (previous.1, byte)
        }
        if clean { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter(isLegal))
        return String(scalars)
    }
}

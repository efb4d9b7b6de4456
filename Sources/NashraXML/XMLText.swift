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
        var text = text
        let clean = text.withUTF8 { isClean($0) }
        if clean { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.filter(isLegal))
        return String(scalars)
    }

    /// Whether UTF-8 bytes hold no C0 control other than tab, LF and CR, and
    /// no U+FFFE/U+FFFF (EF BF BE / EF BF BF). One tight pass, as this runs on
    /// every string a writer emits.
    static func isClean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let count = bytes.count
        while i < count {
            let b = bytes[i]
            if b < 0x20 {
                if b != 0x9 && b != 0xA && b != 0xD { return false }
            } else if b == 0xEF, i + 2 < count, bytes[i + 1] == 0xBF, bytes[i + 2] & 0xFE == 0xBE {
                return false
            }
            i += 1
        }
        return true
    }
}

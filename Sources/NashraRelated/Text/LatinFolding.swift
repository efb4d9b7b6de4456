/// Lowercasing and accent folding for French and English words, so that
/// `Économie`, `ECONOMIE` and `économie` are one word.
public enum LatinFolding {
    /// `text` lowercased, with Latin-1 and common Latin Extended-A letters
    /// without their accents (`œ` → `oe`, `ß` → `ss`); other characters are kept.
    public static func fold(_ text: String) -> String {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if let folded = accented[scalar.value] {
                bytes.append(contentsOf: folded)
            } else {
                bytes.append(contentsOf: String(scalar.properties.lowercaseMapping).utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Accented letters and ligatures, upper and lower case (U+00C0–U+017F), to ASCII bytes.
    static let accented: [UInt32: [UInt8]] = {
        let groups: [(String, String)] = [
            ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "a"), ("ÇçĆćĈĉĊċČč", "c"), ("ÐðĎďĐđ", "d"), ("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", "e"),
            ("ĜĝĞğĠġĢģ", "g"), ("ĤĥĦħ", "h"), ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "i"), ("Ĵĵ", "j"), ("Ķķ", "k"), ("ĹĺĻļĽľĿŀŁł", "l"),
            ("ÑñŃńŅņŇňŉ", "n"), ("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", "o"), ("ŔŕŖŗŘř", "r"), ("ŚśŜŝŞşŠš", "s"), ("ŢţŤťŦŧ", "t"),
            ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", "u"), ("Ŵŵ", "w"), ("ÝýÿŶŷŸ", "y"), ("ŹźŻżŽž", "z"),
            ("Ææ", "ae"), ("Œœ", "oe"), ("ß", "ss"), ("Þþ", "th"), ("Ĳĳ", "ij"),
        ]
        var table: [UInt32: [UInt8]] = [:]
        for (letters, folded) in groups {
            for scalar in letters.unicodeScalars { table[scalar.value] = Array(folded.utf8) }
        }
        return table
    }()
}

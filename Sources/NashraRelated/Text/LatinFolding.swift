/// Accent folding for French and English words, so that `Économie`,
/// `ECONOMIE` and `économie` are one word (the tokenizer lowercases ASCII).
public enum LatinFolding {
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

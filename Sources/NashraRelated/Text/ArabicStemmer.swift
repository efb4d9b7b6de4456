/// A light Arabic stemmer in the manner of Larkey, Ballesteros and Connell's
/// "light10": it strips the definite article with the clitics that attach to
/// it (ال بال كال فال لل, also after the conjunction و or ف), then common
/// suffixes. It never guesses roots, so `المقاومين`, `المقاومة` and
/// `للمقاومة` all meet at `مقاوم` while unrelated words stay apart.
///
/// Unlike light10 it leaves a bare leading و alone: news text is full of
/// words whose first root letter is و (`وزير`, `وزارة`, `وطني`, `وجدة`),
/// and stripping it would split `الوزير` (→ `وزير`) from `وزير` (→ `زير`).
/// Input must already be normalized (`ArabicNormalizer`).
public enum ArabicStemmer {
    /// An affix as UTF-8 bytes, with its length in letters.
    struct Affix {
        let bytes: [UInt8]
        let letters: Int

        init(_ text: String) {
            bytes = Array(text.utf8)
            letters = text.unicodeScalars.count
        }
    }

    /// Article forms, longest first, each removed only when at least two letters remain.
    static let articles: [Affix] = ["وبال", "وكال", "فبال", "وال", "بال", "كال", "فال", "ولل", "فلل", "لل", "ال"].map(Affix.init)

    /// Suffixes, removed one after another while at least three letters remain
    /// (the order follows light10: ها ان ات ون ين يه ه ي, with ة already folded to ه).
    static let suffixes: [Affix] = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"].map(Affix.init)

    /// The light stem of a normalized Arabic word.
    public static func stem(_ word: String) -> String {
        String(decoding: stem(Array(word.utf8)), as: UTF8.self)
    }

    /// The light stem of a normalized Arabic word given as UTF-8 bytes.
    public static func stem(_ word: [UInt8]) -> [UInt8] {
        var letters = word[...]
        // Letters, not bytes: a UTF-8 continuation byte does not start one.
        var count = word.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        for article in articles where count - article.letters >= 2 && letters.starts(with: article.bytes) {
            letters = letters.dropFirst(article.bytes.count)
            count -= article.letters
            break
        }
        for suffix in suffixes where count - suffix.letters >= 3 && letters.suffix(suffix.bytes.count).elementsEqual(suffix.bytes) {
            letters = letters.dropLast(suffix.bytes.count)
            count -= suffix.letters
        }
        return letters.count == word.count ? word : Array(letters)
    }
}

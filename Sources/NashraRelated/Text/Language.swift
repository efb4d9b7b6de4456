/// The languages Nashra analyses, each with its own stop words and stemmer.
public enum ArticleLanguage: String, Sendable, Hashable, CaseIterable {
    case arabic = "ar"
    case french = "fr"
    case english = "en"
    /// Any other language: words are folded but not stemmed.
    case other = ""

    /// The language of a BCP 47 tag (`ar-MA` is Arabic), or `nil` when the tag is missing.
    public init?(tag: String?) {
        guard let tag, !tag.isEmpty else { return nil }
        let primary = tag.lowercased().split(separator: "-").first.map(String.init) ?? ""
        self = ArticleLanguage(rawValue: primary) ?? .other
    }

    /// The language of untagged text, from its words: Arabic when most words
    /// are Arabic; otherwise French or English by which stop words it uses.
    public static func guess(_ tokens: [Token]) -> ArticleLanguage {
        var arabic = 0
        var latin = 0
        var french = 0
        var english = 0
        for token in tokens.prefix(400) {
            switch token.script {
            case .arabic: arabic += 1
            case .latin:
                latin += 1
                if StopWords.frenchBytes.contains(token.bytes) { french += 1 }
                if StopWords.englishBytes.contains(token.bytes) { english += 1 }
            case .number: continue
            }
        }
        if arabic > latin { return .arabic }
        if latin == 0 { return .other }
        if french == 0 && english == 0 { return .other }
        return french > english ? .french : .english
    }
}

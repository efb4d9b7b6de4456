import Foundation
public import NashraModel

/// Turns an article into its `RelatedDocument`: the language from the record
/// or, when missing, from the script and stop words; then per-language stop
/// words and stemming over the title, summary and body, titles weighing more.
public enum ArticleAnalyzer {
    /// How much one title word counts against one body word.
    public static let titleWeight: Float = 3
    /// How much one summary word counts against one body word.
    public static let summaryWeight: Float = 1.5

    /// The analysed form of `article`.
    public static func analyze(_ article: Article) -> RelatedDocument {
        let titleTokens = Tokenizer.tokens(article.title)
        let summaryTokens = article.summary.map { Tokenizer.tokens($0, html: true) } ?? []
        let bodyTokens = article.contentHTML.map { Tokenizer.tokens($0, html: true) } ?? []
        let language =
            ArticleLanguage(tag: article.language)
            ?? ArticleLanguage.guess(titleTokens + (bodyTokens.isEmpty ? summaryTokens : bodyTokens))

        var terms = TermCounter()
        terms.add(titleTokens, weight: titleWeight, language: language)
        terms.add(summaryTokens, weight: summaryWeight, language: language)
        terms.add(bodyTokens, weight: 1, language: language)

        var places: [String] = []
        if let dateline = article.dateline, let place = Places.place(ofDateline: dateline) { places.append(place) }
        for place in Places.places(in: titleTokens) where !places.contains(place) { places.append(place) }

        let words = (titleTokens + (bodyTokens.isEmpty ? summaryTokens : bodyTokens)).map(\.bytes)
        return RelatedDocument(
            key: article.id, url: article.url.absoluteString, title: article.title,
            published: article.published.date.timeIntervalSince1970, publishedOffsetSeconds: article.published.utcOffsetSeconds,
            language: language,
            section: article.section.map(fold).flatMap { $0.isEmpty ? nil : $0 },
            tags: uniqueFolded(article.tags), places: places, simhash: SimHash.of(words: words),
            terms: terms.sortedTerms())
    }

    /// The index term (UTF-8) for one token in a text of `language`, or `nil` for a stop word or a fragment.
    public static func term(_ token: Token, language: ArticleLanguage) -> [UInt8]? {
        let bytes = token.bytes
        switch token.script {
        case .number:
            return bytes.count >= 2 ? bytes : nil
        case .arabic:
            // The list holds words as written (with their clitics), so only the word is checked, never its
            // stem: `التحتية` must not go because its stem `تحت` is a preposition.
            guard !StopWords.arabicBytes.contains(bytes) else { return nil }
            let stem = ArabicStemmer.stem(bytes)
            // Two letters or more (a letter starts at every byte that is not a UTF-8 continuation).
            return stem.lazy.filter { $0 & 0xC0 != 0x80 }.count >= 2 ? stem : nil
        case .latin:
            guard bytes.count >= 2 else { return nil }
            switch language {
            case .french:
                return StopWords.frenchBytes.contains(bytes) ? nil : FrenchStemmer.stem(bytes)
            case .english:
                return StopWords.englishBytes.contains(bytes) ? nil : EnglishStemmer.stem(bytes)
            case .arabic, .other:
                // Names and acronyms inside Arabic text (`OCP`, `CAN`): kept as folded, never stemmed.
                return StopWords.englishBytes.contains(bytes) || StopWords.frenchBytes.contains(bytes) ? nil : bytes
            }
        }
    }

    static func fold(_ text: String) -> String {
        Tokenizer.tokens(text).map(\.text).joined(separator: " ")
    }

    static func uniqueFolded(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for value in values {
            let folded = fold(value)
            if !folded.isEmpty, seen.insert(folded).inserted { result.append(folded) }
        }
        return result
    }
}

/// Weighted term counts of one document, remembering the first word seen for each stem.
struct TermCounter {
    private var terms: [[UInt8]: (weight: Float, display: [UInt8])] = [:]

    mutating func add(_ tokens: [Token], weight: Float, language: ArticleLanguage) {
        for token in tokens {
            guard let stem = ArticleAnalyzer.term(token, language: language) else { continue }
            if let existing = terms[stem] {
                terms[stem] = (existing.weight + weight, existing.display)
            } else {
                terms[stem] = (weight, token.bytes)
            }
        }
    }

    func sortedTerms() -> [WeightedTerm] {
        terms.map { WeightedTerm(stemBytes: $0.key, displayBytes: $0.value.display, weight: $0.value.weight) }
            .sorted { $0.stemBytes.lexicographicallyPrecedes($1.stemBytes) }
    }
}

@testable import NashraRelated
import Testing

/// The light French stemmer brings inflected and derived forms of a word
/// together (input already accent-folded) and keeps unrelated words apart.
@Suite struct FrenchStemmerTests {
    /// Words that must share one stem.
    static let groups: [[String]] = [
        ["annonce", "annonces", "annoncee", "annoncees"],
        ["economie", "economies", "economique", "economiques"],
        ["gouvernement", "gouvernements", "gouvernemental", "gouvernementale"],
        ["national", "nationale", "nationaux", "nationales"],
        ["international", "internationale", "internationaux"],
        ["inflation", "inflations"],
        ["hausse", "hausses"],
        ["election", "elections", "electoral", "electorale"],
        ["agricole", "agricoles"],
        ["port", "ports"],
        ["marocain", "marocaine", "marocains", "marocaines"],
        ["production", "productions"],
        ["investissement", "investissements"],
        ["touriste", "touristes", "touristique", "touristiques"],
        ["secheresse", "secheresses"],
        ["francais", "francaise", "francaises"],
        ["nombreux", "nombreuse", "nombreuses"],
        ["positif", "positive", "positifs", "positives"],
        ["europeen", "europeenne", "europeens", "europeennes"],
        ["premier", "premiere", "premiers", "premieres"],
    ]

    @Test(arguments: groups)
    func groupSharesOneStem(group: [String]) {
        let stems = Set(group.map(FrenchStemmer.stem))
        #expect(stems.count == 1, "\(group) → \(stems.sorted())")
    }

    @Test func groupsKeepTheirOwnStems() {
        let stems = Self.groups.map { FrenchStemmer.stem($0[0]) }
        #expect(Set(stems).count == stems.count, "\(stems)")
    }

    @Test(arguments: [
        ("marche", "maroc"), ("banque", "bas"), ("banques", "bas"), ("secteur", "secte"), ("port", "portugal"),
        ("economie", "ecole"),
    ])
    func unrelatedWordsDiffer(first: String, second: String) {
        #expect(FrenchStemmer.stem(first) != FrenchStemmer.stem(second))
    }

    @Test(arguments: [
        ("gouvernementale", "gouvern"), ("economiques", "econom"), ("electorale", "elect"), ("annoncees", "annonc"),
        ("nationaux", "nat"), ("marocaines", "marocain"), ("bureaux", "bureau"), ("taux", "taux"), ("stress", "stress"),
    ])
    func stems(word: String, stem: String) {
        #expect(FrenchStemmer.stem(word) == stem)
    }

    @Test(arguments: ["bas", "les", "ete", "", "g20", "économie", "a-t-il"])
    func leavesShortAndNonLetterWordsAlone(word: String) {
        #expect(FrenchStemmer.stem(word) == word)
    }
}

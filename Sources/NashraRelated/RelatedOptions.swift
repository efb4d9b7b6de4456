/// How related lists are chosen. The defaults were set on the evaluation set
/// in `Fixtures/related/` (see `RelatedEvaluationTests`).
public struct RelatedOptions: Sendable, Hashable {
    /// Longest list kept per article.
    public var limit: Int
    /// Days after which an article's recency bonus halves, counted from the
    /// listed article's own date (older and newer alike).
    public var halfLifeDays: Double
    /// How much a candidate is held back for resembling what is already
    /// listed (MMR's 1 − λ): 0 ranks by score alone.
    public var diversity: Double
    /// Text similarity below which a candidate is not related at all (0…1).
    public var minimumTextScore: Double
    /// Text similarity at or above which two articles are the same story
    /// retold (a partner's copy), never listed for each other (0…1).
    public var duplicateTextScore: Double
    /// How many text matches are scored with the other signals.
    public var candidates: Int
    /// At most this many of an article's rarest terms are looked up.
    public var queryTerms: Int
    /// At most this many postings are read for one article, rarest terms
    /// first, so a list costs the same however large the pool grows.
    public var postingBudget: Int

    public init(
        limit: Int = 5, halfLifeDays: Double = 7, diversity: Double = 0.1, minimumTextScore: Double = 0.06,
        duplicateTextScore: Double = 0.65, candidates: Int = 60, queryTerms: Int = 40, postingBudget: Int = 40_000
    ) {
        self.limit = limit
        self.halfLifeDays = halfLifeDays
        self.diversity = diversity
        self.minimumTextScore = minimumTextScore
        self.duplicateTextScore = duplicateTextScore
        self.candidates = candidates
        self.queryTerms = queryTerms
        self.postingBudget = postingBudget
    }
}

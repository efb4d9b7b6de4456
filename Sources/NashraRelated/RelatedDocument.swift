/// An article as the related-articles index sees it: what is shown in a list
/// (key, link, title, date) and what it is compared by (weighted terms,
/// section, tags, places, language, a SimHash). It is computed once per
/// version of an article and stored, so the index can be rebuilt without
/// analysing every article again.
public struct RelatedDocument: Sendable, Hashable {
    /// The article's id in the store.
    public var key: String
    public var url: String
    public var title: String
    /// First publication, seconds since 1970.
    public var published: Double
    /// The offset the newsroom wrote the date in, so lists show it as published.
    public var publishedOffsetSeconds: Int
    public var language: ArticleLanguage
    /// The folded section name.
    public var section: String?
    /// Folded tags.
    public var tags: [String]
    /// Canonical places (`Places`) from the dateline and the title.
    public var places: [String]
    /// SimHash of the article's words, for recognising copies of one story.
    public var simhash: UInt64?
    /// Terms with their weights (title words count more), sorted by stem.
    public var terms: [WeightedTerm]

    public init(
        key: String, url: String, title: String, published: Double, publishedOffsetSeconds: Int = 0, language: ArticleLanguage, section: String?, tags: [String],
        places: [String], simhash: UInt64?, terms: [WeightedTerm]
    ) {
        self.key = key
        self.url = url
        self.title = title
        self.published = published
        self.publishedOffsetSeconds = publishedOffsetSeconds
        self.language = language
        self.section = section
        self.tags = tags
        self.places = places
        self.simhash = simhash
        self.terms = terms
    }
}

/// One analysed term of a document. Terms are kept as UTF-8 bytes: they are
/// hashed and compared millions of times, and bytes skip the Unicode
/// normalization a `String` does on every hash.
public struct WeightedTerm: Sendable, Hashable {
    /// The stem the index matches on.
    public var stemBytes: [UInt8]
    /// A word as it appeared (folded), to explain a match to an editor.
    public var displayBytes: [UInt8]
    /// Occurrences, weighted by where they occur.
    public var weight: Float

    public init(stemBytes: [UInt8], displayBytes: [UInt8], weight: Float) {
        self.stemBytes = stemBytes
        self.displayBytes = displayBytes
        self.weight = weight
    }

    public init(stem: String, display: String, weight: Float) {
        self.init(stemBytes: Array(stem.utf8), displayBytes: Array(display.utf8), weight: weight)
    }

    public var stem: String { String(decoding: stemBytes, as: UTF8.self) }
    public var display: String { String(decoding: displayBytes, as: UTF8.self) }
}

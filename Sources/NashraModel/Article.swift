public import Foundation

/// One news article, as the site's records describe it and as partner feeds
/// are translated into. See `shared/docs/INTERFACE.md` ("Article record").
public struct Article: Sendable, Hashable {
    /// Stable identifier, unique within the site.
    public var id: String
    /// Absolute `http`/`https` address of the article page.
    public var url: URL
    /// Plain-text headline.
    public var title: String
    /// Plain text or HTML summary (standfirst).
    public var summary: String?
    /// Full body as HTML.
    public var contentHTML: String?
    /// First publication, in the offset the newsroom wrote it in.
    public var published: Timestamp
    /// Last substantive update.
    public var updated: Timestamp?
    /// BCP 47 language tag (`ar`, `fr`, `en`).
    public var language: String?
    /// Newsroom section (`وطني`).
    public var section: String?
    /// Free tags.
    public var tags: [String]
    /// Bylines.
    public var authors: [Author]
    /// Agency credit line, e.g. `مملكتنا.م.ش.س/م.م.ع`.
    public var credit: String?
    /// Place the story was filed from, e.g. `الرباط`.
    public var dateline: String?
    /// Lead image.
    public var image: ArticleImage?
    /// The "related articles" list (`مقالات ذات صلة`).
    public var related: [RelatedArticle]

    /// Creates an article; only the four required fields have no default.
    public init(
        id: String, url: URL, title: String, summary: String? = nil, contentHTML: String? = nil,
        published: Timestamp, updated: Timestamp? = nil, language: String? = nil, section: String? = nil,
        tags: [String] = [], authors: [Author] = [], credit: String? = nil, dateline: String? = nil,
        image: ArticleImage? = nil, related: [RelatedArticle] = []
    ) {
        self.id = id
        self.url = url
        self.title = title
        self.summary = summary
        self.contentHTML = contentHTML
        self.published = published
        self.updated = updated
        self.language = language
        self.section = section
        self.tags = tags
        self.authors = authors
        self.credit = credit
        self.dateline = dateline
        self.image = image
        self.related = related
    }

    /// `updated` when set, else `published`.
    public var lastModified: Timestamp { updated ?? published }
}

/// A person credited on an article or feed.
public struct Author: Sendable, Hashable, Codable {
    public var name: String
    public var email: String?
    public var uri: URL?

    public init(name: String, email: String? = nil, uri: URL? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
    }
}

/// An article's lead image, published as an enclosure and as `media:content`.
public struct ArticleImage: Sendable, Hashable {
    public var url: URL
    /// MIME type, e.g. `image/jpeg`.
    public var type: String?
    /// Size in bytes.
    public var length: Int?
    public var caption: String?

    public init(url: URL, type: String? = nil, length: Int? = nil, caption: String? = nil) {
        self.url = url
        self.type = type
        self.length = length
        self.caption = caption
    }
}

/// One entry of an article's related list.
public struct RelatedArticle: Sendable, Hashable {
    public var id: String
    public var url: URL
    public var title: String
    public var published: Timestamp?

    public init(id: String, url: URL, title: String, published: Timestamp? = nil) {
        self.id = id
        self.url = url
        self.title = title
        self.published = published
    }
}

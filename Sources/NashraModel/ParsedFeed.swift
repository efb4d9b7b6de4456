/// A parsed partner feed in the vocabulary of `INTERFACE.md` ("Parse output"),
/// which follows the keys feed parsers in the wider ecosystem use.
///
/// Every optional is absent when the feed did not carry the value; empty
/// arrays are not written.
public struct ParsedFeed: Sendable, Hashable {
    /// `rss20`, `atom10`, `json11`, … or `""` when unknown.
    public var version: String
    /// True when the input was not well-formed.
    public var bozo: Bool
    /// Why the input was not well-formed (first problem, with its line).
    public var bozoMessage: String?
    /// The character encoding the bytes were read in.
    public var encoding: String
    /// Channel-level metadata.
    public var feed: ParsedFeedInfo
    /// Items, in document order.
    public var entries: [ParsedEntry]

    public init(
        version: String = "", bozo: Bool = false, bozoMessage: String? = nil, encoding: String = "utf-8",
        feed: ParsedFeedInfo = ParsedFeedInfo(), entries: [ParsedEntry] = []
    ) {
        self.version = version
        self.bozo = bozo
        self.bozoMessage = bozoMessage
        self.encoding = encoding
        self.feed = feed
        self.entries = entries
    }
}

/// Channel-level metadata of a parsed feed.
public struct ParsedFeedInfo: Sendable, Hashable {
    public var title: String?
    public var titleType: String?
    public var subtitle: String?
    public var link: String?
    public var links: [ParsedLink] = []
    public var id: String?
    public var language: String?
    public var updated: String?
    public var updatedRaw: String?
    public var published: String?
    public var publishedRaw: String?
    public var authors: [ParsedPerson] = []
    public var contributors: [ParsedPerson] = []
    public var rights: String?
    public var generator: ParsedGenerator?
    public var image: ParsedImage?
    public var icon: String?
    public var logo: String?
    public var categories: [ParsedCategory] = []
    public var ttl: Int?
    /// `sy:updatePeriod` / `sy:updateFrequency`, as the minimum seconds between polls the feed asks for.
    public var updateInterval: Int?
    /// WebSub hub (`atom:link rel="hub"`).
    public var hub: String?

    public init() {}
}

/// One item of a parsed feed.
public struct ParsedEntry: Sendable, Hashable {
    public var id: String?
    public var title: String?
    public var titleType: String?
    public var link: String?
    public var links: [ParsedLink] = []
    public var summary: String?
    public var summaryType: String?
    public var content: [ParsedContent] = []
    public var published: String?
    public var publishedRaw: String?
    public var updated: String?
    public var updatedRaw: String?
    public var authors: [ParsedPerson] = []
    public var contributors: [ParsedPerson] = []
    public var categories: [ParsedCategory] = []
    public var enclosures: [ParsedEnclosure] = []
    public var comments: String?
    public var source: ParsedSource?
    public var language: String?
    public var rights: String?
    public var media: ParsedMedia?
    /// Nashra's own extension elements, so a Nashra feed read back loses nothing.
    public var nashra: ParsedNashraExtension?

    public init() {}
}

public struct ParsedLink: Sendable, Hashable {
    public var rel: String?
    public var href: String
    public var type: String?
    public var title: String?
    public var length: Int?
    public var hreflang: String?

    public init(rel: String? = nil, href: String, type: String? = nil, title: String? = nil, length: Int? = nil, hreflang: String? = nil) {
        self.rel = rel
        self.href = href
        self.type = type
        self.title = title
        self.length = length
        self.hreflang = hreflang
    }
}

public struct ParsedPerson: Sendable, Hashable {
    public var name: String?
    public var email: String?
    public var uri: String?

    public init(name: String? = nil, email: String? = nil, uri: String? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
    }
}

public struct ParsedGenerator: Sendable, Hashable {
    public var name: String?
    public var uri: String?
    public var version: String?

    public init(name: String? = nil, uri: String? = nil, version: String? = nil) {
        self.name = name
        self.uri = uri
        self.version = version
    }
}

public struct ParsedImage: Sendable, Hashable {
    public var url: String?
    public var title: String?
    public var link: String?
    public var width: Int?
    public var height: Int?

    public init(url: String? = nil, title: String? = nil, link: String? = nil, width: Int? = nil, height: Int? = nil) {
        self.url = url
        self.title = title
        self.link = link
        self.width = width
        self.height = height
    }
}

public struct ParsedCategory: Sendable, Hashable {
    public var term: String
    public var scheme: String?
    public var label: String?

    public init(term: String, scheme: String? = nil, label: String? = nil) {
        self.term = term
        self.scheme = scheme
        self.label = label
    }
}

public struct ParsedContent: Sendable, Hashable {
    /// `text/html`, `text/plain` or `application/xhtml+xml`.
    public var type: String
    public var value: String
    public var language: String?
    public var base: String?

    public init(type: String, value: String, language: String? = nil, base: String? = nil) {
        self.type = type
        self.value = value
        self.language = language
        self.base = base
    }
}

public struct ParsedEnclosure: Sendable, Hashable {
    public var href: String
    public var type: String?
    public var length: Int?

    public init(href: String, type: String? = nil, length: Int? = nil) {
        self.href = href
        self.type = type
        self.length = length
    }
}

public struct ParsedSource: Sendable, Hashable {
    public var title: String?
    public var href: String?
    public var id: String?

    public init(title: String? = nil, href: String? = nil, id: String? = nil) {
        self.title = title
        self.href = href
        self.id = id
    }
}

public struct ParsedMedia: Sendable, Hashable {
    public var thumbnails: [ParsedMediaThumbnail] = []
    public var content: [ParsedMediaContent] = []

    public init(thumbnails: [ParsedMediaThumbnail] = [], content: [ParsedMediaContent] = []) {
        self.thumbnails = thumbnails
        self.content = content
    }
}

public struct ParsedMediaThumbnail: Sendable, Hashable {
    public var url: String
    public var width: Int?
    public var height: Int?

    public init(url: String, width: Int? = nil, height: Int? = nil) {
        self.url = url
        self.width = width
        self.height = height
    }
}

public struct ParsedMediaContent: Sendable, Hashable {
    public var url: String
    public var type: String?
    public var medium: String?
    public var width: Int?
    public var height: Int?
    public var fileSize: Int?
    /// `media:description` (or `media:title`) of this content, as plain text.
    public var description: String?

    public init(url: String, type: String? = nil, medium: String? = nil) {
        self.url = url
        self.type = type
        self.medium = medium
    }
}

/// Nashra's extension namespace (`https://nashra.news/ns/1.0`) read back from a feed.
public struct ParsedNashraExtension: Sendable, Hashable {
    public var section: String?
    public var credit: String?
    public var dateline: String?
    public var related: [ParsedRelated] = []

    public init() {}
}

/// One `nashra:related` (RSS), `link rel="related"` (Atom) or `_nashra.related` (JSON Feed) entry.
public struct ParsedRelated: Sendable, Hashable {
    public var id: String?
    public var href: String
    public var title: String?
    public var published: String?

    public init(id: String? = nil, href: String, title: String? = nil, published: String? = nil) {
        self.id = id
        self.href = href
        self.title = title
        self.published = published
    }
}

import Foundation
import NashraModel

/// A piece of text as found in a feed, with the context needed to clean it:
/// the declared type and the effective `xml:base` and `xml:lang`.
struct RawText {
    var value: String
    /// `text`, `html`, `xhtml` (Atom), or a MIME type (Atom `content`).
    var type: String
    var base: URL?
    var language: String?
    /// The `xml:base` in effect when one was declared (reported as `content[].base`).
    var declaredBase: URL?
    /// Atom 0.3 `mode` (`xml`, `escaped`, `base64`).
    var mode: String?
}

/// A date as found, with the element it came from.
struct RawDate {
    var text: String
}

/// A link as found, relative or not.
struct RawLink {
    var rel: String?
    var href: String
    var type: String?
    var title: String?
    var length: String?
    var hreflang: String?
    var base: URL?
    /// Extra attributes in Nashra's namespace (`nashra:id`, `nashra:published`).
    var nashraID: String?
    var nashraPublished: String?
}

/// The lossless scratchpad one item or entry is read into, whatever its
/// format; `EntryTranslator` turns it into a `ParsedEntry`.
struct RawEntry {
    var base: URL?
    var language: String?

    var title: RawText?
    var rssLink: RawLink?
    var atomLinks: [RawLink] = []
    var guid: String?
    var guidIsPermaLink: Bool?
    var rdfAbout: String?
    var atomID: String?

    var description: RawText?
    var summary: RawText?
    var contentEncoded: RawText?
    var contents: [RawText] = []
    var itunesSummary: RawText?
    var mediaDescription: RawText?

    var pubDate: RawDate?
    var dcDate: RawDate?
    var published: RawDate?
    var updated: RawDate?
    var issued: RawDate?
    var created: RawDate?
    var modified: RawDate?

    var rssAuthors: [String] = []
    var dcCreators: [String] = []
    var itunesAuthor: String?
    var atomAuthors: [ParsedPerson] = []
    var contributors: [ParsedPerson] = []

    var categories: [ParsedCategory] = []
    var enclosures: [RawLink] = []
    var comments: RawLink?
    var source: ParsedSource?
    var rights: String?
    var dcLanguage: String?

    var mediaThumbnails: [ParsedMediaThumbnail] = []
    var mediaContents: [ParsedMediaContent] = []

    var nashraSection: String?
    var nashraCredit: String?
    var nashraDateline: String?
    var nashraRelated: [ParsedRelated] = []
}

/// The channel-level scratchpad.
struct RawFeed {
    var base: URL?
    var language: String?
    var title: RawText?
    var subtitle: RawText?
    var rssLink: RawLink?
    var atomLinks: [RawLink] = []
    var id: String?
    var pubDate: RawDate?
    var lastBuildDate: RawDate?
    var dcDate: RawDate?
    var updated: RawDate?
    var modified: RawDate?
    var dcLanguage: String?
    var rssAuthors: [String] = []
    var dcCreators: [String] = []
    var itunesAuthor: String?
    var atomAuthors: [ParsedPerson] = []
    var contributors: [ParsedPerson] = []
    var rights: String?
    var generator: ParsedGenerator?
    var image: ParsedImage?
    var itunesImage: String?
    var icon: String?
    var logo: String?
    var categories: [ParsedCategory] = []
    var ttl: String?
    var updatePeriod: String?
    var updateFrequency: String?
}

import NashraModel
import NashraXML

/// The vocabularies a feed element can belong to, decided by namespace URI
/// (never by prefix; STYLE.md 7). Undeclared prefixes of well-known
/// namespaces are repaired, because partners write `<dc:creator>` without
/// declaring `dc` (see Fixtures/parse/illformed/).
enum Vocabulary: Equatable {
    case rss, atom, atom03, dc, dcterms, content, media, itunes, slash, sy, rdf, nashra, xhtml, other

    init(_ name: XMLName) {
        switch name.namespace {
        case nil:
            self = name.prefix.map(Self.wellKnownPrefix) ?? .rss
        case "", "http://backend.userland.com/rss2", "http://blogs.law.harvard.edu/tech/rss", XMLNamespace.rss10,
            XMLNamespace.rss090, "http://purl.org/net/rss1.1#":
            self = .rss
        case XMLNamespace.atom, "http://www.w3.org/2005/Atom/": self = .atom
        case XMLNamespace.atom03: self = .atom03
        case XMLNamespace.dc, "http://purl.org/dc/elements/1.0/": self = .dc
        case XMLNamespace.dcterms: self = .dcterms
        case XMLNamespace.content: self = .content
        case XMLNamespace.media, "http://search.yahoo.com/mrss", "https://search.yahoo.com/mrss/": self = .media
        case XMLNamespace.itunes, "https://www.itunes.com/dtds/podcast-1.0.dtd": self = .itunes
        case XMLNamespace.slash: self = .slash
        case XMLNamespace.sy: self = .sy
        case XMLNamespace.rdf: self = .rdf
        case XMLNamespace.nashra: self = .nashra
        case XMLNamespace.xhtml: self = .xhtml
        default: self = .other
        }
    }

    /// Vocabulary of an undeclared prefix, when the prefix is unambiguous in practice.
    static func wellKnownPrefix(_ prefix: String) -> Vocabulary {
        switch prefix {
        case "dc": .dc
        case "dcterms": .dcterms
        case "content": .content
        case "media": .media
        case "itunes": .itunes
        case "slash": .slash
        case "sy": .sy
        case "atom": .atom
        case "rdf": .rdf
        case "nashra": .nashra
        default: .other
        }
    }
}

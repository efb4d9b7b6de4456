/// XML namespace URIs Nashra writes and reads. Parsers dispatch on these URIs,
/// never on prefixes (a feed may bind `d:` to Dublin Core).
public enum XMLNamespace {
    /// Nashra's own extension namespace; see `docs/NAMESPACE.md`.
    public static let nashra = "https://nashra.news/ns/1.0"
    public static let atom = "http://www.w3.org/2005/Atom"
    public static let atom03 = "http://purl.org/atom/ns#"
    public static let content = "http://purl.org/rss/1.0/modules/content/"
    public static let dc = "http://purl.org/dc/elements/1.1/"
    public static let dcterms = "http://purl.org/dc/terms/"
    public static let media = "http://search.yahoo.com/mrss/"
    public static let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    public static let slash = "http://purl.org/rss/1.0/modules/slash/"
    public static let sy = "http://purl.org/rss/1.0/modules/syndication/"
    public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    public static let rss10 = "http://purl.org/rss/1.0/"
    public static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    public static let xml = "http://www.w3.org/XML/1998/namespace"
    public static let xhtml = "http://www.w3.org/1999/xhtml"
}

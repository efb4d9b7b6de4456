public import Foundation
public import NashraModel

/// Everything a writer needs to know about the feed it writes, resolved from
/// the site configuration for one format and (optionally) one section.
public struct FeedChannel: Sendable, Hashable {
    public var title: String
    public var siteURL: URL
    /// The feed's own address (`rel="self"`).
    public var selfURL: URL
    public var description: String?
    public var language: String
    public var authors: [Author]
    public var icon: URL?
    public var logo: URL?
    public var rights: String?
    public var hub: URL?
    public var ttl: Int?
    /// The feed's last-change instant (RSS `lastBuildDate`, Atom `updated`).
    public var updated: Timestamp
    /// Links to the feed's other pages (RFC 5005: `next`, `prev-archive`, `current`), written as
    /// `atom:link` in RSS, `link` in Atom and `next_url` in JSON Feed.
    public var pageLinks: [PageLink] = []

    /// Resolves the channel for `format` from the configuration.
    /// - Parameters:
    ///   - section: restricts the feed to one section; its URL becomes `/sections/<section>/feed.<ext>`.
    ///   - updated: the newest change among the feed's articles, used when the
    ///     configuration fixes no `updated`.
    public init(config: FeedConfig, format: FeedFormat, section: String? = nil, updated: Timestamp) {
        title = section.map { "\(config.title) – \($0)" } ?? config.title
        siteURL = config.siteURL
        selfURL = Self.selfURL(config: config, format: format, section: section)
        description = config.description
        language = config.language
        authors = config.authors
        icon = config.icon
        logo = config.logo
        rights = config.rights
        hub = config.hub
        ttl = config.ttl
        self.updated = config.updated ?? updated
    }

    static func selfURL(config: FeedConfig, format: FeedFormat, section: String?) -> URL {
        let file = "feed.\(format.fileExtension)"
        if let section {
            let segment = section.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? section
            return URL(string: "sections/\(segment)/\(file)", relativeTo: config.siteURL)!.absoluteURL
        }
        guard let feedURL = config.feedURL else {
            return URL(string: file, relativeTo: config.siteURL)!.absoluteURL
        }
        // One configured feedURL serves every format: swap a feed.<ext> ending.
        let ext = feedURL.pathExtension.lowercased()
        if FeedFormat(rawValue: ext) != nil, ext != format.fileExtension {
            return feedURL.deletingPathExtension().appendingPathExtension(format.fileExtension)
        }
        return feedURL
    }
}

/// A link from one page of a feed to another (RFC 5005).
public struct PageLink: Sendable, Hashable {
    /// `next`, `prev-archive`, `next-archive`, `current`, `first`.
    public var rel: String
    public var url: URL

    public init(rel: String, url: URL) {
        self.rel = rel
        self.url = url
    }
}

public import Foundation

/// One feed of an OPML subscription list (http://opml.org/spec2.opml), as
/// `feeds import` reads it and `feeds export` writes it.
public struct OPMLFeed: Sendable, Hashable {
    /// The feed's address (`xmlUrl`).
    public var xmlURL: URL
    /// The feed's name (`title`, else `text`).
    public var title: String?
    /// The partner's site (`htmlUrl`).
    public var htmlURL: URL?
    /// Category paths such as `/أخبار/وطني`: the folders the outline sits in
    /// first, then the `category` attribute's. A writer files the feed under
    /// the first one.
    public var categories: [String]

    /// Creates a feed entry.
    public init(xmlURL: URL, title: String? = nil, htmlURL: URL? = nil, categories: [String] = []) {
        self.xmlURL = xmlURL
        self.title = title
        self.htmlURL = htmlURL
        self.categories = categories
    }

    /// The entry `feeds export` writes for a subscription.
    public init(_ subscription: Subscription) {
        self.init(xmlURL: subscription.url, title: subscription.title, categories: subscription.categories)
    }
}

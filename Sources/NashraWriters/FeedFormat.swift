/// The feed formats Nashra publishes.
public enum FeedFormat: String, Sendable, CaseIterable {
    case rss, atom, json

    /// The `Content-Type` to serve it with.
    public var mediaType: String {
        switch self {
        case .rss: "application/rss+xml; charset=utf-8"
        case .atom: "application/atom+xml; charset=utf-8"
        case .json: "application/feed+json; charset=utf-8"
        }
    }

    /// File extension used in feed URLs (`feed.rss`).
    public var fileExtension: String { rawValue }
}

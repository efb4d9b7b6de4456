public import Foundation
public import NashraModel

/// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), streamed one item
/// at a time with keys in a fixed order, plus Nashra's `_nashra` extension.
public final class JSONFeedWriter: FeedWriter {
    private let channel: FeedChannel
    private let sink: (Data) throws -> Void
    private var itemCount = 0
    private var pending = ""

    public init(channel: FeedChannel, sink: @escaping (Data) throws -> Void) {
        self.channel = channel
        self.sink = sink
    }

    public func begin() throws {
        let head = JSONValue.members([
            ("version", .string("https://jsonfeed.org/version/1.1")),
            ("title", .string(channel.title)),
            ("home_page_url", .string(channel.siteURL.absoluteString)),
            ("feed_url", .string(channel.selfURL.absoluteString)),
            ("description", .string(channel.description)),
            ("icon", .string(channel.logo?.absoluteString)),
            ("favicon", .string(channel.icon?.absoluteString)),
            ("authors", .array(channel.authors.map(Self.author))),
            ("language", .string(channel.language)),
            ("next_url", .string(channel.pageLinks.first { $0.rel == "next" }?.url.absoluteString)),
            ("hubs", channel.hub.map { .array([.object([("type", .string("WebSub")), ("url", .string($0.absoluteString))])]) }),
            ("_nashra", .object([("about", .string(XMLNamespace.nashra)), ("updated", .string(channel.updated.rfc3339))])),
        ]).serialized(pretty: true)
        // Reopen the object to append "items": everything but the closing brace.
        pending = String(head.dropLast(2)) + ",\n  \"items\": ["
    }

    public func write(_ article: Article, source: ItemSource?) throws {
        pending += itemCount == 0 ? "\n    " : ",\n    "
        Self.item(article, source: source).write(to: &pending, pretty: true, depth: 2)
        itemCount += 1
        if pending.utf8.count >= 64 * 1024 { try flush() }
    }

    public func finish() throws {
        pending += itemCount == 0 ? "]\n}\n" : "\n  ]\n}\n"
        try flush()
    }

    private func flush() throws {
        try sink(Data(pending.utf8))
        pending = ""
    }

    static func item(_ a: Article, source: ItemSource? = nil) -> JSONValue {
        // JSON Feed requires content_html or content_text.
        let contentText = a.contentHTML == nil ? (a.summary ?? a.title) : nil
        return .members([
            ("id", .string(a.id)),
            ("url", .string(a.url.absoluteString)),
            ("title", .string(a.title)),
            ("content_html", .string(a.contentHTML)),
            ("content_text", .string(contentText)),
            ("summary", .string(a.summary)),
            ("image", .string(a.image?.url.absoluteString)),
            ("date_published", .string(a.published.rfc3339)),
            ("date_modified", .string(a.updated?.rfc3339)),
            ("authors", .array(a.authors.map(author))),
            ("tags", .array(a.categories.map(JSONValue.string))),
            ("language", .string(a.language)),
            (
                "attachments",
                a.image.map {
                    .array([
                        .members([
                            ("url", .string($0.url.absoluteString)), ("mime_type", .string($0.type ?? "image/jpeg")),
                            ("title", .string($0.caption)), ("size_in_bytes", .int($0.length)),
                        ])
                    ])
                }
            ),
            (
                "_nashra",
                .members([
                    ("section", .string(a.section)),
                    ("credit", .string(a.credit)),
                    ("dateline", .string(a.dateline)),
                    ("image_caption", .string(a.image?.caption)),
                    ("source", source.map { .members([("title", .string($0.title)), ("url", .string($0.feedURL.absoluteString))]) }),
                    (
                        "related",
                        .array(
                            a.related.map {
                                .members([
                                    ("id", .string($0.id)), ("url", .string($0.url.absoluteString)), ("title", .string($0.title)),
                                    ("date_published", .string($0.published?.rfc3339)),
                                ])
                            })
                    ),
                ])
            ),
        ])
    }

    static func author(_ author: Author) -> JSONValue {
        .members([("name", .string(author.name)), ("url", .string(author.uri?.absoluteString ?? author.email.map { "mailto:\($0)" }))])
    }
}

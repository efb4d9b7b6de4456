import Foundation

extension Article {
    /// The article as an `INTERFACE.md` record; `Article(record:)` reads it back
    /// unchanged, so stores and exports keep exactly what publishing needs.
    public var recordJSON: JSONValue {
        .members([
            ("id", .string(id)),
            ("url", .string(url.absoluteString)),
            ("title", .string(title)),
            ("summary", .string(summary)),
            ("contentHTML", .string(contentHTML)),
            ("published", .string(published.rfc3339)),
            ("updated", .string(updated?.rfc3339)),
            ("language", .string(language)),
            ("section", .string(section)),
            ("tags", .array(tags.map(JSONValue.string))),
            (
                "authors",
                .array(
                    authors.map {
                        .members([("name", .string($0.name)), ("email", .string($0.email)), ("uri", .string($0.uri?.absoluteString))])
                    })
            ),
            ("credit", .string(credit)),
            ("dateline", .string(dateline)),
            (
                "image",
                image.map {
                    .members([
                        ("url", .string($0.url.absoluteString)), ("type", .string($0.type)), ("length", .int($0.length)),
                        ("caption", .string($0.caption)),
                    ])
                }
            ),
            (
                "related",
                .array(
                    related.map(\.json))
            ),
        ])
    }
}

extension RelatedArticle {
    /// `{"id", "url", "title", "published"}`, as records and related lists write it.
    public var json: JSONValue { .members(jsonMembers) }

    /// The members of `json`, for objects that add to them.
    var jsonMembers: [(String, JSONValue?)] {
        [("id", .string(id)), ("url", .string(url.absoluteString)), ("title", .string(title)), ("published", .string(published?.rfc3339))]
    }
}

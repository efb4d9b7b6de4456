/// `INTERFACE.md`'s parse JSON for each parsed type, keys in the order the
/// interface lists them; absent values and empty lists are left out.
extension ParsedFeed {
    /// The whole document.
    public var json: JSONValue {
        .members([
            ("version", .string(version)),
            ("bozo", .bool(bozo)),
            ("bozoMessage", .string(bozoMessage)),
            ("encoding", .string(encoding)),
            ("feed", feed.json),
            ("entries", .array(entries.map(\.json))),
        ])
    }
}

extension ParsedFeedInfo {
    public var json: JSONValue {
        .members([
            ("title", .string(title)), ("titleType", .string(titleType)), ("subtitle", .string(subtitle)),
            ("link", .string(link)), ("links", .array(links.map(\.json))), ("id", .string(id)),
            ("language", .string(language)),
            ("updated", .string(updated)), ("updatedRaw", .string(updatedRaw)),
            ("published", .string(published)), ("publishedRaw", .string(publishedRaw)),
            ("authors", .array(authors.map(\.json))), ("contributors", .array(contributors.map(\.json))),
            ("rights", .string(rights)), ("generator", generator?.json), ("image", image?.json),
            ("icon", .string(icon)), ("logo", .string(logo)), ("categories", .array(categories.map(\.json))),
            ("ttl", .int(ttl)), ("updateInterval", .int(updateInterval)), ("hub", .string(hub)),
        ])
    }
}

extension ParsedEntry {
    public var json: JSONValue {
        .members([
            ("id", .string(id)), ("title", .string(title)), ("titleType", .string(titleType)),
            ("link", .string(link)), ("links", .array(links.map(\.json))),
            ("summary", .string(summary)), ("summaryType", .string(summaryType)),
            ("content", .array(content.map(\.json))),
            ("published", .string(published)), ("publishedRaw", .string(publishedRaw)),
            ("updated", .string(updated)), ("updatedRaw", .string(updatedRaw)),
            ("authors", .array(authors.map(\.json))), ("contributors", .array(contributors.map(\.json))),
            ("categories", .array(categories.map(\.json))), ("enclosures", .array(enclosures.map(\.json))),
            ("comments", .string(comments)), ("source", source?.json), ("language", .string(language)),
            ("rights", .string(rights)), ("media", media?.json), ("nashra", nashra?.json),
        ])
    }
}

extension ParsedLink {
    public var json: JSONValue {
        .members([
            ("rel", .string(rel)), ("href", .string(href)), ("type", .string(type)), ("title", .string(title)),
            ("length", .int(length)), ("hreflang", .string(hreflang)),
        ])
    }
}

extension ParsedPerson {
    public var json: JSONValue { .members([("name", .string(name)), ("email", .string(email)), ("uri", .string(uri))]) }
}

extension ParsedGenerator {
    public var json: JSONValue { .members([("name", .string(name)), ("uri", .string(uri)), ("version", .string(version))]) }
}

extension ParsedImage {
    public var json: JSONValue {
        .members([
            ("url", .string(url)), ("title", .string(title)), ("link", .string(link)), ("width", .int(width)),
            ("height", .int(height)),
        ])
    }
}

extension ParsedCategory {
    public var json: JSONValue { .members([("term", .string(term)), ("scheme", .string(scheme)), ("label", .string(label))]) }
}

extension ParsedContent {
    public var json: JSONValue {
        .members([("type", .string(type)), ("value", .string(value)), ("language", .string(language)), ("base", .string(base))])
    }
}

extension ParsedEnclosure {
    public var json: JSONValue { .members([("href", .string(href)), ("type", .string(type)), ("length", .int(length))]) }
}

extension ParsedSource {
    public var json: JSONValue { .members([("title", .string(title)), ("href", .string(href)), ("id", .string(id))]) }
}

extension ParsedMedia {
    public var json: JSONValue {
        .members([
            ("thumbnails", .array(thumbnails.map { .members([("url", .string($0.url)), ("width", .int($0.width)), ("height", .int($0.height))]) })),
            (
                "content",
                .array(
                    content.map {
                        .members([
                            ("url", .string($0.url)), ("type", .string($0.type)), ("medium", .string($0.medium)),
                            ("width", .int($0.width)), ("height", .int($0.height)), ("fileSize", .int($0.fileSize)),
                            ("description", .string($0.description)),
                        ])
                    })
            ),
        ])
    }
}

extension ParsedNashraExtension {
    public var json: JSONValue {
        .members([
            ("section", .string(section)), ("credit", .string(credit)), ("dateline", .string(dateline)),
            (
                "related",
                .array(
                    related.map {
                        .members([("id", .string($0.id)), ("href", .string($0.href)), ("title", .string($0.title)), ("published", .string($0.published))])
                    })
            ),
        ])
    }
}

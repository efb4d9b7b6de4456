/// How the fixture server answers one path: a closure of the request and of how many times the
/// path was hit before, so a route can script a partner that changes between polls.
public struct FixtureRoute: Sendable {
    /// Builds the answer; `count` is 0 on the first hit of the path.
    public var respond: @Sendable (_ request: RecordedRequest, _ count: Int) -> FixtureResponse

    public init(_ respond: @escaping @Sendable (_ request: RecordedRequest, _ count: Int) -> FixtureResponse) {
        self.respond = respond
    }

    /// 200 with `body` (UTF-8).
    public static func ok(
        _ body: String,
        contentType: String = "application/rss+xml; charset=utf-8",
        headers: [(String, String)] = []
    ) -> FixtureRoute {
        ok(Array(body.utf8), contentType: contentType, headers: headers)
    }

    /// 200 with `body` as bytes (a gzip file, a windows-1256 feed).
    public static func ok(
        _ body: [UInt8],
        contentType: String = "application/rss+xml; charset=utf-8",
        headers: [(String, String)] = []
    ) -> FixtureRoute {
        FixtureRoute { _, _ in
            FixtureResponse(status: 200, headers: [("Content-Type", contentType)] + headers, body: body)
        }
    }

    /// Any status, with headers and an optional body (`.status(429, headers: [("Retry-After", "120")])`).
    public static func status(_ status: Int, headers: [(String, String)] = [], body: String = "") -> FixtureRoute {
        FixtureRoute { _, _ in FixtureResponse(status: status, headers: headers, body: Array(body.utf8)) }
    }

    /// A redirect (301, 302, 303, 307, 308) to `location`, absolute or relative.
    public static func redirect(_ status: Int, to location: String) -> FixtureRoute {
        FixtureRoute { _, _ in
            FixtureResponse(status: status, headers: [("Location", location)], body: Array("moved".utf8))
        }
    }

    /// 200 with validators; 304 when `If-None-Match` lists `etag` (or `*`), or, without
    /// `If-None-Match`, when `If-Modified-Since` equals `lastModified` (RFC 9110 §13.2.2 order).
    public static func conditional(
        body: String,
        etag: String? = nil,
        lastModified: String? = nil,
        contentType: String = "application/rss+xml; charset=utf-8"
    ) -> FixtureRoute {
        FixtureRoute { request, _ in
            var validators: [(String, String)] = []
            if let etag { validators.append(("ETag", etag)) }
            if let lastModified { validators.append(("Last-Modified", lastModified)) }
            if let ifNoneMatch = request.header("if-none-match") {
                let tags = ifNoneMatch.split(separator: ",").map { $0.trimmingSpaces() }
                // Weak comparison: W/"x" matches "x".
                let bare = { (tag: String) in tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag }
                if let etag, tags.contains(where: { $0 == "*" || bare($0) == bare(etag) }) {
                    return FixtureResponse(status: 304, headers: validators)
                }
            } else if let since = request.header("if-modified-since"), let lastModified, since == lastModified {
                return FixtureResponse(status: 304, headers: validators)
            }
            return FixtureResponse(
                status: 200,
                headers: [("Content-Type", contentType)] + validators,
                body: Array(body.utf8)
            )
        }
    }

    /// 200 whose body arrives `bytesPerSecond` at a time.
    public static func slowDrip(
        _ body: String = String(repeating: "<rss/>", count: 100),
        bytesPerSecond: Int = 1
    ) -> FixtureRoute {
        FixtureRoute { _, _ in
            FixtureResponse(status: 200, body: Array(body.utf8), dripBytesPerSecond: bytesPerSecond)
        }
    }

    /// Accepts the connection and the request, and never answers.
    public static let neverAnswer = FixtureRoute { _, _ in FixtureResponse(hang: true) }

    /// A 200 of `bytes` filler bytes, streamed as generated; `declared` sends `Content-Length`, otherwise chunked.
    public static func huge(bytes: Int, declared: Bool) -> FixtureRoute {
        FixtureRoute { _, _ in
            FixtureResponse(
                status: 200,
                headers: [("Content-Type", "application/rss+xml")],
                fillerBytes: bytes,
                chunked: !declared
            )
        }
    }

    /// The nth hit gets the nth route; the last one repeats.
    public static func sequence(_ routes: [FixtureRoute]) -> FixtureRoute {
        precondition(!routes.isEmpty, "a sequence needs at least one route")
        return FixtureRoute { request, count in
            routes[min(count, routes.count - 1)].respond(request, count)
        }
    }
}

// MARK: - Private

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}

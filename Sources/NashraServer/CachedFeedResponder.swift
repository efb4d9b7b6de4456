import Foundation
import HTTPTypes
import Logging
import NIOCore

/// Answers the requests that make up nearly all of a feed server's load —
/// a reader or cache asking for a feed that is already rendered, usually
/// with `If-None-Match` — straight from the document cache, without the
/// router. Everything else (a page for a browser, an archive page, a feed
/// not rendered since the store changed) is left to the router.
struct CachedFeedResponder: Sendable {
    let cache: DocumentCache
    let conditional: ConditionalResponse
    let log: RequestLog
    let logger: Logger
    /// The `Server` field the router's answers carry too.
    let serverName: String

    /// A request this responder answers, and how.
    struct Decision {
        var document: RenderedDocument
        var choice: ConditionalResponse.Choice
        var method: HTTPRequest.Method
        var path: String
        var route: String
        var started: ContinuousClock.Instant

        var status: HTTPResponse.Status { choice.notModified ? .notModified : .ok }
        /// The validator the answer carries: with the status and the method, it decides every field but `Date`.
        var etag: String { choice.gzip ? document.gzipETag : document.etag }
    }

    /// How to answer `request` when it is a GET or HEAD of a cached feed; `nil` leaves it to the router.
    func decide(_ request: HTTPRequest) -> Decision? {
        let started = ContinuousClock.now
        guard request.method == .get || request.method == .head, let path = request.path, !path.utf8.contains(UInt8(ascii: "?")),
            let route = FeedRoute(path: path)
        else { return nil }
        let fields = ConditionalRequest(request.headerFields)
        guard fields.connection?.lowercased().contains("close") != true, !FeedServer.wantsHTML(fields.accept),
            let document = cache.cached(route.cacheKey)
        else { return nil }
        return Decision(
            document: document, choice: conditional.choice(for: document, request: fields), method: request.method, path: path,
            route: route.pattern, started: started)
    }

    /// Every field of the answer but `Date`.
    func headers(for decision: Decision) -> HTTPFields {
        var headers = conditional.answer(for: decision.document, choice: decision.choice).headers
        headers[.server] = serverName
        if let body = conditional.body(of: decision.document, choice: decision.choice) {
            headers[.contentLength] = String(body.readableBytes)
        }
        return headers
    }

    /// The bytes the answer carries: none for a 304 or a HEAD.
    func body(for decision: Decision) -> ByteBuffer? {
        decision.method == .head ? nil : conditional.body(of: decision.document, choice: decision.choice)
    }

    /// Logs and counts an answer once it is written.
    func written(_ decision: Decision) {
        log.record(
            method: decision.method.rawValue, path: decision.path, route: decision.route, status: decision.status.code,
            elapsed: ContinuousClock.now - decision.started, logger: logger)
    }
}

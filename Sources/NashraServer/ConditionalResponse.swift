import Foundation
import Hummingbird
import HTTPTypes
import NashraModel

/// Answers a GET or HEAD for a rendered document the way caches expect:
/// strong `ETag` and `Last-Modified`, `304 Not Modified` on a matching
/// `If-None-Match` (or, without one, a not-older `If-Modified-Since`),
/// `Cache-Control: max-age`, and gzip when the client accepts it.
struct ConditionalResponse: Sendable {
    /// `Cache-Control`, written once (every answer carries it).
    let cacheControl: String
    /// The request fields the answer depends on.
    let vary: String

    init(maxAge: Int, vary: String = "Accept-Encoding") {
        cacheControl = "public, max-age=\(maxAge)"
        self.vary = vary
    }

    func response(for document: RenderedDocument, request: Request) -> Response {
        let gzip = document.gzipped != nil && Self.acceptsGzip(request.headers[.acceptEncoding])
        let etag = gzip ? document.gzipETag : document.etag
        var headers: HTTPFields = [
            .eTag: etag,
            .lastModified: document.lastModifiedText,
            .cacheControl: cacheControl,
            .vary: vary,
        ]
        if Self.notModified(request.headers, etag: etag, lastModified: document.lastModified) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = document.contentType
        if gzip { headers[.contentEncoding] = "gzip" }
        let body = gzip ? document.gzipped ?? document.body : document.body
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// RFC 9110 §13.2.2: `If-None-Match` decides when present (weak comparison, `*` matches);
    /// otherwise `If-Modified-Since` does, to the second.
    static func notModified(_ headers: HTTPFields, etag: String, lastModified: Date) -> Bool {
        if let field = headers[.ifNoneMatch] {
            if field == etag { return true }  // what caches send back, nearly always
            return field.split(separator: ",").contains { candidate in
                let tag = candidate.trimmingCharacters(in: .whitespaces)
                return tag == "*" || tag == etag || tag == "W/" + etag
            }
        }
        if let field = headers[.ifModifiedSince], let since = HTTPDate.parse(field) {
            return lastModified <= since
        }
        return false
    }

    /// Whether `Accept-Encoding` lets gzip through (`gzip`, `x-gzip` or `*`, with q above 0).
    static func acceptsGzip(_ field: String?) -> Bool {
        guard let field else { return false }
        var gzip: Double?
        var any: Double?
        for item in field.lowercased().split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            switch parts.first {
            case "gzip", "x-gzip": gzip = quality
            case "*": any = quality
            default: continue
            }
        }
        return (gzip ?? any ?? 0) > 0
    }
}

import Foundation
import Hummingbird
import HTTPTypes
import NashraModel
import NIOCore

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

    /// Which representation a request gets, and whether it already has it.
    struct Choice: Hashable {
        var gzip: Bool
        var notModified: Bool
    }

    /// What to answer, apart from any server: status, fields and, for a 200, the body.
    struct Answer {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: ByteBuffer?
    }

    /// Whether `request` gets the gzip form of `document`, and whether its validators match.
    func choice(for document: RenderedDocument, request: ConditionalRequest) -> Choice {
        let gzip = document.gzipped != nil && Self.acceptsGzip(request.acceptEncoding)
        let etag = gzip ? document.gzipETag : document.etag
        return Choice(gzip: gzip, notModified: Self.notModified(request, etag: etag, lastModified: document.lastModified))
    }

    /// The answer `choice` makes of `document`.
    func answer(for document: RenderedDocument, choice: Choice) -> Answer {
        var headers: HTTPFields = [
            .eTag: choice.gzip ? document.gzipETag : document.etag,
            .lastModified: document.lastModifiedText,
            .cacheControl: cacheControl,
            .vary: vary,
        ]
        if choice.notModified { return Answer(status: .notModified, headers: headers) }
        headers[.contentType] = document.contentType
        if choice.gzip { headers[.contentEncoding] = "gzip" }
        return Answer(status: .ok, headers: headers, body: body(of: document, choice: choice))
    }

    /// The bytes a 200 carries: the gzip form or the document as it is; none for a 304.
    func body(of document: RenderedDocument, choice: Choice) -> ByteBuffer? {
        if choice.notModified { return nil }
        return choice.gzip ? document.gzipped ?? document.body : document.body
    }

    /// The answer to a request as a Hummingbird response.
    func response(for document: RenderedDocument, request: Request) -> Response {
        let answer = answer(for: document, choice: choice(for: document, request: ConditionalRequest(request.headers)))
        return Response(status: answer.status, headers: answer.headers, body: answer.body.map { ResponseBody(byteBuffer: $0) } ?? ResponseBody())
    }

    /// RFC 9110 §13.2.2: `If-None-Match` decides when present (weak comparison, `*` matches);
    /// otherwise `If-Modified-Since` does, to the second.
    static func notModified(_ request: ConditionalRequest, etag: String, lastModified: Date) -> Bool {
        if let field = request.ifNoneMatch {
            if field == etag { return true }  // what caches send back, nearly always
            return field.split(separator: ",").contains { candidate in
                let tag = candidate.trimmingCharacters(in: .whitespaces)
                return tag == "*" || tag == etag || tag == "W/" + etag
            }
        }
        if let field = request.ifModifiedSince, let since = HTTPDate.parse(field) {
            return lastModified <= since
        }
        return false
    }

    /// Whether `Accept-Encoding` lets gzip through (`gzip`, `x-gzip` or `*`, with q above 0).
    /// Read through the UTF-8 view, without allocating: nearly every request of a real reader carries one.
    static func acceptsGzip(_ field: String?) -> Bool {
        guard let utf8 = field?.utf8[...] else { return false }
        var gzip: Double?
        var any: Double?
        var rest = utf8
        while !rest.isEmpty {
            let itemEnd = rest.firstIndex(of: UInt8(ascii: ",")) ?? rest.endIndex
            let item = rest[..<itemEnd]
            rest = itemEnd == rest.endIndex ? rest[itemEnd...] : rest[rest.index(after: itemEnd)...]
            let codingEnd = item.firstIndex(of: UInt8(ascii: ";")) ?? item.endIndex
            let coding = trimmed(item[..<codingEnd])
            let quality = qValue(item[codingEnd...])
            if equalsIgnoringCase(coding, "gzip") || equalsIgnoringCase(coding, "x-gzip") {
                gzip = quality
            } else if equalsIgnoringCase(coding, "*") {
                any = quality
            }
        }
        return (gzip ?? any ?? 0) > 0
    }

    /// The first `q=` of `;`-separated parameters; 1 without one (or with one that is not a number).
    private static func qValue(_ parameters: Substring.UTF8View) -> Double {
        var rest = parameters
        while let semicolon = rest.firstIndex(of: UInt8(ascii: ";")) {
            let start = rest.index(after: semicolon)
            let end = rest[start...].firstIndex(of: UInt8(ascii: ";")) ?? rest.endIndex
            let parameter = trimmed(rest[start..<end])
            rest = rest[end...]
            guard parameter.count > 2, parameter.first.map({ $0 | 0x20 }) == UInt8(ascii: "q"),
                parameter.dropFirst().first == UInt8(ascii: "=")
            else { continue }
            return Double(String(Substring(parameter.dropFirst(2)))) ?? 1
        }
        return 1
    }

    private static func trimmed(_ bytes: Substring.UTF8View) -> Substring.UTF8View {
        var bytes = bytes
        while let first = bytes.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { bytes.removeFirst() }
        while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { bytes.removeLast() }
        return bytes
    }

    private static func equalsIgnoringCase(_ bytes: Substring.UTF8View, _ lowercase: String) -> Bool {
        bytes.elementsEqual(lowercase.utf8) { byte, expected in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 == expected : byte == expected
        }
    }
}

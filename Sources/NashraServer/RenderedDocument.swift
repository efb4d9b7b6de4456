import CompressNIO
public import Foundation
import NashraModel
public import NIOCore

/// A document rendered once and served many times: its bytes, their gzip
/// form, a strong validator and the instant it last changed.
public struct RenderedDocument: Sendable {
    public let body: ByteBuffer
    /// The gzip form, when the body is large enough for it to pay.
    public let gzipped: ByteBuffer?
    /// A strong entity tag of the body, quoted (`"1f3a…-2c41"`).
    public let etag: String
    /// The gzip form's entity tag: another representation, so another tag (RFC 9110 §8.8.3).
    public let gzipETag: String
    public let lastModified: Date
    /// `lastModified` as an HTTP date, formatted once.
    public let lastModifiedText: String
    public let contentType: String

    /// Bodies smaller than this go out as they are.
    static let gzipThreshold = 1_024

    public init(bytes: [UInt8], contentType: String, lastModified: Date) {
        body = ByteBuffer(bytes: bytes)
        self.contentType = contentType
        // Last-Modified has whole seconds: so does the validator it is compared with.
        self.lastModified = Date(timeIntervalSince1970: lastModified.timeIntervalSince1970.rounded(.down))
        lastModifiedText = HTTPDate.format(self.lastModified)
        let fingerprint = Self.fingerprint(bytes)
        etag = "\"" + fingerprint + "\""
        gzipETag = "\"" + fingerprint + "-gz\""
        if bytes.count >= Self.gzipThreshold {
            var source = body
            gzipped = try? source.compress(with: ZlibAlgorithm.gzip, configuration: .init(compressionLevel: 6))
        } else {
            gzipped = nil
        }
    }

    /// `ContentHash` (FNV-1a, 64 bits) of the bytes and their count, in hexadecimal.
    static func fingerprint(_ bytes: [UInt8]) -> String {
        ContentHash.of(bytes: bytes) + "-" + String(bytes.count, radix: 16)
    }
}

public import Foundation

/// Why a fetch produced no HTTP answer worth keeping (STYLE.md 5).
///
/// A server that answers, even with 404 or 500, is not a `FetchError`: that is
/// ``FetchOutcome/httpError(_:)``. This type covers what stopped Nashra from
/// getting or accepting an answer at all.
public struct FetchError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; compare with `==` against the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: String {
            case timeout, tooLarge, refusedAddress, refusedScheme, fileURLsDisabled, tooManyRedirects, redirectLoop
            case connection, invalidURL, decompression, invalidAllowRule, cancelled
        }
        fileprivate let base: Base

        /// The connect time-out or the whole-request deadline passed.
        public static let timeout = Code(base: .timeout)
        /// The body (announced or received) went over `maxBodyBytes`, or its decompressed form over `maxDecompressedBytes`.
        public static let tooLarge = Code(base: .tooLarge)
        /// The host resolved to a loopback, private, link-local, multicast or unspecified address that no allow rule permits.
        public static let refusedAddress = Code(base: .refusedAddress)
        /// The scheme is neither `http` nor `https` (nor an enabled `file`).
        public static let refusedScheme = Code(base: .refusedScheme)
        /// A `file:` URL while `file:` URLs are not enabled.
        public static let fileURLsDisabled = Code(base: .fileURLsDisabled)
        /// More redirects than `maxRedirects`.
        public static let tooManyRedirects = Code(base: .tooManyRedirects)
        /// A redirect led back to a URL already visited in this fetch.
        public static let redirectLoop = Code(base: .redirectLoop)
        /// The host could not be resolved or reached, the connection broke, or a file could not be read.
        public static let connection = Code(base: .connection)
        /// The URL (or a redirect's `Location`) is not a usable absolute URL.
        public static let invalidURL = Code(base: .invalidURL)
        /// A `gzip` or `deflate` body was corrupt or truncated.
        public static let decompression = Code(base: .decompression)
        /// An address-guard allow rule could not be read.
        public static let invalidAllowRule = Code(base: .invalidAllowRule)
        /// The task running the fetch was cancelled.
        public static let cancelled = Code(base: .cancelled)

        /// The code's name (`tooLarge`), for logs and `lastError`.
        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// What happened, in a sentence a log reader can act on.
    public var message: String
    /// The URL being fetched when it happened (the redirect hop, not always the subscription's URL).
    public var url: URL?

    /// Creates an error.
    public init(code: Code, message: String, url: URL? = nil) {
        self.code = code
        self.message = message
        self.url = url
    }

    /// `code: message (url)`, with any user name and password in the URL removed, so it is safe to log.
    public var description: String {
        guard let url else { return "\(code): \(message)" }
        return "\(code): \(message) (\(Self.redacted(url)))"
    }
}

// MARK: - Private

extension FetchError {
    /// `url` without its user-info part (`https://user:secret@host/` → `https://host/`).
    static func redacted(_ url: URL) -> String {
        guard url.user != nil || url.password != nil,
            var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        else { return url.absoluteString }
        components.user = nil
        components.password = nil
        return components.string ?? "<url>"
    }
}

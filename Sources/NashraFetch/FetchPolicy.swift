/// The limits and manners of a ``Fetcher``: size caps, time-outs, redirects, `User-Agent`, address guard.
///
/// The defaults suit partner feeds: 10 MB on the wire, 50 MB once decompressed, 10 s to
/// connect, 30 s for the whole fetch including redirects and the body, 5 redirects.
public struct FetchPolicy: Sendable {
    /// Largest body accepted as sent (the `Content-Length`, or the bytes of an unencoded body as they arrive).
    public var maxBodyBytes = 10 << 20
    /// Largest body accepted after `gzip`/`deflate` decompression.
    public var maxDecompressedBytes = 50 << 20
    /// Longest wait for a connection to be established.
    public var connectTimeout: Duration = .seconds(10)
    /// Longest time for the whole fetch: every redirect hop, headers and body. A server that
    /// drips its answer or never answers cannot stretch it.
    public var requestTimeout: Duration = .seconds(30)
    /// Redirects followed before giving up with `tooManyRedirects`.
    public var maxRedirects = 5
    /// The `User-Agent` header, naming Nashra and a contact URL (see ``userAgent(contact:version:)``).
    public var userAgent: String = FetchPolicy.defaultUserAgent
    /// What may be fetched; every redirect hop goes through it too.
    public var addressGuard: AddressGuard

    /// Creates a policy; every parameter has the default described on its property.
    public init(
        maxBodyBytes: Int = 10 << 20,
        maxDecompressedBytes: Int = 50 << 20,
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(30),
        maxRedirects: Int = 5,
        userAgent: String = FetchPolicy.defaultUserAgent,
        addressGuard: AddressGuard = AddressGuard()
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.maxDecompressedBytes = maxDecompressedBytes
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxRedirects = maxRedirects
        self.userAgent = userAgent
        self.addressGuard = addressGuard
    }

    /// `Nashra/0.1 (+https://nashra.news/)`.
    public static let defaultUserAgent = userAgent(contact: "https://nashra.news/")

    /// `Nashra/<version> (+<contact>)`: the form crawlers use, so a partner's operator can find who polls them.
    public static func userAgent(contact: String, version: String = "0.1") -> String {
        "Nashra/\(version) (+\(contact))"
    }
}

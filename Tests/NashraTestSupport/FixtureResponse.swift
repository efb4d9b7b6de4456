/// What a fixture route answers to one request.
public struct FixtureResponse: Sendable {
    public var status: Int
    /// Extra headers. `Content-Length` is added from the body unless given here or `chunked` is set.
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// Waits this long before sending the status line and headers.
    public var delayBeforeHead: Duration?
    /// Streams the body this many bytes per second (a slow partner) instead of all at once.
    public var dripBytesPerSecond: Int?
    /// Never answers: the handler waits until the server stops.
    public var hang: Bool
    /// After `body`, streams this many filler bytes (`a`) in 64 KB chunks, built as they are sent,
    /// so a test can serve 100 MB without holding it.
    public var fillerBytes: Int
    /// Sends the body chunked, without `Content-Length`, so the client cannot know its size ahead.
    public var chunked: Bool

    public init(
        status: Int = 200,
        headers: [(String, String)] = [],
        body: [UInt8] = [],
        delayBeforeHead: Duration? = nil,
        dripBytesPerSecond: Int? = nil,
        hang: Bool = false,
        fillerBytes: Int = 0,
        chunked: Bool = false
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delayBeforeHead = delayBeforeHead
        self.dripBytesPerSecond = dripBytesPerSecond
        self.hang = hang
        self.fillerBytes = fillerBytes
        self.chunked = chunked
    }

    /// The first value of a header set on this response, by any capitalisation.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

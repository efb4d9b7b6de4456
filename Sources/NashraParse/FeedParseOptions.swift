public import Foundation

/// How to read one document.
public struct FeedParseOptions: Sendable {
    /// The document's address; relative links are resolved against it.
    public var documentURL: URL?
    /// The HTTP `Content-Type`, whose charset takes part in encoding detection.
    public var contentType: String?
    /// Zone for dates written without one (default UTC).
    public var defaultZone: TimeZone?
    /// Largest accepted document, in bytes.
    public var maxInputBytes: Int
    /// Longest text of one element, in bytes.
    public var maxTextBytes: Int
    /// Deepest element nesting.
    public var maxDepth: Int

    public init(
        documentURL: URL? = nil, contentType: String? = nil, defaultZone: TimeZone? = nil, maxInputBytes: Int = 512 << 20,
        maxTextBytes: Int = 4 << 20, maxDepth: Int = 256
    ) {
        self.documentURL = documentURL
        self.contentType = contentType
        self.defaultZone = defaultZone
        self.maxInputBytes = maxInputBytes
        self.maxTextBytes = maxTextBytes
        self.maxDepth = maxDepth
    }
}

/// A document that is not a feed at all, or could not be read.
public struct FeedParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Hashable, Sendable {
        fileprivate enum Base { case empty, htmlPage, notAFeed, tooLarge, unreadable }
        fileprivate let base: Base
        /// The input had no bytes.
        public static let empty = Code(base: .empty)
        /// The input is a web page, not a feed.
        public static let htmlPage = Code(base: .htmlPage)
        /// The input is XML or JSON, but not a feed format.
        public static let notAFeed = Code(base: .notAFeed)
        /// The input is larger than the configured cap.
        public static let tooLarge = Code(base: .tooLarge)
        /// The input could not be read (I/O).
        public static let unreadable = Code(base: .unreadable)
    }

    public var code: Code
    public var message: String
    /// For an HTML page: the feed it advertises with `<link rel="alternate">`.
    public var alternateFeedURL: String?

    public init(code: Code, message: String, alternateFeedURL: String? = nil) {
        self.code = code
        self.message = message
        self.alternateFeedURL = alternateFeedURL
    }

    public var description: String {
        alternateFeedURL.map { "\(message); the page names its feed at \($0)" } ?? message
    }
}

/// A source of bytes read in chunks (a file, standard input, a response body).
public protocol ByteChunkSource {
    /// The next chunk, or `nil` at the end.
    mutating func nextChunk() throws -> [UInt8]?
}

/// Reads a `FileHandle` in fixed-size chunks.
public struct FileHandleChunks: ByteChunkSource {
    let handle: FileHandle
    let chunkSize: Int

    public init(_ handle: FileHandle, chunkSize: Int = 256 * 1024) {
        self.handle = handle
        self.chunkSize = chunkSize
    }

    public mutating func nextChunk() throws -> [UInt8]? {
        guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else { return nil }
        return [UInt8](data)
    }
}

/// Hands out an in-memory document in one chunk.
public struct InMemoryChunks: ByteChunkSource {
    var bytes: [UInt8]?

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func nextChunk() throws -> [UInt8]? {
        defer { bytes = nil }
        return bytes
    }
}

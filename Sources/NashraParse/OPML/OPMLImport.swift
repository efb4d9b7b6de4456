public import NashraModel

/// What an OPML subscription list held: the feeds that can be subscribed to,
/// and the outlines that had to be skipped, said in words.
public struct OPMLImport: Sendable, Hashable {
    /// The list's `<head><title>`, when it has one.
    public var title: String?
    /// The feeds in document order, one per address (an address filed under
    /// several folders gets all of their categories).
    public var feeds: [OPMLFeed]
    /// Outlines skipped (an invalid `xmlUrl`) and damage recovered from.
    public var problems: [OPMLProblem]

    /// Creates an import result.
    public init(title: String? = nil, feeds: [OPMLFeed] = [], problems: [OPMLProblem] = []) {
        self.title = title
        self.feeds = feeds
        self.problems = problems
    }
}

/// Something in an OPML document that was skipped or repaired; the rest was read.
public struct OPMLProblem: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line, or 0 when unknown.
    public var line: Int
    /// The outline's `text` (or `title`), when the problem concerns one.
    public var outline: String?
    /// What is wrong, in a sentence.
    public var reason: String

    /// Creates a problem report.
    public init(line: Int, outline: String? = nil, reason: String) {
        self.line = line
        self.outline = outline
        self.reason = reason
    }

    public var description: String {
        var parts: [String] = []
        if line > 0 { parts.append("line \(line)") }
        if let outline { parts.append("outline \"\(outline)\"") }
        parts.append(reason)
        return parts.joined(separator: ": ")
    }
}

/// A document that is not an OPML subscription list at all.
public struct OPMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure.
    public struct Code: Hashable, Sendable {
        fileprivate enum Base { case empty, notOPML, tooLarge }
        fileprivate let base: Base
        /// The input had no content.
        public static let empty = Code(base: .empty)
        /// The input is not XML, or its root element is not `<opml>` (a feed, a web page).
        public static let notOPML = Code(base: .notOPML)
        /// The input is larger, or nests deeper, than the reader accepts.
        public static let tooLarge = Code(base: .tooLarge)
    }

    /// What kind of failure.
    public var code: Code
    /// What is wrong, in a sentence safe to show and log.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

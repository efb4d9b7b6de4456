/// A store that could not do what was asked (STYLE.md 5).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable {
        fileprivate enum Base { case unreachable, schemaTooNew, notFound, invalid, io }
        fileprivate let base: Base
        /// The database could not be opened or reached.
        public static let unreachable = Code(base: .unreachable)
        /// The database was written by a newer Nashra.
        public static let schemaTooNew = Code(base: .schemaTooNew)
        /// The thing asked for does not exist.
        public static let notFound = Code(base: .notFound)
        /// The request itself was invalid.
        public static let invalid = Code(base: .invalid)
        /// Reading or writing failed.
        public static let io = Code(base: .io)
    }

    public var code: Code
    public var message: String
    public var underlying: (any Error)?

    public init(code: Code, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        underlying.map { "\(message): \($0)" } ?? message
    }
}

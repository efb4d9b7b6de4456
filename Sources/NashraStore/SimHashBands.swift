/// The four 16-bit bands of a 64-bit SimHash, stored as indexed columns: two hashes at most
/// `maximumDistance` bits apart share at least one band, so a lookup by band finds every near copy.
public struct SimHashBands: Sendable {
    /// Hashes at most this many bits apart are the same story.
    public static let maximumDistance = 3
    public let values: [Int64]

    public init(_ hash: UInt64) {
        values = (0..<4).map { Int64((hash >> (UInt64($0) * 16)) & 0xFFFF) }
    }
}

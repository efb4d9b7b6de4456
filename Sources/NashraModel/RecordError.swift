/// A record that breaks the contract of `INTERFACE.md`, with the record and
/// the field named so an editor can fix it.
public struct RecordError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Position of the record in its input (0-based), when it came from a list.
    public var recordIndex: Int?
    /// The record's `id`, when it had a readable one.
    public var recordID: String?
    /// Where the record came from (file name, line), when known.
    public var location: String?
    /// The offending field, as a path (`authors[0].name`); `nil` for the record as a whole.
    public var field: String?
    /// What is wrong, in a sentence.
    public var reason: String

    public init(recordIndex: Int? = nil, recordID: String? = nil, location: String? = nil, field: String?, reason: String) {
        self.recordIndex = recordIndex
        self.recordID = recordID
        self.location = location
        self.field = field
        self.reason = reason
    }

    public var description: String {
        var parts: [String] = []
        if let location { parts.append(location) }
        var record = "record"
        if let recordIndex { record += " #\(recordIndex)" }
        if let recordID { record += " (id \"\(recordID)\")" }
        parts.append(record)
        if let field { parts.append("field \"\(field)\"") }
        return parts.joined(separator: ": ") + ": " + reason
    }
}

import Foundation
public import NashraModel

/// Reading back what every engine stores as text: article records and related lists (JSON).
public enum StoredText {
    /// The article a stored record describes.
    /// - Throws: `StoreError(.invalid)` when the record no longer reads back.
    public static func article(fromRecord record: String) throws -> Article {
        do {
            return try Article(record: try JSONSerialization.jsonObject(with: Data(record.utf8)))
        } catch {
            throw StoreError(code: .invalid, message: "a stored article record no longer reads back", underlying: error)
        }
    }

    /// The related list stored as JSON.
    /// - Throws: `StoreError(.invalid)` when the list no longer reads back.
    public static func relatedList(fromJSON text: String) throws -> [RelatedPick] {
        do {
            return try RelatedPick.list(fromJSON: try JSONSerialization.jsonObject(with: Data(text.utf8)))
        } catch {
            throw StoreError(code: .invalid, message: "a stored related list no longer reads back", underlying: error)
        }
    }
}

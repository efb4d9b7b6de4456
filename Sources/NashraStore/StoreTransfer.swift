/// One column's value in a form both engines share, for `nashra store copy`.
public enum StoredValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// Rows of one table, as `TransferableStore` reads and writes them.
public struct TableRows: Sendable {
    public var table: String
    /// Column names as the schema spells them (both engines share them, case aside).
    public var columns: [String]
    public var rows: [[StoredValue]]

    public init(table: String, columns: [String], rows: [[StoredValue]]) {
        self.table = table
        self.columns = columns
        self.rows = rows
    }
}

/// A store whose tables can be read and written row for row, ids included, so that a site
/// moves between engines without loss (`nashra store copy`).
public protocol TransferableStore: Store {
    /// Rows of `table`, in the order they were written, `limit` at a time from `offset`.
    func exportRows(of table: String, offset: Int, limit: Int) async throws -> TableRows

    /// Inserts the rows as they are, in one transaction.
    func importRows(_ rows: TableRows) async throws

    /// Rows in `table`.
    func rowCount(of table: String) async throws -> Int

    /// Makes new ids continue after the copied ones; called once the last rows are in.
    func finishImport() async throws

    /// Deletes every row of every table (a copy that failed half-way leaves nothing behind).
    func removeAllRows() async throws
}

/// The tables a copy moves, parents before the rows that point at them.
public enum StoreTables {
    public static let copyOrder = [
        "subscription", "article", "articleSource", "fetchLog", "relatedAnalysis", "relatedList", "relatedLink",
    ]

    /// The columns that list `table`'s rows in the order they were written; `sourceOrder` is the
    /// engine's own for `articleSource` (SQLite's `rowid`, a sequence in PostgreSQL).
    /// - Throws: `StoreError(.invalid)` for a table a copy does not know.
    public static func writeOrder(of table: String, sourceOrder: String) throws -> String {
        switch table {
        case "subscription", "article", "fetchLog": "id"
        case "articleSource": sourceOrder
        case "relatedAnalysis", "relatedList": "articleID"
        case "relatedLink": "articleID, relatedKey"
        default: throw StoreError(code: .invalid, message: "no table \(table) to copy")
        }
    }
}

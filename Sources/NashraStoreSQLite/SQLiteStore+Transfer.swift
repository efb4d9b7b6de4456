import GRDB
public import NashraStore

extension SQLiteStore: TransferableStore {
    public func exportRows(of table: String, offset: Int, limit: Int) async throws -> TableRows {
        let order = try Self.writeOrder(table)
        return try await read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order) LIMIT ? OFFSET ?", arguments: [limit, offset])
            let columns = rows.first.map { Array($0.columnNames) } ?? []
            return TableRows(
                table: table, columns: columns,
                rows: rows.map { row in
                    row.databaseValues.map { value in
                        switch value.storage {
                        case .null: .null
                        case .int64(let integer): .integer(integer)
                        case .double(let real): .real(real)
                        case .string(let text): .text(text)
                        case .blob(let data): .text(String(decoding: data, as: UTF8.self))
                        }
                    }
                })
        }
    }

    public func importRows(_ rows: TableRows) async throws {
        _ = try Self.writeOrder(rows.table)
        guard !rows.rows.isEmpty else { return }
        try await write { db in
            let placeholders = Array(repeating: "?", count: rows.columns.count).joined(separator: ",")
            let insert = try db.makeStatement(
                sql: "INSERT INTO \(rows.table) (\(rows.columns.joined(separator: ","))) VALUES (\(placeholders))")
            for row in rows.rows {
                try insert.execute(
                    arguments: StatementArguments(
                        row.map { value -> (any DatabaseValueConvertible)? in
                            switch value {
                            case .null: nil
                            case .integer(let integer): integer
                            case .real(let real): real
                            case .text(let text): text
                            }
                        }))
            }
        }
    }

    public func rowCount(of table: String) async throws -> Int {
        _ = try Self.writeOrder(table)
        return try await read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    /// SQLite's `AUTOINCREMENT` already continues after the largest id inserted.
    public func finishImport() async throws {}

    public func removeAllRows() async throws {
        try await write { db in
            for table in StoreTables.copyOrder.reversed() { try db.execute(sql: "DELETE FROM \(table)") }
        }
    }

    /// The order rows of `table` were written in; only the tables a copy knows are accepted.
    private static func writeOrder(_ table: String) throws -> String {
        try StoreTables.writeOrder(of: table, sourceOrder: "rowid")
    }
}

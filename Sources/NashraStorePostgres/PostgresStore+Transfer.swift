import Foundation
public import NashraStore
import PostgresNIO

extension PostgresStore: TransferableStore {
    public func exportRows(of table: String, offset: Int, limit: Int) async throws -> TableRows {
        let order = try Self.writeOrder(table)
        return try await read { connection in
            let result = try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT * FROM \(table) ORDER BY \(order) LIMIT \(limit) OFFSET \(offset)"), logger: self.logger)
            var columns: [String] = []
            var rows: [[StoredValue]] = []
            for try await row in result {
                // The insertion order of sources is a column of its own here; the order of the rows carries it.
                let cells = row.filter { $0.columnName != "seq" }
                if columns.isEmpty { columns = cells.map(\.columnName) }
                rows.append(try cells.map(Self.storedValue))
            }
            return TableRows(table: table, columns: columns, rows: rows)
        }
    }

    public func importRows(_ rows: TableRows) async throws {
        _ = try Self.writeOrder(rows.table)
        guard !rows.rows.isEmpty, !rows.columns.isEmpty else { return }
        try await write { connection in
            let types = try await self.columnTypes(rows.table, connection)
            let columns = rows.columns.map { $0.lowercased() }
            // A statement carries at most 65,535 parameters.
            let perStatement = max(1, min(500, 60_000 / columns.count))
            for start in stride(from: 0, to: rows.rows.count, by: perStatement) {
                var bindings = PostgresBindings()
                var tuples: [String] = []
                for row in rows.rows[start..<min(rows.rows.count, start + perStatement)] {
                    var placeholders: [String] = []
                    for (column, value) in zip(columns, row) {
                        try Self.bind(value, as: types[column] ?? "text", column: column, into: &bindings)
                        placeholders.append("$\(bindings.count)")
                    }
                    tuples.append("(\(placeholders.joined(separator: ",")))")
                }
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL: "INSERT INTO \(rows.table) (\(columns.joined(separator: ","))) VALUES \(tuples.joined(separator: ","))",
                        binds: bindings), logger: self.logger)
            }
        }
    }

    public func rowCount(of table: String) async throws -> Int {
        _ = try Self.writeOrder(table)
        return try await read { connection in
            Int(try await connection.query(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table)"), logger: self.logger).all(Int64.self).first ?? 0)
        }
    }

    public func finishImport() async throws {
        try await write { connection in
            for (table, column) in [("subscription", "id"), ("article", "id"), ("fetchLog", "id"), ("articleSource", "seq")] {
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL: """
                            SELECT setval(pg_get_serial_sequence('\(table.lowercased())', '\(column)'),
                            COALESCE((SELECT MAX(\(column)) FROM \(table)), 1), (SELECT MAX(\(column)) FROM \(table)) IS NOT NULL)
                            """), logger: self.logger)
            }
        }
    }

    public func removeAllRows() async throws {
        try await write { connection in
            try await connection.query(
                PostgresQuery(unsafeSQL: "TRUNCATE \(StoreTables.copyOrder.joined(separator: ", ")) RESTART IDENTITY"), logger: self.logger)
        }
    }

    /// Column name → SQL type (`boolean`, `bigint`, `double precision`, `text`) of `table`.
    private func columnTypes(_ table: String, _ connection: PostgresConnection) async throws -> [String: String] {
        let rows = try await connection.query(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(table.lowercased())",
            logger: logger
        ).rows()
        return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.value("column_name", as: String.self), try $0.value("data_type", as: String.self)) })
    }

    private static func storedValue(_ cell: PostgresCell) throws -> StoredValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        default: return .text(try cell.decode(String.self))
        }
    }

    private static func bind(_ value: StoredValue, as type: String, column: String, into bindings: inout PostgresBindings) throws {
        switch (value, type) {
        case (.null, _): bindings.appendNull()
        case (.integer(let integer), "boolean"): bindings.append(integer != 0)
        case (.integer(let integer), "double precision"): bindings.append(Double(integer))
        case (.integer(let integer), _): bindings.append(integer)
        case (.real(let real), "bigint"): bindings.append(Int64(real))
        case (.real(let real), _): bindings.append(real)
        case (.text(let text), "text"): bindings.append(text)
        case (.text(let text), _):
            throw StoreError(code: .invalid, message: "column \(column) takes \(type), not the text \"\(text.prefix(40))\"")
        }
    }

    /// The order rows of `table` were written in; only the tables a copy knows are accepted.
    private static func writeOrder(_ table: String) throws -> String {
        try StoreTables.writeOrder(of: table, sourceOrder: "seq")
    }
}

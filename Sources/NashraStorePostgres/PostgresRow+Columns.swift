import PostgresNIO

extension PostgresRandomAccessRow {
    /// The value of a column, by the name the schema spells it (PostgreSQL folds unquoted names to lower case).
    func value<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try self[name.lowercased()].decode(T.self)
    }
}

extension PostgresRowSequence {
    /// Every row, each readable by column name.
    func rows() async throws -> [PostgresRandomAccessRow] {
        var rows: [PostgresRandomAccessRow] = []
        for try await row in self { rows.append(row.makeRandomAccess()) }
        return rows
    }

    /// Every row, decoded as `type` (the whole answer is read, so the connection is free afterwards).
    func all<T: PostgresDecodable & Sendable>(_ type: T.Type) async throws -> [T] {
        var values: [T] = []
        for try await value in decode(T.self) { values.append(value) }
        return values
    }
}

import NashraStore
import PostgresNIO

/// The `WHERE` clause of an `ArticleQuery` over `table` (an alias of `article`), with its page size.
struct ArticleFilter {
    private var conditions: [String] = []
    private var bindings = PostgresBindings()
    private let limit: Int64

    init(_ query: ArticleQuery, table: String) {
        limit = Int64(query.limit)
        if let origin = query.origin {
            bindings.append(origin.rawValue)
            conditions.append("\(table).origin = $\(bindings.count)")
        }
        if let section = query.section {
            bindings.append(section)
            conditions.append("\(table).section = $\(bindings.count)")
        }
        if let cursor = query.cursor {
            bindings.append(cursor.published)
            let published = bindings.count
            bindings.append(cursor.rowID)
            conditions.append("(\(table).published < $\(published) OR (\(table).published = $\(published) AND \(table).id < $\(bindings.count)))")
        }
    }

    /// The cursor after a full page (`published` and `id` columns), `nil` after the last one.
    func nextCursor(after rows: [PostgresRandomAccessRow]) throws -> ArticleCursor? {
        guard rows.count == limit, let last = rows.last else { return nil }
        return ArticleCursor(published: try last.value("published"), rowID: try last.value("id"))
    }

    /// `select`, the conditions, then `order` followed by the page size (`… LIMIT`).
    func query(_ select: String, then order: String) -> PostgresQuery {
        var bindings = self.bindings
        bindings.append(limit)
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return PostgresQuery(unsafeSQL: "\(select)\(filter) \(order) $\(bindings.count)", binds: bindings)
    }
}

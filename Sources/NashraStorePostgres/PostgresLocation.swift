import Foundation
import NashraStore
public import PostgresNIO

/// A `postgres://user:password@host:port/database?sslmode=…` URL, read into the client's
/// configuration. `?host=/run/postgresql` connects through a Unix socket directory instead;
/// `sslmode` is `disable`, `prefer` (the default) or `require`; `pool` caps the connections;
/// `connect_timeout` is in seconds.
public struct PostgresLocation: Sendable {
    public var configuration: PostgresClient.Configuration
    /// The URL without its password, for messages.
    public var displayName: String
    /// How long opening the store waits for a first connection (`?connect_timeout=` seconds, as libpq reads it).
    public var connectTimeout: Duration

    /// - Throws: `StoreError(.invalid)` when the URL cannot name a database.
    public init(url text: String) throws {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? "") else {
            throw StoreError(code: .invalid, message: "not a postgres:// URL: \(text)")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        let username = components.user.flatMap { $0.removingPercentEncoding } ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let password = components.password.flatMap { $0.removingPercentEncoding }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let database = path.isEmpty ? username : (path.removingPercentEncoding ?? path)
        let tls: PostgresClient.Configuration.TLS
        switch query["sslmode"] ?? "prefer" {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        case let mode: throw StoreError(code: .invalid, message: "unknown sslmode \(mode) in \(text)")
        }
        if let socketDirectory = query["host"], socketDirectory.hasPrefix("/") {
            let port = components.port ?? 5432
            configuration = .init(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username, password: password, database: database)
        } else {
            configuration = .init(
                host: components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1", port: components.port ?? 5432,
                username: username, password: password, database: database, tls: tls)
        }
        if let seconds = query["connect_timeout"] {
            guard let value = Int(seconds), value > 0 else {
                throw StoreError(code: .invalid, message: "connect_timeout must be a positive number of seconds in \(text)")
            }
            connectTimeout = .seconds(value)
        } else {
            connectTimeout = .seconds(10)
        }
        configuration.options.connectTimeout = connectTimeout
        if let pool = query["pool"] {
            guard let size = Int(pool), size > 0 else { throw StoreError(code: .invalid, message: "pool must be a positive number in \(text)") }
            configuration.options.maximumConnections = size
        }
        var shown = components
        shown.password = nil
        displayName = shown.string ?? text
    }
}

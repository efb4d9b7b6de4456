import Foundation

/// The PostgreSQL server tests may use: `NASHRA_TEST_POSTGRES_URL` (`.ci/run` starts one with
/// `Scripts/postgres-throwaway.sh`). Each test gets a database of its own, dropped afterwards.
public enum TestPostgres {
    public static var url: String? {
        ProcessInfo.processInfo.environment["NASHRA_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static let skipMessage =
        "PostgreSQL tests skipped: NASHRA_TEST_POSTGRES_URL is not set (Scripts/postgres-throwaway.sh start prints one; .ci/run sets it)"

    /// Runs `body` with the URL of a new, empty database on the test server, then drops it.
    public static func withFreshDatabase(_ body: (String) async throws -> Void) async throws {
        guard let base = url else { throw TestPostgresError("NASHRA_TEST_POSTGRES_URL is not set") }
        let (name, fresh) = try createDatabase(on: base, prefix: "nashra_t_")
        do {
            try await body(fresh)
        } catch {
            try? await execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: base)
            throw error
        }
        try await execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: base)
    }

    /// Creates a database with a new name on the server `base` names; returns the name and its URL.
    public static func createDatabase(on base: String, prefix: String) throws -> (name: String, url: String) {
        guard var components = URLComponents(string: base) else { throw TestPostgresError("not a URL: \(base)") }
        let name = prefix + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try run("CREATE DATABASE \(name)", on: base)
        components.path = "/\(name)"
        return (name, components.string!)
    }

    /// Runs one SQL statement with `psql` against `url`.
    public static func execute(_ sql: String, on url: String) async throws {
        try run(sql, on: url)
    }

    private static func run(_ sql: String, on url: String) throws {
        let result = try ExternalTool.run("/usr/bin/env", ["psql", "-v", "ON_ERROR_STOP=1", "-qAt", url, "-c", sql])
        if result.status != 0 { throw TestPostgresError("psql \(sql): \(result.stderr)") }
    }
}

/// The test server could not be used.
public struct TestPostgresError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

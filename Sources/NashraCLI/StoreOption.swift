import ArgumentParser
import Foundation
import NashraModel
import NashraStore
import NashraStorePostgres
import NashraStoreSQLite

/// `--store URL`, shared by every command that needs the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: "The store: a SQLite path (default nashra.sqlite) or postgres://…")
    var location: String = "nashra.sqlite"

    /// Opens the store the option names. Nothing below the CLI knows which engine it is.
    func open() async throws -> any Store {
        try await Self.open(location)
    }

    /// Whether the option names a PostgreSQL database rather than a SQLite file.
    var isPostgres: Bool { Self.isPostgres(location) }

    /// Opens the store at `location`: a `postgres://` URL, a `file:` URL or a SQLite path.
    static func open(_ location: String) async throws -> any Store {
        if isPostgres(location) { return try await PostgresStore(url: location) }
        let path = location.hasPrefix("file:") ? (URL(string: location)?.path ?? location) : location
        return try SQLiteStore(path: path)
    }

    static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }
}

/// `--every 15m`: `30s`, `15m`, `2h`, `1d`, any positive amount.
struct PollInterval: ExpressibleByArgument {
    let seconds: Int

    init(seconds: Int) {
        self.seconds = seconds
    }

    init?(argument: String) {
        guard let unit = argument.last, let amount = Int(argument.dropLast()), amount > 0 else { return nil }
        switch unit {
        case "s": seconds = amount
        case "m": seconds = amount * 60
        case "h": seconds = amount * 3600
        case "d": seconds = amount * 86_400
        default: return nil
        }
    }

    static var defaultCompletionKind: CompletionKind { .default }

    var defaultValueDescription: String {
        seconds % 3600 == 0 ? "\(seconds / 3600)h" : seconds % 60 == 0 ? "\(seconds / 60)m" : "\(seconds)s"
    }
}

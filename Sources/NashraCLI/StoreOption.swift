import ArgumentParser
import Foundation
import NashraModel
import NashraStore
import NashraStoreSQLite

/// `--store URL`, shared by every command that needs the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: "The store: a SQLite path (default nashra.sqlite) or postgres://…")
    var location: String = "nashra.sqlite"

    /// Opens the store the option names. Nothing below the CLI knows which engine it is.
    func open() throws -> any Store {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            throw CLIError("the PostgreSQL store is not in this build yet; use a SQLite path (see issue 7)")
        }
        let path = location.hasPrefix("file:") ? (URL(string: location)?.path ?? location) : location
        return try SQLiteStore(path: path)
    }
}

/// `--every 15m`: `30s`, `15m`, `2h`, `1d`, any positive amount.
struct PollInterval: ExpressibleByArgument {
    let seconds: Int

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
}

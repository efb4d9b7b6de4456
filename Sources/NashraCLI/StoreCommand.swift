import ArgumentParser
import Foundation
import NashraStore

/// `nashra store copy --from A --to B`.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Manage the store itself.",
        subcommands: [Copy.self]
    )

    /// Moves a whole site between stores (SQLite to PostgreSQL, or back), row for row.
    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy every article, subscription, fetch log and related list from one store into an empty one.",
            discussion: """
                Either side may be a SQLite path or a postgres:// URL. Ids, fetch state (validators, due times, \
                back-off) and related lists are kept, so pollers and servers carry on where they were. Stop the \
                pollers writing to --from first. The copy checks every table's row count at the end; if anything \
                fails, what was copied is removed from --to and the command exits 1.
                """
        )

        @Option(help: "The store to copy from: a SQLite path or postgres://…")
        var from: String

        @Option(help: "The store to copy into (must be empty): a SQLite path or postgres://…")
        var to: String

        @Option(help: "Rows read and written at a time.")
        var batch = 1_000

        func validate() throws {
            guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
            guard from != to else { throw ValidationError("--from and --to name the same store") }
        }

        func run() async throws {
            guard let source = try await StoreOptions.open(from) as? any TransferableStore,
                let target = try await StoreOptions.open(to) as? any TransferableStore
            else { throw CLIError("one of these stores cannot be copied row for row") }
            for table in StoreTables.copyOrder {
                let present = try await target.rowCount(of: table)
                if present > 0 { throw CLIError("\(to) is not empty (\(present) rows in \(table)); copy into a new store") }
            }
            do {
                for table in StoreTables.copyOrder {
                    let copied = try await copy(table, from: source, to: target)
                    printError("\(table): \(copied) rows")
                }
                try await target.finishImport()
                for table in StoreTables.copyOrder {
                    let (expected, found) = (try await source.rowCount(of: table), try await target.rowCount(of: table))
                    if expected != found {
                        throw CLIError("\(table) has \(found) rows in \(to) but \(expected) in \(from) (was --from written during the copy?)")
                    }
                }
            } catch {
                printError("nashra store copy: \(error)")
                do {
                    try await target.removeAllRows()
                    printError("nashra store copy: what was copied into \(to) has been removed")
                } catch {
                    printError("nashra store copy: \(to) could not be emptied again: \(error)")
                }
                throw ExitStatus.failure
            }
            print("copied \(from) to \(to)")
        }

        private func copy(_ table: String, from source: any TransferableStore, to target: any TransferableStore) async throws -> Int {
            var offset = 0
            while true {
                let rows = try await source.exportRows(of: table, offset: offset, limit: batch)
                try await target.importRows(rows)
                offset += rows.rows.count
                if rows.rows.count < batch { return offset }
            }
        }
    }
}

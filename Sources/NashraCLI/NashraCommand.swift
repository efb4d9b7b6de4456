public import ArgumentParser

/// The `nashra` command: publish, parse, aggregate, relate and serve news feeds.
public struct NashraCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "nashra",
        abstract: "Publish, parse and aggregate news feeds (RSS 2.0, Atom 1.0, JSON Feed).",
        version: "0.1.0",
        subcommands: [Publish.self, Parse.self, Articles.self, Feeds.self, Poll.self, Related.self, Serve.self, StoreCommand.self]
    )

    public init() {}
}

/// Exit statuses shared by every command (documented in README.md).
enum ExitStatus {
    /// Some inputs were rejected, the rest went through.
    static let partial = ExitCode(3)
    /// Nothing could be done.
    static let failure = ExitCode(1)
}

extension NashraCommand {
    /// Parses the process arguments and runs the chosen command, exiting with its status.
    public static func runFromCommandLine() async {
        await main()
    }
}

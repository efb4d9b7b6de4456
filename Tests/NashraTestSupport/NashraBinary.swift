public import Foundation

/// The built `nashra` executable, for tests that check the command line as a user sees it.
public enum NashraBinary {
    /// Path of the `nashra` built beside the test bundle.
    public static var path: String? {
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        candidates.append(Fixtures.packageRoot.appendingPathComponent(".build/debug"))
        for dir in candidates {
            var current = dir
            for _ in 0..<3 {
                let candidate = current.appendingPathComponent("nashra").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                current = current.deletingLastPathComponent()
            }
        }
        return nil
    }

    /// Runs `nashra arguments…` in `directory`.
    public static func run(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil, environment: [String: String]? = nil) throws -> ToolRun {
        guard let path else { throw BinaryMissing() }
        return try ExternalTool.run(path, arguments, stdin: stdin, environment: environment, currentDirectory: directory)
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var description: String { "the nashra executable was not found next to the tests; run swift build first" }
    }
}

extension NashraBinary {
    /// Runs `nashra arguments…` off Swift's cooperative thread pool.
    ///
    /// Tests that serve HTTP from their own process must use this: the
    /// server's handlers run on the cooperative pool (two threads on a
    /// two-core machine), and a test blocked in `waitUntilExit` there can
    /// starve the very server its child is talking to.
    public static func runDetached(
        _ arguments: [String], stdin: Data? = nil, in directory: URL? = nil, environment: [String: String]? = nil
    ) async throws -> ToolRun {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try run(arguments, stdin: stdin, in: directory, environment: environment) })
            }
        }
    }
}

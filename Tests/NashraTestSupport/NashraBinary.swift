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
    /// Runs `nashra arguments…` on a thread of its own.
    ///
    /// Tests that serve HTTP from their own process must use this: the
    /// server's handlers run on Swift's cooperative pool, which on Linux sits
    /// on libdispatch's global queues (about one thread per core), and a test
    /// blocked in `waitUntilExit` on either can starve the very server its
    /// child is talking to.
    public static func runDetached(
        _ arguments: [String], stdin: Data? = nil, in directory: URL? = nil, environment: [String: String]? = nil
    ) async throws -> ToolRun {
        try await onOwnThread { try run(arguments, stdin: stdin, in: directory, environment: environment) }
    }
}

/// Runs blocking work on a new thread (not the cooperative pool, not a
/// global dispatch queue) and resumes with its result.
public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.start()
    }
}

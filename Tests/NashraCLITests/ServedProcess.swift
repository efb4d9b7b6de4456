import Foundation
import NashraTestSupport
import Testing

/// A `nashra serve` started for a test, with its standard output in a file.
struct ServedProcess {
    let process: Process
    let output: URL

    static func start(_ arguments: [String]) throws -> ServedProcess {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-served-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(NashraBinary.path))
        process.arguments = arguments
        process.currentDirectoryURL = Fixtures.packageRoot
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        return ServedProcess(process: process, output: output)
    }

    /// What the server printed so far.
    func printed() -> String {
        (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    /// `http://127.0.0.1:PORT`, from the line the server prints at start.
    func baseURL() async throws -> String {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline, process.isRunning {
            let text = printed()
            if let line = text.split(separator: "\n").first(where: { $0.contains("listening on ") }), let url = line.split(separator: " ").last {
                return String(url.dropLast())
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw NotListening(printed: printed())
    }

    /// SIGTERM, then the exit status.
    func stop() async throws -> Int32 {
        Foundation.kill(process.processIdentifier, SIGTERM)
        let process = process
        return try await onOwnThread {
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: output)
    }

    /// The server printed no address within 30 s (or exited).
    struct NotListening: Error, CustomStringConvertible {
        let printed: String
        var description: String { "no 'listening on' line: \(printed)" }
    }
}

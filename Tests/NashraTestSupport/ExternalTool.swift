public import Foundation

/// Runs a program from `PATH` (xmllint, the built `nashra`) and captures what it said.
public struct ToolRun: Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: String

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
}

public enum ExternalTool {
    /// Full path of `name` on `PATH`, or `nil`.
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs `executable` with `arguments`, feeding `stdin`.
    public static func run(
        _ executable: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil,
        currentDirectory: URL? = nil
    ) throws -> ToolRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Drain both pipes concurrently so a chatty tool cannot block on a full pipe. The readers
        // block, so they get threads of their own: on Linux the global dispatch queues also carry
        // Swift's cooperative pool, and tying them up starves the tests' fixture servers.
        let outBox = DataBox()
        let errBox = DataBox()
        let group = DispatchGroup()
        for (pipe, box) in [(out, outBox), (err, errBox)] {
            group.enter()
            Thread {
                box.data = readToEnd(pipe.fileHandleForReading)
                group.leave()
            }.start()
        }
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try? input.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return ToolRun(status: process.terminationStatus, stdout: outBox.data, stderr: String(decoding: errBox.data, as: UTF8.self))
    }

    /// `xmllint --noout` (plus `--relaxng schema` when given) on a document.
    /// - Returns: `nil` when the document passes, else xmllint's complaint.
    public static func xmllint(_ document: Data, relaxNG schema: URL? = nil) throws -> String? {
        guard let xmllint = find("xmllint") else { return "xmllint is not installed (apt-get install libxml2-utils)" }
        var arguments = ["--noout", "--nonet"]
        if let schema { arguments += ["--relaxng", schema.path] }
        let run = try run(xmllint, arguments + ["-"], stdin: document)
        return run.status == 0 ? nil : run.stderr
    }
}

/// Everything left in a pipe. A plain thread takes signals (SIGCHLD as children exit), and
/// `readDataToEndOfFile` crashes on the EINTR that follows, so read in a loop that retries.
private func readToEnd(_ handle: FileHandle) -> Data {
    var data = Data()
    while true {
        do {
            guard let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty else { return data }
            data.append(chunk)
        } catch let error as NSError where (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.code == Int(EINTR) || error.code == Int(EINTR) {
            continue
        } catch {
            return data
        }
    }
}

// why: written by one reader thread and read after group.wait(), which orders the accesses.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}

import Foundation

/// Where a command's document goes: standard output, or a file replaced
/// atomically (written beside it under a temporary name, then renamed), so a
/// reader never sees half a feed.
final class DocumentOutput {
    private let handle: FileHandle
    private let destination: String?
    private let temporaryPath: String?

    init(path: String?) throws {
        guard let path, path != "-" else {
            handle = FileHandle.standardOutput
            destination = nil
            temporaryPath = nil
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw CLIError("cannot create \(temporary)")
        }
        guard let handle = FileHandle(forWritingAtPath: temporary) else { throw CLIError("cannot open \(temporary)") }
        self.handle = handle
        destination = path
        temporaryPath = temporary
    }

    func write(_ data: Data) throws {
        try handle.write(contentsOf: data)
    }

    /// Makes the document visible under its name.
    func commit() throws {
        guard let destination, let temporaryPath else { return }
        try handle.synchronize()
        try handle.close()
        guard rename(temporaryPath, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw CLIError("cannot move the feed into place at \(destination): \(reason)")
        }
    }

    /// Throws the half-written document away.
    func discard() {
        guard let temporaryPath else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporaryPath)
    }
}

/// A failure the user can act on, printed as is.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

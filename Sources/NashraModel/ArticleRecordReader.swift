import Foundation

/// Reads article records from a JSON array file, an NDJSON file or a folder
/// of `.json` files, one record at a time.
///
/// NDJSON is streamed in fixed-size chunks, so memory stays bounded by the
/// largest record; a JSON array or a folder file is read whole (they are
/// meant for hand-edited inputs).
public struct ArticleRecordReader: Sendable {
    /// What one record turned into.
    public enum Outcome: Sendable {
        case article(Article)
        case rejected(RecordError)
    }

    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Calls `body` with every record in order, valid or rejected.
    /// - Throws: when the input cannot be read at all (missing file, not JSON),
    ///   or whatever `body` throws.
    public func forEach(_ body: (Outcome) throws -> Void) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RecordError(location: path, field: nil, reason: "no such file or folder")
        }
        if isDirectory.boolValue {
            let names = try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { $0.hasSuffix(".json") }.sorted()
            var index = 0
            for name in names {
                let file = (path as NSString).appendingPathComponent(name)
                try Self.readWhole(file, startIndex: &index, body)
            }
            return
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RecordError(location: path, field: nil, reason: "cannot open for reading")
        }
        defer { try? handle.close() }
        let head = handle.readData(ofLength: 4096)
        if head.first(where: { !Self.isJSONSpace($0) }) == UInt8(ascii: "[") {
            var index = 0
            try Self.readWhole(path, startIndex: &index, body)
        } else {
            try handle.seek(toOffset: 0)
            try Self.readLines(handle, name: path, body)
        }
    }

    static func isJSONSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0xEF || b == 0xBB || b == 0xBF }

    /// A JSON array of records, or a single record object.
    static func readWhole(_ file: String, startIndex index: inout Int, _ body: (Outcome) throws -> Void) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: data) } catch {
            throw RecordError(location: file, field: nil, reason: "not valid JSON: \(Self.describe(error))")
        }
        let records = (json as? [Any]) ?? [json]
        for record in records {
            try body(outcome(of: record, index: index, location: file))
            index += 1
        }
    }

    static func readLines(_ handle: FileHandle, name: String, _ body: (Outcome) throws -> Void) throws {
        var buffer = Data()
        var lineNumber = 0
        var index = 0
        func emit(_ line: Data) throws {
            lineNumber += 1
            guard line.contains(where: { !isJSONSpace($0) }) else { return }
            let location = "\(name):\(lineNumber)"
            let outcome: Outcome
            do {
                outcome = Self.outcome(of: try JSONSerialization.jsonObject(with: line), index: index, location: location)
            } catch {
                outcome = .rejected(RecordError(recordIndex: index, location: location, field: nil, reason: "not valid JSON: \(describe(error))"))
            }
            index += 1
            try body(outcome)
        }
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            buffer.append(chunk)
            var start = buffer.startIndex
            while let newline = buffer[start...].firstIndex(of: 0x0A) {
                try emit(buffer[start..<newline])
                start = buffer.index(after: newline)
            }
            buffer = Data(buffer[start...])
        }
        if !buffer.isEmpty { try emit(buffer) }
    }

    static func outcome(of record: Any, index: Int, location: String) -> Outcome {
        do {
            return .article(try Article(record: record))
        } catch {
            var error = error
            error.recordIndex = index
            error.location = location
            if error.recordID == nil, let id = (record as? [String: Any])?["id"] as? String { error.recordID = id }
            return .rejected(error)
        }
    }

    static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
    }
}

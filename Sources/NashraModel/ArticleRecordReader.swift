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
        var records = try makeIterator()
        while let outcome = try records.next() { try body(outcome) }
    }

    /// An iterator over the records, for callers that do asynchronous work between them.
    /// - Throws: when the input does not exist or cannot be opened.
    public func makeIterator() throws -> Records {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RecordError(location: path, field: nil, reason: "no such file or folder")
        }
        if isDirectory.boolValue {
            let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") }.sorted()
            return Records(source: .files(names.map { (path as NSString).appendingPathComponent($0) }))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RecordError(location: path, field: nil, reason: "cannot open for reading")
        }
        let head = handle.readData(ofLength: 4096)
        if head.first(where: { !Self.isJSONSpace($0) }) == UInt8(ascii: "[") {
            try? handle.close()
            return Records(source: .files([path]))
        }
        try handle.seek(toOffset: 0)
        return Records(source: .lines(handle, name: path))
    }

    /// The records of one input, in order.
    public struct Records {
        enum Source {
            case files([String])
            case lines(FileHandle, name: String)
        }

        var source: Source
        /// Records parsed from the current whole file, not handed out yet.
        var pending: [(Any, String)] = []
        var pendingIndex = 0
        var buffer = Data()
        var lineNumber = 0
        var index = 0
        var finished = false

        init(source: Source) { self.source = source }

        /// The next record, or `nil` at the end.
        /// - Throws: when a whole-file input is not valid JSON, or reading fails.
        public mutating func next() throws -> Outcome? {
            switch source {
            case .files(var files):
                while pendingIndex >= pending.count {
                    guard !files.isEmpty else { return nil }
                    let file = files.removeFirst()
                    source = .files(files)
                    pending = try Self.records(inFile: file)
                    pendingIndex = 0
                }
                let (record, location) = pending[pendingIndex]
                pendingIndex += 1
                defer { index += 1 }
                return ArticleRecordReader.outcome(of: record, index: index, location: location)
            case .lines(let handle, let name):
                while true {
                    if let newline = buffer.firstIndex(of: 0x0A) {
                        let line = buffer[buffer.startIndex..<newline]
                        buffer = Data(buffer[buffer.index(after: newline)...])
                        lineNumber += 1
                        if let outcome = lineOutcome(line, name: name) { return outcome }
                        continue
                    }
                    if finished {
                        guard !buffer.isEmpty else {
                            try? handle.close()
                            return nil
                        }
                        let line = buffer
                        buffer = Data()
                        lineNumber += 1
                        if let outcome = lineOutcome(line, name: name) { return outcome }
                        continue
                    }
                    let chunk = handle.readData(ofLength: 1 << 20)
                    if chunk.isEmpty { finished = true } else { buffer.append(chunk) }
                }
            }
        }

        mutating func lineOutcome(_ line: Data, name: String) -> Outcome? {
            guard line.contains(where: { !isJSONSpace($0) }) else { return nil }
            let location = "\(name):\(lineNumber)"
            defer { index += 1 }
            do {
                return ArticleRecordReader.outcome(of: try JSONSerialization.jsonObject(with: line), index: index, location: location)
            } catch {
                return .rejected(
                    RecordError(recordIndex: index, location: location, field: nil, reason: "not valid JSON: \(ArticleRecordReader.describe(error))"))
            }
        }

        /// A JSON array of records, or a single record object.
        static func records(inFile file: String) throws -> [(Any, String)] {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let json: Any
            do { json = try JSONSerialization.jsonObject(with: data) } catch {
                throw RecordError(location: file, field: nil, reason: "not valid JSON: \(ArticleRecordReader.describe(error))")
            }
            return ((json as? [Any]) ?? [json]).map { ($0, file) }
        }
    }

    static func isJSONSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0xEF || b == 0xBB || b == 0xBF }

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

private func isJSONSpace(_ b: UInt8) -> Bool { ArticleRecordReader.isJSONSpace(b) }

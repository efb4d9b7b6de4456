import Foundation
import NashraTestSupport

/// `nashra-bench poll N`: N partner feeds served from a local server (a child
/// process), polled by the real `nashra poll --once` twice: the first pass
/// fetches, parses and stores everything; the second is mostly 304s.
enum PollBenchmark {
    static func run(feeds: Int) throws {
        let name = String(format: "%04d", feeds - 1)
        try Corpus.ensure(corpus, arguments: ["--only", "small", "--small-feeds", String(feeds)], expect: "small/feed-\(name).xml")
        let nashra = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("nashra").path
        guard FileManager.default.isExecutableFile(atPath: nashra) else {
            throw BenchError("build nashra beside nashra-bench first: swift build -c release")
        }

        // The server runs in its own process so its CPU is not counted as the poller's.
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).absoluteURL
        server.arguments = ["phase", "serve", "\(corpus)/small", String(feeds)]
        let serverOut = Pipe()
        server.standardOutput = serverOut
        server.standardInput = Pipe()
        try server.run()
        defer { server.terminate() }
        guard let portLine = readLine(serverOut.fileHandleForReading), let port = Int(portLine) else {
            throw BenchError("the corpus server did not start")
        }

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-bench-poll-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("nashra.sqlite").path
        let urls = (0..<feeds).map { URL(string: "http://127.0.0.1:\(port)/feed-\(String(format: "%04d", $0)).xml")! }
        let opml = dir.appendingPathComponent("partners.opml")
        try Data(FeedFactory.opml(urls).utf8).write(to: opml)
        let environment = ["NASHRA_FETCH_ALLOW": "127.0.0.1"]
        _ = try command(nashra, ["feeds", "import", opml.path, "--store", store], environment)

        print("# poll: \(feeds) subscriptions on one local host (at most 2 requests at a time per host)")
        print("| pass | feeds | seconds | feeds/s | CPU s/feed | peak RSS MB | new | errors |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for pass in ["first (200, parse, store)", "second (304)"] {
            if pass.hasPrefix("second") { _ = try command(nashra, ["feeds", "refresh", "--store", store], environment) }
            let stats = try command(nashra, ["poll", "--once", "--stats", "--store", store], environment)
            // "nashra poll: 2000 feeds, 40000 new, 0 updated, 0 same-story, 0 errors, 9.1 s, CPU 8.0 s, peak memory 40.1 MB"
            let words = stats.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" })
            func number(before unit: String, nth: Int = 0) -> Double {
                let indices = words.indices.filter { words[$0] == unit }
                guard nth < indices.count, indices[nth] > 0 else { return .nan }
                return Double(words[indices[nth] - 1]) ?? .nan
            }
            let done = number(before: "feeds")
            let seconds = number(before: "s")
            let cpu = words.firstIndex(of: "CPU").flatMap { Double(words[$0 + 1]) } ?? .nan
            print(
                String(
                    format: "| %@ | %.0f | %.2f | %.0f | %.4f | %.1f | %.0f | %.0f |", pass, done, seconds, done / seconds, cpu / done,
                    number(before: "MB"), number(before: "new"), number(before: "errors")))
        }
    }

    /// Runs a command and returns its stderr (where `--stats` goes), or its stdout when `stdout`.
    static func command(_ path: String, _ arguments: [String], _ environment: [String: String], stdout: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let captured = Pipe()
        if stdout {
            process.standardOutput = captured
            process.standardError = FileHandle.nullDevice
        } else {
            process.standardError = captured
            process.standardOutput = FileHandle.nullDevice
        }
        try process.run()
        let data = captured.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("\(arguments.prefix(2).joined(separator: " ")) failed: \(String(decoding: data, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func readLine(_ handle: FileHandle) -> String? {
        var bytes: [UInt8] = []
        while let byte = try? handle.read(upToCount: 1), let first = byte.first {
            if first == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(first)
        }
        return nil
    }

    /// The server phase: every corpus feed at `/feed-NNNN.xml`, with an ETag, until stdin closes.
    static func serve(directory: String, feeds: Int) async throws {
        var routes: [String: FixtureRoute] = [:]
        for k in 0..<feeds {
            let name = "feed-\(String(format: "%04d", k)).xml"
            let body = try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
            routes["/\(name)"] = .conditional(body: body, etag: "\"v1-\(k)\"", lastModified: "Thu, 13 Feb 2025 12:12:00 GMT")
        }
        let server = try await FixtureHTTPServer.start(routes)
        FileHandle.standardOutput.write(Data("\(server.port)\n".utf8))
        // Serve until the driver closes our stdin (or terminates us).
        while let chunk = try? FileHandle.standardInput.read(upToCount: 1), !chunk.isEmpty {}
        await server.stop()
    }
}

import Foundation
import NashraTestSupport

/// `nashra-bench pollers [FEEDS]`: the first pass over FEEDS partner feeds (default 5,000),
/// by 1 and by 4 `nashra poll --once` processes sharing one store, on SQLite and (when
/// `NASHRA_BENCH_POSTGRES_URL` names a server) on PostgreSQL.
///
/// The feeds are make_corpus feeds (20 items each), served by a child process from 40 loopback
/// addresses (127.0.0.1–127.0.0.40, so the 2-per-host limit is not what is measured), each
/// answer held 100 ms as a partner across the internet would. The pass is timed from the
/// pollers' start to the last feed's fetch; the related-lists refresh that follows is printed
/// apart.
enum SharedPollBenchmark {
    static let hosts = 40
    static let latency = 100

    static func run(feeds: Int) throws {
        let name = String(format: "%04d", feeds - 1)
        try Corpus.ensure(corpus, arguments: ["--only", "small", "--small-feeds", String(feeds)], expect: "small/feed-\(name).xml")
        let bench = URL(fileURLWithPath: CommandLine.arguments[0]).absoluteURL
        let nashra = bench.deletingLastPathComponent().appendingPathComponent("nashra").path
        guard FileManager.default.isExecutableFile(atPath: nashra) else {
            throw BenchError("build nashra beside nashra-bench first: swift build -c release")
        }
        let server = Process()
        server.executableURL = bench
        server.arguments = ["phase", "serve-hosts", "\(corpus)/small", String(feeds), String(hosts), String(latency)]
        let serverOut = Pipe()
        server.standardOutput = serverOut
        server.standardInput = Pipe()
        try server.run()
        defer { server.terminate() }
        var ports: [Int] = []
        for _ in 0..<hosts {
            guard let line = PollBenchmark.readLine(serverOut.fileHandleForReading), let port = Int(line) else {
                throw BenchError("the corpus servers did not start")
            }
            ports.append(port)
        }
        let urls = (0..<feeds).map { k in
            URL(string: "http://127.0.0.\(k % hosts + 1):\(ports[k % hosts])/feed-\(String(format: "%04d", k)).xml")!
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-bench-pollers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let opml = dir.appendingPathComponent("partners.opml")
        try Data(FeedFactory.opml(urls).utf8).write(to: opml)

        print("# pollers: first pass over \(feeds) feeds, \(hosts) hosts, \(latency) ms per answer, 16 fetches at a time per poller")
        print("| store | pollers | pass s | feeds/s | then related s | requests | feeds fetched | articles |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        var engines: [(String, () throws -> String)] = [("SQLite", { dir.appendingPathComponent("s-\(UUID().uuidString).sqlite").path })]
        if let base = ProcessInfo.processInfo.environment["NASHRA_BENCH_POSTGRES_URL"], !base.isEmpty {
            // A new database for each run.
            engines.append(("PostgreSQL", { try TestPostgres.createDatabase(on: base, prefix: "nashra_bench_").url }))
        } else {
            print("(PostgreSQL skipped: set NASHRA_BENCH_POSTGRES_URL, e.g. from Scripts/postgres-throwaway.sh start)")
        }
        for (engine, makeStore) in engines {
            for pollers in [1, 4] {
                let store = try makeStore()
                try measure(
                    engine: engine, store: store, pollers: pollers, opml: opml.path, nashra: nashra, server: (server, serverOut))
            }
        }
    }

    static func measure(engine: String, store: String, pollers: Int, opml: String, nashra: String, server: (Process, Pipe)) throws {
        let environment = ["NASHRA_FETCH_ALLOW": "127.0.0.0/8"]
        _ = try PollBenchmark.command(nashra, ["feeds", "import", opml, "--store", store], environment)
        let (requestsBefore, _) = try serverStats(server)
        let started = Date()
        var processes: [Process] = []
        for _ in 0..<pollers {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: nashra)
            process.arguments = ["poll", "--once", "--concurrency", "16", "--store", store]
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            processes.append(process)
        }
        for process in processes { process.waitUntilExit() }
        let finished = Date()
        guard processes.allSatisfy({ $0.terminationStatus == 0 }) else { throw BenchError("a poller failed on \(engine)") }
        let (requestsAfter, lastRequest) = try serverStats(server)
        // The pass ends with the last answer (sent `latency` after its request) and its transaction, which
        // the related refresh follows at once: the last request plus the latency is within milliseconds of it.
        let passEnd = lastRequest.addingTimeInterval(Double(latency) / 1000)
        let pass = passEnd.timeIntervalSince(started)

        let listed = try PollBenchmark.command(nashra, ["feeds", "list", "--json", "--store", store], [:], stdout: true)
        let fetched = listed.split(separator: "\n").filter { $0.contains("\"lastStatus\":200") }.count
        let articles = try PollBenchmark.command(nashra, ["articles", "list", "--json", "--store", store], [:], stdout: true)
            .split(separator: "\n").count
        print(
            String(
                format: "| %@ | %d | %.2f | %.0f | %.2f | %d | %d | %d |", engine, pollers, pass, Double(fetched) / pass,
                finished.timeIntervalSince(passEnd), requestsAfter - requestsBefore, fetched, articles))
    }

    /// Requests the corpus servers answered so far, and when the last one came.
    static func serverStats(_ server: (Process, Pipe)) throws -> (Int, Date) {
        guard let input = server.0.standardInput as? Pipe else { throw BenchError("the corpus servers take no commands") }
        input.fileHandleForWriting.write(Data("stats\n".utf8))
        guard let line = PollBenchmark.readLine(server.1.fileHandleForReading) else { throw BenchError("the corpus servers stopped") }
        let parts = line.split(separator: " ")
        guard parts.count == 2, let count = Int(parts[0]), let last = Double(parts[1]) else { throw BenchError("bad stats line: \(line)") }
        return (count, Date(timeIntervalSince1970: last))
    }

    /// The server phase: the corpus feeds spread over `hosts` loopback addresses, each answer
    /// held `latency` ms; prints each server's port, one per line, then serves until stdin closes.
    static func serve(directory: String, feeds: Int, hosts: Int, latency: Int) async throws {
        var servers: [FixtureHTTPServer] = []
        for h in 0..<hosts {
            var routes: [String: FixtureRoute] = [:]
            for k in stride(from: h, to: feeds, by: hosts) {
                let name = "feed-\(String(format: "%04d", k)).xml"
                let body = Array(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name)")))
                routes["/\(name)"] = FixtureRoute { _, _ in
                    FixtureResponse(
                        status: 200, headers: [("Content-Type", "application/rss+xml; charset=utf-8")], body: body,
                        delayBeforeHead: .milliseconds(latency))
                }
            }
            let server = try await FixtureHTTPServer.start(routes, host: "127.0.0.\(h + 1)")
            servers.append(server)
            FileHandle.standardOutput.write(Data("\(server.port)\n".utf8))
        }
        // "stats" on stdin: the requests answered so far and the time of the last one; EOF: stop.
        while let line = PollBenchmark.readLine(FileHandle.standardInput) {
            guard line == "stats" else { continue }
            var count = 0
            var last = 0.0
            for server in servers {
                let requests = await server.requests
                count += requests.count
                last = max(last, requests.map(\.time.timeIntervalSince1970).max() ?? 0)
            }
            FileHandle.standardOutput.write(Data("\(count) \(last)\n".utf8))
        }
        for server in servers { await server.stop() }
    }
}

import Foundation

/// `nashra-bench serve [SECONDS]`: `wrk` on loopback against `nashra serve`'s
/// `/feed.rss` and against nginx serving the same bytes as a static file, in
/// the same run, on the 200 path and on the 304 path (`If-None-Match`), also
/// with `Accept-Encoding: gzip` as readers send it.
/// Needs `wrk` and `nginx` (Debian: `apt-get install wrk nginx-light`).
enum ServeBenchmark {
    static func run(seconds: Int) throws {
        let nashra = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("nashra").path
        guard FileManager.default.isExecutableFile(atPath: nashra) else {
            throw BenchError("build nashra beside nashra-bench first: swift build -c release")
        }
        guard let wrk = which("wrk"), let nginx = which("nginx") else {
            throw BenchError("wrk and nginx are needed: apt-get install wrk nginx-light")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-bench-serve-\(UUID().uuidString)")
        let www = dir.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: www, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        // nashra serve on the fixture site (a new store, run from the repository root), schedule off.
        let server = Process()
        server.executableURL = URL(fileURLWithPath: nashra)
        server.arguments = ["serve", "--port", "0", "--no-poll", "--log-level", "warning", "--store", dir.appendingPathComponent("nashra.sqlite").path]
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate() }
        var nashraBase: String?
        while nashraBase == nil, let line = PollBenchmark.readLine(output.fileHandleForReading) {
            if let range = line.range(of: "listening on ") { nashraBase = String(line[range.upperBound...].dropLast()) }
        }
        guard let nashraBase else { throw BenchError("nashra serve did not start") }
        let nashraURL = nashraBase + "/feed.rss"

        // nginx serving the very bytes nashra serves.
        let (body, nashraETag) = try fetch(nashraURL)
        try body.write(to: www.appendingPathComponent("feed.rss"))
        let nginxPort = try freePort()
        let config = dir.appendingPathComponent("nginx.conf")
        try Data(
            """
            daemon off;
            worker_processes auto;
            pid \(dir.path)/nginx.pid;
            error_log \(dir.path)/error.log;
            events { worker_connections 1024; }
            http {
                access_log off;
                types { application/rss+xml rss; }
                server {
                    listen 127.0.0.1:\(nginxPort);
                    root \(www.path);
                    add_header Cache-Control "public, max-age=300";
                }
            }
            """.utf8
        ).write(to: config)
        let web = Process()
        web.executableURL = URL(fileURLWithPath: nginx)
        web.arguments = ["-c", config.path, "-p", dir.path]
        web.standardError = FileHandle.nullDevice
        try web.run()
        defer { web.terminate() }
        let nginxURL = "http://127.0.0.1:\(nginxPort)/feed.rss"
        var nginxETag = ""
        for _ in 0..<50 where nginxETag.isEmpty {
            Thread.sleep(forTimeInterval: 0.1)
            nginxETag = (try? fetch(nginxURL).etag) ?? ""
        }
        guard !nginxETag.isEmpty else { throw BenchError("nginx did not start") }

        print("# serve: wrk -t2 -c64 -d\(seconds)s on loopback, /feed.rss of the fixture site (\(body.count) bytes)")
        print("| path | server | requests/s | p99 latency | vs nginx |")
        print("|---|---|---:|---:|---:|")
        // What readers send: the gzip form has an ETag of its own; nginx (gzip off) ignores the field.
        let acceptGzip = "Accept-Encoding: gzip, deflate, br"
        let nashraGzipETag = try fetch(nashraURL, header: acceptGzip).etag
        for (label, nashraHeaders, nginxHeaders) in [
            ("200", [], []), ("304 (If-None-Match)", ["If-None-Match: \(nashraETag)"], ["If-None-Match: \(nginxETag)"]),
            (
                "304 (If-None-Match, gzip accepted)", ["If-None-Match: \(nashraGzipETag)", acceptGzip],
                ["If-None-Match: \(nginxETag)", acceptGzip]
            ),
        ] {
            let ours = try load(wrk, nashraURL, headers: nashraHeaders, seconds: seconds)
            let theirs = try load(wrk, nginxURL, headers: nginxHeaders, seconds: seconds)
            print(String(format: "| %@ | nginx | %.0f | %@ | 1.00 |", label, theirs.requestsPerSecond, theirs.p99))
            print(
                String(
                    format: "| %@ | nashra | %.0f | %@ | **%.2f** |", label, ours.requestsPerSecond, ours.p99,
                    ours.requestsPerSecond / theirs.requestsPerSecond))
        }
    }

    /// One wrk run: requests per second and the 99th-percentile latency as wrk prints it.
    static func load(_ wrk: String, _ url: String, headers: [String], seconds: Int) throws -> (requestsPerSecond: Double, p99: String) {
        var arguments = ["-t2", "-c64", "-d\(seconds)s", "--latency"]
        for header in headers { arguments += ["-H", header] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = arguments + [url]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var rate = Double.nan
        var p99 = "?"
        var non2xx = 0
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            if line.hasPrefix("Requests/sec:"), let value = words.last { rate = Double(value) ?? .nan }
            if words.first == "99%", let value = words.last { p99 = String(value) }
            if line.contains("Non-2xx or 3xx responses:"), let value = words.last { non2xx = Int(value) ?? 0 }
        }
        guard non2xx == 0, rate.isFinite else { throw BenchError("wrk against \(url) failed:\n\(text)") }
        return (rate, p99)
    }

    /// GET `url`, with one more request field when given (`Name: value`): the body and the ETag.
    static func fetch(_ url: String, header: String? = nil) throws -> (body: Data, etag: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = """
            import sys, urllib.request
            request = urllib.request.Request(sys.argv[1])
            if len(sys.argv) > 2:
                name, value = sys.argv[2].split(":", 1)
                request.add_header(name, value.strip())
            r = urllib.request.urlopen(request, timeout=5)
            body = r.read()
            sys.stderr.write(r.headers.get('ETag', ''))
            sys.stdout.buffer.write(body)
            """
        process.arguments = ["python3", "-c", script, url] + (header.map { [$0] } ?? [])
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let body = out.fileHandleForReading.readDataToEndOfFile()
        let etag = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("GET \(url) failed: \(etag)") }
        return (body, etag)
    }

    /// A port nothing listens on now (asked of the kernel by binding port 0).
    static func freePort() throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw BenchError("no free port") }
        return port
    }

    static func which(_ name: String) -> String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").components(separatedBy: ":") + ["/usr/sbin"]
        for directory in directories {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

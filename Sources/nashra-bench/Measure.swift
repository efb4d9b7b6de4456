import Foundation

/// What one measured phase reports back to the driver (as one JSON line).
struct PhaseResult: Codable {
    var name: String
    var seconds: Double
    var cpuSeconds: Double
    var bytes: Int
    var items: Int
    var peakRSSBytes: Int

    var megabytesPerSecond: Double { Double(bytes) / 1_000_000 / seconds }
    var itemsPerSecond: Double { Double(items) / seconds }
}

enum Measure {
    /// Peak resident set size of this process (Linux `VmHWM`).
    static func peakRSS() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kb * 1024
        }
        return 0
    }

    /// User + system CPU time of this process.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Times `body`, which returns (bytes, items), and prints the result as JSON for the driver.
    static func phase(_ name: String, _ body: () throws -> (bytes: Int, items: Int)) rethrows {
        let cpu0 = cpuSeconds()
        let start = DispatchTime.now()
        let (bytes, items) = try body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let result = PhaseResult(
            name: name, seconds: seconds, cpuSeconds: cpuSeconds() - cpu0, bytes: bytes, items: items, peakRSSBytes: peakRSS())
        let data = try! JSONEncoder().encode(result)
        print(String(decoding: data, as: UTF8.self))
    }

    /// Runs a phase in a fresh child process (so peak memory is the phase's own) and reads its result.
    static func runChild(_ arguments: [String]) throws -> PhaseResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).absoluteURL
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last else {
            throw BenchError("phase \(arguments.joined(separator: " ")) failed with status \(process.terminationStatus)")
        }
        return try JSONDecoder().decode(PhaseResult.self, from: Data(line.utf8))
    }

    /// Best of `runs` (shortest wall time): the machines are shared and noisy.
    static func best(of runs: Int, _ arguments: [String]) throws -> PhaseResult {
        var results: [PhaseResult] = []
        for _ in 0..<runs { results.append(try runChild(arguments)) }
        return results.min { $0.seconds < $1.seconds }!
    }

    static func table(_ title: String, _ rows: [PhaseResult], baseline: String) {
        print("\n## \(title)")
        print("| run | seconds | CPU s | MB/s | items/s | peak RSS MB | MB/s vs \(baseline) |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        let base = rows.first { $0.name == baseline }
        for r in rows {
            let ratio = base.map { String(format: "%.2f", r.megabytesPerSecond / $0.megabytesPerSecond) } ?? "-"
            print(
                String(
                    format: "| %@ | %.2f | %.2f | %.1f | %.0f | %.1f | %@ |", r.name, r.seconds, r.cpuSeconds, r.megabytesPerSecond,
                    r.itemsPerSecond, Double(r.peakRSSBytes) / 1_048_576, ratio))
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Generates (once) a corpus with `shared/tools/make_corpus.py`.
enum Corpus {
    static func ensure(_ directory: String, arguments: [String], expect path: String) throws {
        if FileManager.default.fileExists(atPath: "\(directory)/\(path)") { return }
        let script = ["../shared/tools/make_corpus.py", "../../shared/tools/make_corpus.py"].first {
            FileManager.default.fileExists(atPath: $0)
        }
        guard let script else { throw BenchError("../shared/tools/make_corpus.py not found: run from the repository root") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, "--out", directory] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("make_corpus.py failed") }
    }
}

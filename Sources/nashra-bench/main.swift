// nashra-bench: prints Nashra's throughput and memory beside raw libxml2 (and
// Foundation's XMLParser) in the same run. Every phase runs in its own child
// process so that its peak RSS is its own. Run from the repository root:
//
//   swift run -c release nashra-bench publish [RECORDS]     (default 100000)
//   swift run -c release nashra-bench parse [SMALL] [HUGE_MB] (default 1000 feeds, 100 MB)
//   swift build -c release && .build/release/nashra-bench poll [FEEDS]   (default 2000)
//   swift build -c release && .build/release/nashra-bench pollers [FEEDS]   (default 5000; 1 vs 4 pollers, SQLite and PostgreSQL)
//   swift run -c release nashra-bench related [POOL]       (default 100000)
//   swift build -c release && .build/release/nashra-bench serve [SECONDS]   (wrk vs nginx, default 10 s each)
import Foundation
import FoundationXML
import NashraModel
import NashraParse
import NashraWriters

let arguments = Array(CommandLine.arguments.dropFirst())
let corpus = ProcessInfo.processInfo.environment["NASHRA_BENCH_CORPUS"] ?? "bench-corpus"

do {
    switch arguments.first {
    case "publish": try publishBenchmark(records: arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000)
    case "parse":
        try parseBenchmark(
            small: arguments.count > 1 ? Int(arguments[1]) ?? 1000 : 1000, hugeMB: arguments.count > 2 ? Int(arguments[2]) ?? 100 : 100)
    case "poll": try PollBenchmark.run(feeds: arguments.count > 1 ? Int(arguments[1]) ?? 2000 : 2000)
    case "pollers": try SharedPollBenchmark.run(feeds: arguments.count > 1 ? Int(arguments[1]) ?? 5000 : 5000)
    case "related": try await RelatedBenchmark.run(pool: arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000)
    case "serve": try ServeBenchmark.run(seconds: arguments.count > 1 ? Int(arguments[1]) ?? 10 : 10)
    case "phase": try runPhase(Array(arguments.dropFirst()))
    default:
        print("usage: nashra-bench publish [RECORDS] | parse [SMALL_FEEDS] [HUGE_MB] | poll [FEEDS] | pollers [FEEDS] | related [POOL] | serve [SECONDS]")
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("nashra-bench: \(error)\n".utf8))
    exit(1)
}

// MARK: - Drivers

func publishBenchmark(records: Int) throws {
    try Corpus.ensure(corpus, arguments: ["--only", "articles", "--articles", String(records)], expect: "articles/articles-\(records).ndjson")
    let file = "\(corpus)/articles/articles-\(records).ndjson"
    print("# publish: \(records) records from \(file)")
    for format in ["rss", "atom"] {
        var rows: [PhaseResult] = []
        rows.append(try Measure.best(of: 2, ["phase", "publish-raw", format, file]))
        rows.append(try Measure.best(of: 2, ["phase", "publish-nashra", format, file]))
        Measure.table(
            "\(format): streaming from NDJSON (read + validate + write); MB/s of feed written", rows, baseline: "raw-xmlTextWriter-\(format)")
        var writerRows: [PhaseResult] = []
        writerRows.append(try Measure.best(of: 3, ["phase", "writer-raw", format, file, String(records)]))
        writerRows.append(try Measure.best(of: 3, ["phase", "writer-nashra", format, file, String(records)]))
        Measure.table(
            "\(format): writers alone (1,000 decoded records written until \(records) items)", writerRows, baseline: "raw-xmlTextWriter-\(format)")
    }
    let json = try Measure.best(of: 2, ["phase", "publish-nashra", "json", file])
    Measure.table("json: streaming from NDJSON (no libxml2 baseline: JSON Feed is not XML)", [json], baseline: "nashra-json")
}

func parseBenchmark(small: Int, hugeMB: Int) throws {
    try Corpus.ensure(corpus, arguments: ["--only", "small", "--small-feeds", String(small)], expect: "small/feed-\(String(format: "%04d", small - 1)).xml")
    try Corpus.ensure(corpus, arguments: ["--only", "huge", "--huge-mb", String(hugeMB)], expect: "huge/feed.xml")
    for (label, target) in [("\(small) small feeds", "\(corpus)/small"), ("one \(hugeMB) MB feed", "\(corpus)/huge/feed.xml")] {
        // The small-feed folder may hold more feeds (the poll benchmark makes 2,000): take the first `small`.
        let count = String(small)
        var rows: [PhaseResult] = []
        rows.append(try Measure.best(of: 3, ["phase", "parse-raw", target, count]))
        rows.append(try Measure.best(of: 3, ["phase", "parse-raw-html", target, count]))
        rows.append(try Measure.best(of: 3, ["phase", "parse-nashra", target, count]))
        rows.append(try Measure.best(of: 3, ["phase", "parse-foundation", target, count]))
        Measure.table("parse: \(label)", rows, baseline: "raw-libxml2-sax2")
    }
}

// MARK: - Phases (child processes)

func runPhase(_ a: [String]) throws {
    switch a.first {
    case "publish-raw":
        try Measure.phase("raw-xmlTextWriter-\(a[1])") {
            let loop = RawLoop(format: a[1])
            var items = 0
            try ArticleRecordReader(path: a[2]).forEach {
                if case .article(let article) = $0 {
                    loop.write(article)
                    items += 1
                }
            }
            loop.finish()
            return (loop.bytesWritten, items)
        }
    case "publish-nashra":
        let format = FeedFormat(rawValue: a[1])!
        try Measure.phase("nashra-\(a[1])") {
            var bytes = 0
            var items = 0
            let channel = FeedChannel(config: FeedConfig(), format: format, updated: Timestamp(date: Date(timeIntervalSince1970: 0)))
            let writer = try makeFeedWriter(format: format, channel: channel) { bytes += $0.count }
            try writer.begin()
            try ArticleRecordReader(path: a[2]).forEach {
                if case .article(let article) = $0 {
                    try writer.write(article)
                    items += 1
                }
            }
            try writer.finish()
            return (bytes, items)
        }
    case "writer-raw":
        let sample = try loadSample(a[2])
        let count = Int(a[3])!
        Measure.phase("raw-xmlTextWriter-\(a[1])") {
            let loop = RawLoop(format: a[1])
            for i in 0..<count { loop.write(sample[i % sample.count]) }
            loop.finish()
            return (loop.bytesWritten, count)
        }
    case "writer-nashra":
        let format = FeedFormat(rawValue: a[1])!
        let sample = try loadSample(a[2])
        let count = Int(a[3])!
        try Measure.phase("nashra-\(a[1])") {
            var bytes = 0
            let channel = FeedChannel(config: FeedConfig(), format: format, updated: Timestamp(date: Date(timeIntervalSince1970: 0)))
            let writer = try makeFeedWriter(format: format, channel: channel) { bytes += $0.count }
            try writer.begin()
            for i in 0..<count { try writer.write(sample[i % sample.count]) }
            try writer.finish()
            return (bytes, count)
        }
    case "parse-raw":
        rawParsePhase("raw-libxml2-sax2", a) { RawSAXPass.parse(&$0) }
    case "parse-raw-html":
        rawParsePhase("raw-libxml2-sax2+html", a) { RawSAXWithHTMLPass.parse(&$0) }
    case "parse-nashra":
        try Measure.phase("nashra") {
            var bytes = 0
            var items = 0
            for file in xmlFiles(a[1], limit: a.count > 2 ? a[2] : nil) {
                guard let handle = FileHandle(forReadingAtPath: file) else { continue }
                bytes += Int((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
                _ = try FeedParser.parse(source: FileHandleChunks(handle), options: FeedParseOptions()) { _ in items += 1 }
                try? handle.close()
            }
            return (bytes, items)
        }
    case "serve":
        let directory = a[1]
        let feeds = Int(a[2]) ?? 0
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await PollBenchmark.serve(directory: directory, feeds: feeds) } catch {
                FileHandle.standardError.write(Data("nashra-bench serve: \(error)\n".utf8))
            }
            done.signal()
        }
        done.wait()
    case "serve-hosts":
        let (directory, feeds, hosts, latency) = (a[1], Int(a[2]) ?? 0, Int(a[3]) ?? 1, Int(a[4]) ?? 0)
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await SharedPollBenchmark.serve(directory: directory, feeds: feeds, hosts: hosts, latency: latency) } catch {
                FileHandle.standardError.write(Data("nashra-bench serve-hosts: \(error)\n".utf8))
            }
            done.signal()
        }
        done.wait()
    case "parse-foundation":
        Measure.phase("foundation-XMLParser") {
            var bytes = 0
            let delegate = EmptyDelegate()
            for file in xmlFiles(a[1], limit: a.count > 2 ? a[2] : nil) {
                bytes += Int((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
                guard let stream = InputStream(fileAtPath: file) else { continue }
                let parser = XMLParser(stream: stream)
                parser.delegate = delegate
                parser.shouldProcessNamespaces = true
                _ = parser.parse()
            }
            return (bytes, delegate.items)
        }
    default:
        throw BenchError("unknown phase \(a.first ?? "")")
    }
}

/// The raw baseline for a format, begun.
struct RawLoop {
    let rss: RawRSSLoop?
    let atom: RawAtomLoop?

    init(format: String) {
        if format == "atom" {
            atom = RawAtomLoop()
            atom?.begin(title: "bench", link: "https://example.ma/")
            rss = nil
        } else {
            rss = RawRSSLoop()
            rss?.begin(title: "bench", link: "https://example.ma/")
            atom = nil
        }
    }

    func write(_ article: Article) {
        rss?.write(article)
        atom?.write(article)
    }

    func finish() {
        rss?.finish()
        atom?.finish()
    }

    var bytesWritten: Int { rss?.bytesWritten ?? atom?.bytesWritten ?? 0 }
}

func loadSample(_ file: String) throws -> [Article] {
    var sample: [Article] = []
    do {
        try ArticleRecordReader(path: file).forEach {
            if case .article(let article) = $0 { sample.append(article) }
            if sample.count >= 1000 { throw SampleFull() }
        }
    } catch is SampleFull {}
    return sample
}

struct SampleFull: Error {}

/// A baseline pass over the feeds `a[1]` names (the first `a[2]` of a folder): bytes read, no items.
func rawParsePhase(_ name: String, _ a: [String], pass: (inout FileChunks) -> Int) {
    Measure.phase(name) {
        var bytes = 0
        for file in xmlFiles(a[1], limit: a.count > 2 ? a[2] : nil) {
            guard let handle = FileHandle(forReadingAtPath: file) else { continue }
            var chunks = FileChunks(handle: handle)
            bytes += pass(&chunks)
            try? handle.close()
        }
        return (bytes, 0)
    }
}

/// The feed at `path`, or the first `limit` feeds of the folder at `path`.
func xmlFiles(_ path: String, limit: String? = nil) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".xml") }.sorted()
    return names.prefix(limit.flatMap { Int($0) } ?? names.count).map { "\(path)/\($0)" }
}

final class EmptyDelegate: NSObject, XMLParserDelegate {
    var items = 0
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if elementName == "item" || elementName == "entry" { items += 1 }
    }
}

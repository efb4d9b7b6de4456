import ArgumentParser
import Foundation
import Logging
import NashraFetch
import NashraModel
import NashraParse

/// `nashra parse`: any feed → INTERFACE.md's JSON, streamed entry by entry.
struct Parse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Parse RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.x into JSON.",
        discussion: """
            One input prints one JSON document; several print one document per line (NDJSON), each with a "file" key.
            "-" reads standard input; file: URLs are read from disk; http(s) URLs are fetched (a URL typed here is
            not held to the subscription address guard; bodies are capped at 64 MB). Entries are written as they are parsed, so a
            feed of any size streams. An input that is not a feed is reported on stderr and the exit status is 1
            (3 when other inputs went through).
            """
    )

    @Flag(help: "Print JSON (the only output format; accepted for symmetry with other commands).")
    var json = false

    @Flag(help: "Indent the JSON of a single input.")
    var pretty = false

    @Flag(help: "After parsing, print entries, seconds and peak memory to stderr.")
    var stats = false

    @Option(help: "Time zone for dates written without one (IANA name, e.g. Africa/Casablanca).")
    var zone: String?

    @Argument(help: "Files, file: URLs, or - for standard input.")
    var inputs: [String]

    func validate() throws {
        if let zone, TimeZone(identifier: zone) == nil { throw ValidationError("unknown time zone \(zone)") }
    }

    func run() async throws {
        let started = ContinuousClock.now
        let out = StandardOutput()
        // AsyncHTTPClient must be shut down before it goes away: done right after the loop, which catches everything.
        let fetcher = inputs.contains(where: Self.isWebURL) ? try Self.makeFetcher() : nil
        var failures = 0
        var entryTotal = 0
        let several = inputs.count > 1
        for input in inputs {
            do {
                if Self.isWebURL(input), let fetcher {
                    try await parseWeb(input, fetcher: fetcher, includeFileKey: several, pretty: pretty && !several, out: out, entryTotal: &entryTotal)
                } else {
                    try parse(input, includeFileKey: several, pretty: pretty && !several, out: out, entryTotal: &entryTotal)
                }
            } catch {
                failures += 1
                printError("nashra parse: \(input): \(error)")
            }
        }
        try? await fetcher?.shutdown()
        out.flush()
        if stats {
            let elapsed = ContinuousClock.now - started
            printError(
                "nashra parse: \(inputs.count - failures) input(s), \(entryTotal) entries, "
                    + String(format: "%.3f s, peak memory %.1f MB", elapsed.seconds, Double(ProcessStats.peakResidentBytes()) / 1_048_576))
        }
        if failures == inputs.count { throw ExitStatus.failure }
        if failures > 0 { throw ExitStatus.partial }
    }

    private func parse(_ input: String, includeFileKey: Bool, pretty: Bool, out: StandardOutput, entryTotal: inout Int) throws {
        let (handle, documentURL) = try open(input)
        defer { if handle !== FileHandle.standardInput { try? handle.close() } }
        let options = FeedParseOptions(documentURL: documentURL, defaultZone: zone.flatMap(TimeZone.init(identifier:)))
        let writer = ParseJSONWriter(file: includeFileKey ? input : nil, pretty: pretty, out: out)
        let feed = try FeedParser.parse(
            source: FileHandleChunks(handle), options: options, onStart: writer.start, onEntry: writer.entry)
        writer.finish(feed)
        entryTotal += writer.entryCount
    }

    /// Fetches an http(s) feed, then parses the body with what HTTP said (final URL, charset).
    private func parseWeb(
        _ input: String, fetcher: Fetcher, includeFileKey: Bool, pretty: Bool, out: StandardOutput, entryTotal: inout Int
    ) async throws {
        guard let url = URL(string: input) else { throw CLIError("not a URL") }
        let response: FetchResponse
        switch await fetcher.fetch(FetchRequest(url: url)) {
        case .ok(let ok): response = ok
        case .notModified(let r), .gone(let r), .httpError(let r): throw CLIError("HTTP \(r.status)")
        case .failed(let error): throw CLIError("\(error)")
        }
        let options = FeedParseOptions(
            documentURL: response.finalURL, contentType: response.contentType, defaultZone: zone.flatMap(TimeZone.init(identifier:)))
        let writer = ParseJSONWriter(file: includeFileKey ? input : nil, pretty: pretty, out: out)
        let feed = try FeedParser.parse(
            source: InMemoryChunks(response.body), options: options, onStart: writer.start, onEntry: writer.entry)
        writer.finish(feed)
        entryTotal += writer.entryCount
    }

    static func isWebURL(_ input: String) -> Bool {
        let lower = input.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// A fetcher for URLs the user typed: every address allowed (INTERFACE.md: `parse URL` is not guarded).
    static func makeFetcher() throws -> Fetcher {
        var policy = FetchPolicy(addressGuard: try AddressGuard(allow: ["0.0.0.0/0", "::/0"], allowFileURLs: false))
        policy.maxBodyBytes = 64 << 20
        policy.maxDecompressedBytes = 256 << 20
        var logger = Logger(label: "nashra.parse")
        logger.logLevel = .warning
        return Fetcher(policy: policy, logger: logger)
    }

    private func open(_ input: String) throws -> (FileHandle, URL?) {
        if input == "-" { return (FileHandle.standardInput, nil) }
        if let url = URL(string: input), let scheme = url.scheme?.lowercased(), scheme.count > 1 {
            guard scheme == "file" else { throw CLIError("\(scheme): URLs are not read; use http, https, file or a path") }
            guard let handle = FileHandle(forReadingAtPath: url.path) else { throw CLIError("cannot open \(url.path)") }
            return (handle, url)
        }
        guard let handle = FileHandle(forReadingAtPath: input) else { throw CLIError("cannot open \(input)") }
        return (handle, URL(fileURLWithPath: input).absoluteURL)
    }
}

/// Writes one parse document as entries arrive: the head when the version is
/// known, each entry as it ends, then the feed metadata and `bozo`, which are
/// only final at the end of the input.
final class ParseJSONWriter {
    private let file: String?
    private let pretty: Bool
    private let out: StandardOutput
    private var started = false
    private(set) var entryCount = 0

    init(file: String?, pretty: Bool, out: StandardOutput) {
        self.file = file
        self.pretty = pretty
        self.out = out
    }

    func start(version: String, encoding: String) {
        guard !started else { return }
        started = true
        var head = "{"
        if let file { head += "\"file\":" + JSONValue.string(file).serialized() + "," }
        head += "\"version\":" + JSONValue.string(version).serialized()
        head += ",\"encoding\":" + JSONValue.string(encoding).serialized()
        head += ",\"entries\":["
        out.write(head)
    }

    func entry(_ entry: ParsedEntry) {
        var text = entryCount == 0 ? "" : ","
        if pretty { text += "\n  " }
        entry.json.write(to: &text, pretty: pretty, depth: 1)
        entryCount += 1
        out.write(text)
    }

    func finish(_ feed: ParsedFeed) {
        start(version: feed.version, encoding: feed.encoding)
        var tail = entryCount > 0 && pretty ? "\n]" : "]"
        tail += ",\"feed\":"
        feed.feed.json.write(to: &tail, pretty: pretty, depth: 0)
        tail += ",\"bozo\":" + (feed.bozo ? "true" : "false")
        if let message = feed.bozoMessage { tail += ",\"bozoMessage\":" + JSONValue.string(message).serialized() }
        tail += "}\n"
        out.write(tail)
    }
}

/// Buffered standard output (one write per 64 KB instead of one per entry).
final class StandardOutput {
    private var buffer = ""

    func write(_ text: String) {
        buffer += text
        if buffer.utf8.count >= 64 * 1024 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer.utf8))
        buffer = ""
    }
}

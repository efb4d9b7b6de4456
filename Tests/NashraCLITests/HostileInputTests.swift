import Foundation
import NashraTestSupport
import Testing

/// Hostile XML through the real binary: each must end quickly, within bounded
/// memory, without touching the file system, with a clean result or error.
/// Time and peak memory are what `nashra parse --stats` reports for itself.
@Suite(.serialized) struct HostileInputTests {
    let scratch: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    /// Runs `nashra parse --stats FILE` and reports the JSON and the seconds and peak MB it printed.
    func parse(_ file: URL) async throws -> (run: ToolRun, json: [String: Any]?, seconds: Double, peakMB: Double) {
        let run = try await NashraBinary.runDetached(["parse", "--stats", file.path])
        let json = try? JSONSerialization.jsonObject(with: run.stdout) as? [String: Any]
        // "nashra parse: 1 input(s), 2 entries, 0.031 s, peak memory 25.8 MB"
        let words = run.stderr.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" })
        let seconds = words.firstIndex(of: "s").flatMap { Double(words[$0 - 1]) } ?? .infinity
        let peak = words.firstIndex(of: "MB").flatMap { Double(words[$0 - 1]) } ?? .infinity
        return (run, json, seconds, peak)
    }

    func write(_ name: String, _ text: String) throws -> URL {
        let url = scratch.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func billionLaughsEndsFastInLittleMemory() async throws {
        let result = try await parse(Fixtures.url("parse/hostile/billion_laughs.xml"))
        #expect(result.run.status == 0, "\(result.run.stderr)")
        #expect(result.json?["bozo"] as? Bool == true)
        #expect((result.json?["entries"] as? [Any])?.count == 2)
        #expect(!result.run.stdoutText.contains("lollollol"))
        #expect(result.seconds < 2, "took \(result.seconds) s")
        #expect(result.peakMB < 50, "peak \(result.peakMB) MB")
    }

    @Test func quadraticBlowUpIsCappedFastInLittleMemory() async throws {
        let result = try await parse(Fixtures.url("parse/hostile/quadratic_blowup.xml"))
        #expect(result.run.status == 0)
        #expect(result.json?["bozo"] as? Bool == true)
        #expect((result.json?["bozoMessage"] as? String)?.contains("longer than") == true)
        #expect((result.json?["entries"] as? [Any])?.count == 2)
        #expect(result.seconds < 2, "took \(result.seconds) s")
        #expect(result.peakMB < 50, "peak \(result.peakMB) MB")
    }

    @Test func externalEntitiesAreNeverResolved() async throws {
        let secret = scratch.appendingPathComponent("secret.txt")
        try Data("NASHRA-SECRET-7731".utf8).write(to: secret)
        let feed = try write(
            "xxe.xml",
            """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY file SYSTEM "\(secret.absoluteString)">
              <!ENTITY % remote SYSTEM "\(secret.absoluteString)">
              %remote;
            ]>
            <rss version="2.0"><channel><title>t &file;</title>
            <item><title>x &file;</title><description>&file;</description></item></channel></rss>
            """)
        let result = try await parse(feed)
        #expect(result.run.status == 0, "\(result.run.stderr)")
        #expect(!result.run.stdoutText.contains("NASHRA-SECRET"))
        #expect((result.json?["entries"] as? [Any])?.count == 1)
    }

    @Test func hundredThousandDeepNestingIsRefusedCleanly() async throws {
        let depth = 100_000
        let feed = try write(
            "deep.xml",
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>before</title></item><item><title>deep</title><description>"
                + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
                + "</description></item></channel></rss>")
        let result = try await parse(feed)
        #expect(result.run.status == 0, "\(result.run.stderr)")
        #expect(result.json?["bozo"] as? Bool == true)
        let message = result.json?["bozoMessage"] as? String ?? ""
        #expect(message.contains("depth") || message.contains("nested deeper"), "\(message)")
        let titles = (result.json?["entries"] as? [[String: Any]])?.compactMap { $0["title"] as? String }
        #expect(titles?.first == "before")
        #expect(result.peakMB < 100, "peak \(result.peakMB) MB")
    }

    @Test func fiftyMegabyteTextNodeIsRefusedCleanly() async throws {
        let url = scratch.appendingPathComponent("huge-text.xml")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>ok</title></item><item><title>big</title><description>".utf8))
        let block = Data(String(repeating: "نص ", count: 100_000).utf8)  // 500 KB
        for _ in 0..<(50_000_000 / block.count + 1) { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data("</description></item></channel></rss>".utf8))
        try handle.close()
        let result = try await parse(url)
        #expect(result.run.status == 0, "\(result.run.stderr)")
        #expect(result.json?["bozo"] as? Bool == true)
        #expect((result.json?["bozoMessage"] as? String)?.contains("longer than") == true)
        let titles = (result.json?["entries"] as? [[String: Any]])?.compactMap { $0["title"] as? String }
        #expect(titles?.first == "ok")
        #expect(result.peakMB < 100, "peak \(result.peakMB) MB")
    }
}

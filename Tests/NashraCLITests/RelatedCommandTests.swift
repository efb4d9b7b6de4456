import Foundation
import NashraTestSupport
import Testing

/// `nashra related` and the refresh that `articles import` and `poll` run, through the binary.
@Suite struct RelatedCommandTests {
    let dir: URL
    let store: String

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-related-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        store = dir.appendingPathComponent("nashra.sqlite").path
    }

    func nashra(_ arguments: [String], environment: [String: String] = [:]) async throws -> ToolRun {
        try await NashraBinary.runDetached(arguments + ["--store", store], environment: environment)
    }

    /// The `related` lines of a `--json` run, by article id.
    func lists(_ run: ToolRun) throws -> [String: [[String: Any]]] {
        var lists: [String: [[String: Any]]] = [:]
        for line in run.stdoutText.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            lists[try #require(object["id"] as? String)] = try #require(object["related"] as? [[String: Any]])
        }
        return lists
    }

    @Test func importComputesListsThatFindTheStory() async throws {
        let imported = try await nashra(["articles", "import", Fixtures.url("related/fr-en.ndjson").path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdoutText.contains("related lists: 140 articles analysed, 140 lists recomputed"), "\(imported.stdoutText)")

        let one = try await nashra(["related", "--id", "fr-bam-1", "--json"])
        #expect(one.status == 0, "\(one.stderr)")
        let list = try #require(try lists(one)["fr-bam-1"])
        #expect(list.count == 5)
        let ids = list.compactMap { $0["id"] as? String }
        // Bank Al-Maghrib's rate cut, told by other partners; fr-bam-3 is a copy of this very wire.
        #expect(ids.filter { $0.hasPrefix("fr-bam-") }.count >= 3, "\(ids)")
        #expect(!ids.contains("fr-bam-3") && !ids.contains("fr-bam-1"), "\(ids)")
        for pick in list {
            #expect(pick["url"] as? String != nil && pick["title"] as? String != nil && pick["published"] as? String != nil)
            #expect((pick["score"] as? Double).map { $0 > 0 && $0 <= 1 } == true)
            #expect((pick["reason"] as? String)?.hasPrefix("terms: ") == true)
        }

        let all = try await nashra(["related", "--json", "--limit", "2"])
        let every = try lists(all)
        #expect(every.count == 140)
        #expect(every.values.allSatisfy { $0.count <= 2 })

        let text = try await nashra(["related", "--id", "en-tourism-1"])
        #expect(text.stdoutText.hasPrefix("en-tourism-1\n  1. "), "\(text.stdoutText)")

        let missing = try await nashra(["related", "--id", "no-such-article"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no-such-article"))
        #expect(try await nashra(["related", "--limit", "0"]).status != 0)
    }

    @Test func onlyTheListsAChangeCanAffectAreRecomputed() async throws {
        #expect(try await nashra(["articles", "import", Fixtures.url("related/ar-economy-sports-world.ndjson").path]).status == 0)
        let quiet = try await nashra(["related", "--stats"])
        #expect(quiet.stderr.contains("0 analysed, 0 lists computed, pool 106"), "\(quiet.stderr)")

        // A new article on the Wydad–Raja derby (story s07) lands.
        let record: [String: Any] = [
            "id": "late-derby", "url": "https://example.ma/sport/late-derby", "language": "ar", "section": "رياضة",
            "title": "الوداد والرجاء: لجنة الانضباط تعاقب الفريقين بعد أحداث الديربي",
            "contentHTML": "<p>قررت لجنة الانضباط التابعة للجامعة الملكية المغربية لكرة القدم معاقبة الوداد الرياضي والرجاء الرياضي بغرامات مالية بعد أحداث مباراة الديربي البيضاوي التي احتضنها ملعب محمد الخامس بالدار البيضاء، وحرمان الجمهور من حضور المباراتين المقبلتين.</p>",
            "published": "2025-02-10T20:00:00+01:00",
        ]
        let file = dir.appendingPathComponent("late.ndjson")
        try JSONSerialization.data(withJSONObject: record).write(to: file)
        let imported = try await nashra(["articles", "import", file.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let counts = imported.stdoutText.split(separator: "\n").last.map(String.init) ?? ""
        #expect(counts.hasPrefix("related lists: 1 articles analysed, "), "\(counts)")
        let recomputed = Int(counts.split(separator: " ").dropFirst(5).first ?? "") ?? 0
        #expect(recomputed > 1 && recomputed < 50, "\(counts)")

        let lists = try lists(try await nashra(["related", "--json"]))
        let late = try #require(lists["late-derby"]).compactMap { $0["id"] as? String }
        #expect(late.filter { $0.hasPrefix("ar2-s07-") }.count >= 3, "\(late)")
        let listing = lists.filter { $0.value.contains { $0["id"] as? String == "late-derby" } }.keys
        #expect(!listing.isEmpty && listing.allSatisfy { $0.hasPrefix("ar2-") })

        let rebuilt = try await nashra(["related", "--rebuild", "--stats"])
        #expect(rebuilt.stderr.contains("107 analysed, 107 lists computed, pool 107"), "\(rebuilt.stderr)")
    }

    @Test func anUnreadableStoredAnalysisIsNamedAndRebuildMendsIt() async throws {
        #expect(try await nashra(["articles", "import", Fixtures.url("related/fr-en.ndjson").path]).status == 0)
        let script = "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE relatedAnalysis SET analysis = '9' WHERE articleID = (SELECT id FROM article WHERE key = 'fr-bam-2')\"); c.commit()"
        #expect(try ExternalTool.run("/usr/bin/env", ["python3", "-c", script, store]).status == 0)
        let refused = try await nashra(["related", "--id", "fr-bam-1"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\"fr-bam-2\"") && refused.stderr.contains("nashra related --rebuild"), "\(refused.stderr)")
        let rebuilt = try await nashra(["related", "--rebuild", "--id", "fr-bam-1", "--json"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(try lists(rebuilt)["fr-bam-1"]?.isEmpty == false)
    }

    @Test func aRefreshCutShortIsFinishedByTheNext() async throws {
        #expect(try await nashra(["articles", "import", Fixtures.url("related/fr-en.ndjson").path]).status == 0)
        // As if the process died after storing the analyses of three articles but before their lists.
        let script = "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"DELETE FROM relatedList WHERE articleID IN (SELECT id FROM article WHERE key IN ('fr-bam-1','en-eid-4','fr-d-01'))\"); c.commit()"
        #expect(try ExternalTool.run("/usr/bin/env", ["python3", "-c", script, store]).status == 0)
        let refreshed = try await nashra(["related", "--stats", "--id", "fr-bam-1", "--json"])
        #expect(refreshed.stderr.contains("0 analysed, 3 lists computed"), "\(refreshed.stderr)")
        #expect(try lists(refreshed)["fr-bam-1"]?.count == 5)
    }

    @Test func pollRelatesPartnerArticlesAndPublishCarriesTheLists() async throws {
        let server = try await FixtureHTTPServer.start(["/wire.xml": .ok(Array(try Fixtures.data("related/partner-wire.xml")))])
        defer { Task { await server.stop() } }
        let allow = ["NASHRA_FETCH_ALLOW": "127.0.0.1"]
        #expect(try await nashra(["articles", "import", Fixtures.url("publish/articles").path]).status == 0)
        #expect(try await nashra(["feeds", "add", server.url("/wire.xml").absoluteString], environment: allow).status == 0)
        let poll = try await nashra(["poll", "--once"], environment: allow)
        #expect(poll.status == 0, "\(poll.stderr)")

        // The seed article (the resistance veterans' annual meeting in Rabat) is related to the partner's account of it.
        let seed = "mamlakatuna-2025-02-13-jam3-sanawi"
        let list = try #require(try lists(try await nashra(["related", "--id", seed, "--json"]))[seed])
        #expect(list.first?["url"] as? String == "https://partner.example.ma/2025/02/13/moqawama", "\(list)")

        // Records with a hand-made list keep it unless the configuration says otherwise.
        let kept = try await nashra(["publish", "--format", "json"])
        let keptItem = try #require(try item(seed, in: kept.stdout))
        #expect(related(of: keptItem).first?.hasPrefix("https://example.ma/") == true)
        let config = dir.appendingPathComponent("site.json")
        try Data(#"{"relatedReplacesManual": true, "relatedLimit": 3}"#.utf8).write(to: config)
        let replaced = try await nashra(["publish", "--format", "json", "--config", config.path])
        let replacedItem = try #require(try item(seed, in: replaced.stdout))
        #expect(related(of: replacedItem).first == "https://partner.example.ma/2025/02/13/moqawama")
        #expect(related(of: replacedItem).count <= 3)
    }

    func item(_ id: String, in feed: Data) throws -> [String: Any]? {
        let object = try #require(try JSONSerialization.jsonObject(with: feed) as? [String: Any])
        return (object["items"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    func related(of item: [String: Any]) -> [String] {
        ((item["_nashra"] as? [String: Any])?["related"] as? [[String: Any]] ?? []).compactMap { $0["url"] as? String }
    }
}

import Foundation
@testable import NashraModel
import NashraTestSupport
import Testing

/// Records that break INTERFACE.md are rejected with the record and the field named.
@Suite struct RecordValidationTests {
    static var valid: [String: Any] { [
        "id": "a1", "url": "https://example.ma/a1", "title": "عنوان", "published": "2025-02-13T13:12:00+01:00",
    ] }

    static func with(_ changes: [String: Any?]) -> [String: Any] {
        var record = valid
        for (key, value) in changes { record[key] = value }
        return record
    }

    /// (record, expected field, words the reason must contain)
    static var invalid: [([String: Any], String?, String)] { [
        (with(["id": nil]), "id", "required"),
        (with(["id": ""]), "id", "non-empty"),
        (with(["url": nil]), "url", "required"),
        (with(["url": "/relative/path"]), "url", "absolute"),
        (with(["url": "javascript:alert(1)"]), "url", "absolute"),
        (with(["title": "   "]), "title", "blank"),
        (with(["title": 42]), "title", "a number"),
        (with(["published": nil]), "published", "required"),
        (with(["published": "13/02/2025"]), "published", "RFC 3339"),
        (with(["published": "2025-02-13T13:12:00"]), "published", "RFC 3339"),
        (with(["published": "2025-02-30T13:12:00Z"]), "published", "RFC 3339"),
        (with(["updated": "yesterday"]), "updated", "RFC 3339"),
        (with(["language": "arabic language"]), "language", "BCP 47"),
        (with(["tags": "وطني"]), "tags", "array"),
        (with(["tags": ["ok", 3]]), "tags[1]", "a string"),
        (with(["authors": [["email": "x@example.ma"]]]), "authors[0].name", "required"),
        (with(["authors": [["name": "x", "email": "not-an-address"]]]), "authors[0].email", "e-mail"),
        (with(["image": ["url": "https://example.ma/a.jpg", "length": -1]]), "image.length", "negative"),
        (with(["image": ["url": "https://example.ma/a.jpg", "length": "big"]]), "image.length", "integer"),
        (with(["image": ["url": "https://example.ma/a.jpg", "length": true]]), "image.length", "boolean"),
        (with(["image": ["length": 5]]), "image.url", "required"),
        (with(["related": [["id": "r", "url": "https://example.ma/r"]]]), "related[0].title", "required"),
        (with(["related": [["id": "r", "url": "x", "title": "t"]]]), "related[0].url", "absolute"),
    ] }

    @Test(arguments: 0..<23)
    func invalidRecordNamesTheField(index: Int) {
        #expect(Self.invalid.count == 23)
        let (record, field, words) = Self.invalid[index]
        #expect(throws: RecordError.self) { try Article(record: record) }
        do {
            _ = try Article(record: record)
        } catch {
            #expect(error.field == field)
            #expect(error.reason.contains(words), "\(error.reason)")
            if let id = record["id"] as? String, !id.isEmpty { #expect(error.recordID == id) }
        }
    }

    @Test func validRecordKeepsEveryField() throws {
        let data = try Fixtures.data("publish/articles/seed_article.json")
        let records = try #require(try JSONSerialization.jsonObject(with: data) as? [Any])
        let a = try Article(record: records[0])
        #expect(a.id == "mamlakatuna-2025-02-13-jam3-sanawi")
        #expect(a.url.absoluteString == "https://example.ma/2025/02/13/jam3-sanawi")
        #expect(a.language == "ar")
        #expect(a.section == "وطني")
        #expect(a.tags.count == 3)
        #expect(a.authors == [Author(name: "هيئة التحرير")])
        #expect(a.image?.length == 48213)
        #expect(a.image?.type == "image/jpeg")
        #expect(a.related.count == 4)
    }

    @Test func ndjsonReaderReportsBadLinesAndKeepsGoing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nashra-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("records.ndjson")
        let lines = [
            #"{"id":"a","url":"https://example.ma/a","title":"A","published":"2025-02-13T13:12:00+01:00"}"#,
            #"{"id":"b","url":"https://example.ma/b","title":"B"#,
            "",
            #"{"id":"c","url":"https://example.ma/c","title":"C","published":"soon"}"#,
            #"{"id":"d","url":"https://example.ma/d","title":"D","published":"2025-02-14T00:00:00Z"}"#,
        ]
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        var ids: [String] = []
        var errors: [RecordError] = []
        try ArticleRecordReader(path: file.path).forEach {
            switch $0 {
            case .article(let a): ids.append(a.id)
            case .rejected(let e): errors.append(e)
            }
        }
        #expect(ids == ["a", "d"])
        #expect(errors.map(\.recordIndex) == [1, 2])
        #expect(errors.map(\.location) == ["\(file.path):2", "\(file.path):4"])
        #expect(errors[0].reason.contains("not valid JSON"))
        #expect(errors[1].recordID == "c")
        #expect(errors[1].field == "published")
        #expect(errors[1].description.contains("record #2 (id \"c\"): field \"published\""))
    }

    @Test func folderOfJSONFilesIsReadInNameOrder() throws {
        var ids: [String] = []
        try ArticleRecordReader(path: Fixtures.url("publish/articles").path).forEach {
            if case .article(let a) = $0 { ids.append(a.id) }
        }
        #expect(ids.count == 5)
        #expect(ids.first == "mamlakatuna-2025-02-13-jam3-sanawi")
    }
}

/// The configuration file: defaults, and errors that name the key.
@Suite struct FeedConfigTests {
    @Test func unknownKeyIsNamed() {
        do {
            _ = try FeedConfig(json: Data(#"{"title": "x", "titel": "x"}"#.utf8))
            Issue.record("accepted an unknown key")
        } catch {
            #expect(error.key == "titel")
            #expect(error.description.hasPrefix("configuration key \"titel\": unknown key"))
        }
    }

    @Test(arguments: [
        (#"{"ttl": "fifteen"}"#, "ttl"), (#"{"siteURL": "example"}"#, "siteURL"),
        (#"{"allowFileURLs": "yes"}"#, "allowFileURLs"), (#"{"timeZone": "Mars/Olympus"}"#, "timeZone"),
    ])
    func wrongTypeIsNamed(json: String, key: String) {
        do {
            _ = try FeedConfig(json: Data(json.utf8))
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.key == key)
        }
    }

    @Test func defaultsAreSensible() throws {
        let config = try FeedConfig(json: Data("{}".utf8))
        #expect(config.language == "ar")
        #expect(config.timeZone == "UTC")
        #expect(config.allowFileURLs == false)
    }
}

/// Locale-free date arithmetic.
@Suite struct TimestampTests {
    @Test(arguments: [
        ("2025-02-13T13:12:00+01:00", "2025-02-13T12:12:00Z", "Thu, 13 Feb 2025 13:12:00 +0100"),
        ("2024-02-29T23:59:59-05:30", "2024-03-01T05:29:59Z", "Thu, 29 Feb 2024 23:59:59 -0530"),
        ("1969-12-31T23:00:00Z", "1969-12-31T23:00:00Z", "Wed, 31 Dec 1969 23:00:00 +0000"),
        ("2025-03-16T20:46:00.250+00:00", "2025-03-16T20:46:00Z", "Sun, 16 Mar 2025 20:46:00 +0000"),
    ])
    func rfc3339RoundTripsAndFormats(input: String, utc: String, rfc822: String) throws {
        let t = try #require(Timestamp(rfc3339: input))
        #expect(t.rfc3339UTC == utc)
        #expect(t.rfc822 == rfc822)
    }

    @Test(arguments: ["", "2025-02-13", "2025-02-13T13:12:00", "2025-13-01T00:00:00Z", "2025-02-13T25:00:00Z", "2025-02-13T13:12:00+1:00"])
    func rejectsWhatIsNotRFC3339(input: String) {
        #expect(Timestamp(rfc3339: input) == nil)
    }
}

/// JSON text Nashra writes must read back exactly.
@Suite struct JSONValueTests {
    @Test(arguments: [
        "plain", "quote \" and backslash \\ and \n\t\r", "control \u{1} \u{1F}", "line sep \u{2028} para \u{2029}",
        "\"\u{301} quote with a combining mark", "عربي «مقتبس» – “quoted” …", "🇲🇦 emoji", "",
    ])
    func stringsRoundTripThroughJSONSerialization(text: String) throws {
        let json = JSONValue.array([.string(text)]).serialized()
        let back = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
        #expect(back == [text])
        #expect(!json.contains("\u{2028}"))
    }
}

/// Canonical links: the churn partners cause does not make an entry new.
@Suite struct CanonicalLinkTests {
    @Test(arguments: [
        ("http://www.Example.ma/2025/02/13/story/", "https://example.ma/2025/02/13/story"),
        ("https://example.ma/2025/02/13/story?utm_source=rss&utm_medium=feed", "https://example.ma/2025/02/13/story"),
        ("https://example.ma/story?id=7&fbclid=x#comments", "https://example.ma/story?id=7"),
        ("http://example.ma:80/a/", "https://example.ma/a"),
        ("https://example.ma/", "https://example.ma"),
        ("https://example.ma/%D8%A7%D9%84%D8%B1%D8%A8%D8%A7%D8%B7/", "https://example.ma/%D8%A7%D9%84%D8%B1%D8%A8%D8%A7%D8%B7"),
    ])
    func churnCollapses(link: String, canonical: String) {
        #expect(CanonicalLink.of(link) == canonical)
    }

    @Test(arguments: ["ftp://example.ma/a", "/relative/path", "mailto:a@example.ma", ""])
    func notAnHTTPLinkHasNone(link: String) {
        #expect(CanonicalLink.of(link) == nil)
    }

    @Test func theFastPathAgreesWithURLComponents() {
        for link in ["https://www.a.example.ma/x/y/", "http://B.example.ma", "https://c.example.ma/path/to/page.html"] {
            let fast = CanonicalLink.plainHTTP(link)
            #expect(fast != nil)
            // Force the general path by adding a query the canonical form drops.
            #expect(CanonicalLink.of(link + "?utm_source=x") == fast)
        }
    }
}

import Foundation
import NashraModel
import NashraParse
import NashraTestSupport
import Testing

/// Every feed under `Fixtures/parse/` is parsed and checked against its
/// partial expectation (`NAME.expected.json`, rules in docs/PARSING.md).
/// Files under `illformed/` must be bozo; all others but `hostile/` must not.
@Suite struct FixtureCorpusTests {
    static let folders = ["rss", "namespaces", "rdf", "json", "arabic", "french", "atom", "illformed", "tolerance", "dates", "urls", "hostile", "encoding"]

    static var cases: [String] {
        folders.flatMap { folder in
            Fixtures.files(in: "parse/\(folder)", extensions: ["xml", "rss", "atom", "rdf", "json"])
                .filter { !$0.lastPathComponent.hasSuffix(".http.json") }
                .map { "parse/\(folder)/\($0.lastPathComponent)" }
        }
    }

    @Test func corpusIsLargeAndEveryFeedHasAnExpectation() {
        #expect(Self.cases.count >= 150)
        for path in Self.cases {
            let expected = Self.expectationPath(path)
            #expect(FileManager.default.fileExists(atPath: Fixtures.url(expected).path), "\(path) has no \(expected)")
        }
    }

    @Test(arguments: cases)
    func fixtureMatchesItsExpectation(path: String) throws {
        let input = try [UInt8](Fixtures.data(path))
        var options = FeedParseOptions(documentURL: Fixtures.url(path))
        let http = Fixtures.url(String(Self.expectationPath(path).dropLast(".expected.json".count)) + ".http.json")
        if let data = try? Data(contentsOf: http), let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] {
            options.contentType = object["contentType"] as? String
            if let url = object["url"] as? String { options.documentURL = URL(string: url) }
        }
        let expectedData = try Fixtures.data(Self.expectationPath(path))
        let expected = try JSONSerialization.jsonObject(with: expectedData)
        let actualText = try FeedParser.parse(input, options: options).json.serialized()
        let actual = try JSONSerialization.jsonObject(with: Data(actualText.utf8))
        let mismatches = PartialMatch.mismatches(expected: expected, actual: actual, path: "")
        #expect(mismatches.isEmpty, "\(path):\n\(mismatches.prefix(8).joined(separator: "\n"))")
        // hostile/ inputs state their own bozo in the expectation (libxml2 decides what an entity bomb is).
        if !path.hasPrefix("parse/hostile/") {
            let bozo = (actual as? [String: Any])?["bozo"] as? Bool
            #expect(bozo == path.hasPrefix("parse/illformed/"), "\(path): bozo is \(String(describing: bozo))")
        }
    }

    static func expectationPath(_ path: String) -> String {
        guard let dot = path.lastIndex(of: ".") else { return path + ".expected.json" }
        return path[..<dot] + ".expected.json"
    }
}

/// The partial-expectation comparison of docs/PARSING.md.
enum PartialMatch {
    static func mismatches(expected: Any, actual: Any?, path: String) -> [String] {
        switch expected {
        case is NSNull:
            return actual == nil ? [] : ["\(path): expected absent, found \(describe(actual))"]
        case let object as [String: Any]:
            guard let actualObject = actual as? [String: Any] else { return ["\(path): expected an object, found \(describe(actual))"] }
            return object.keys.sorted().flatMap { key in
                mismatches(expected: object[key]!, actual: actualObject[key], path: path.isEmpty ? key : "\(path).\(key)")
            }
        case let array as [Any]:
            let actualArray = (actual as? [Any]) ?? []
            guard array.count == actualArray.count else {
                return ["\(path): expected \(array.count) elements, found \(actualArray.count): \(describe(actual))"]
            }
            return zip(array, actualArray).enumerated().flatMap { mismatches(expected: $1.0, actual: $1.1, path: "\(path)[\($0)]") }
        default:
            guard let actual, !(actual is NSNull) else { return ["\(path): expected \(describe(expected)), found nothing"] }
            return (expected as? NSObject) == (actual as? NSObject) ? [] : ["\(path): expected \(describe(expected)), found \(describe(actual))"]
        }
    }

    static func describe(_ value: Any?) -> String {
        guard let value else { return "nothing" }
        if let s = value as? String { return "\"\(s)\"" }
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]) {
            return String(decoding: data.prefix(300), as: UTF8.self)
        }
        return "\(value)"
    }
}

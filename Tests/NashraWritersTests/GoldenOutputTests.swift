import Foundation
import NashraModel
import NashraTestSupport
import NashraWriters
import Testing

/// The seed article (and its four related articles) rendered in every format
/// must match the reviewed golden files byte for byte.
@Suite struct GoldenOutputTests {
    @Test(arguments: [(FeedFormat.rss, "rss/seed.xml"), (.atom, "atom/seed.xml"), (.json, "json/seed.json")])
    func seedMatchesGolden(format: FeedFormat, golden: String) throws {
        let output = try render(seedArticles(), format: format)
        let difference = GoldenFile.compare(output, with: "publish/expected/\(golden)")
        #expect(difference == nil, "\(difference ?? "")")
    }

    @Test(arguments: FeedFormat.allCases)
    func sameInputGivesSameBytes(format: FeedFormat) throws {
        let first = try render(seedArticles(), format: format)
        let second = try render(seedArticles(), format: format)
        #expect(first == second)
    }

    @Test func seedRecordKeepsCasablancaTimeCreditAndDateline() throws {
        let seed = try #require(try seedArticles().first)
        #expect(seed.published.rfc3339 == "2025-02-13T13:12:00+01:00")
        #expect(seed.published.rfc3339UTC == "2025-02-13T12:12:00Z")
        #expect(seed.credit == "مملكتنا.م.ش.س/م.م.ع")
        #expect(seed.dateline == "الرباط")
        #expect(seed.related.count == 4)
        // Ramadan 2025: Morocco was on UTC+0 from 23 February to 6 April.
        #expect(seed.related.map { $0.published?.rfc3339 ?? "" } == [
            "2025-03-17T00:05:00Z", "2025-03-16T23:13:00Z", "2025-03-16T22:44:00Z", "2025-03-16T20:46:00Z",
        ])
    }
}

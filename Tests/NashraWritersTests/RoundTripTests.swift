import Foundation
import NashraModel
import NashraParse
import NashraTestSupport
import NashraWriters
import Testing

/// A feed written by Nashra and read back by Nashra loses nothing.
@Suite struct RoundTripTests {
    @Test(arguments: FeedFormat.allCases)
    func seedArticlesSurviveWriteThenParse(format: FeedFormat) throws {
        let articles = try seedArticles()
        let bytes = try render(articles, format: format)
        let parsed = try FeedParser.parse([UInt8](bytes))
        #expect(parsed.bozo == false, "\(parsed.bozoMessage ?? "")")
        #expect(parsed.version == ["rss": "rss20", "atom": "atom10", "json": "json11"][format.rawValue])
        #expect(parsed.entries.count == articles.count)
        for (entry, article) in zip(parsed.entries, articles) {
            #expect(entry.title == article.title)
            #expect(entry.link == article.url.absoluteString)
            #expect(entry.published == article.published.rfc3339UTC)
            #expect(entry.nashra?.section == article.section)
            #expect(entry.nashra?.credit == article.credit)
            #expect(entry.nashra?.dateline == article.dateline)
            #expect(entry.nashra?.related.map(\.title) ?? [] == article.related.map(\.title))
            #expect(entry.nashra?.related.map(\.href) ?? [] == article.related.map(\.url.absoluteString))
            #expect(entry.nashra?.related.map(\.id) ?? [] == article.related.map { Optional($0.id) })
            #expect(entry.categories.map(\.term) == [article.section].compactMap { $0 } + article.tags)
            #expect(entry.authors.compactMap(\.name) == article.authors.map(\.name))
            if let image = article.image {
                #expect(entry.enclosures.first?.href == image.url.absoluteString)
                #expect(entry.enclosures.first?.length == image.length)
            }
            if format != .atom { #expect(entry.id == article.id) }
        }
        // The full body comes back as the same HTML (it is already safe).
        let body = parsed.entries[0].content.first { $0.type == "text/html" }?.value
        #expect(body == articles[0].contentHTML)
    }
}

import Foundation
import NashraModel
import NashraTestSupport
import NashraWriters
import Testing

/// JSON Feed 1.1 output checked against https://www.jsonfeed.org/version/1.1/.
@Suite struct JSONFeedWriterTests {
    let articles: [Article]
    let feed: [String: Any]

    init() throws {
        articles = try seedArticles()
        let data = try render(articles, format: .json)
        feed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    var items: [[String: Any]] { feed["items"] as? [[String: Any]] ?? [] }

    @Test func topLevelFields() {
        #expect(feed["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(feed["title"] as? String == "مملكتنا")
        #expect(feed["home_page_url"] as? String == "https://example.ma/")
        #expect(feed["feed_url"] as? String == "https://example.ma/feed.json")
        #expect(feed["language"] as? String == "ar")
        #expect((feed["hubs"] as? [[String: String]])?.first?["type"] == "WebSub")
    }

    @Test func everyItemHasIdContentAndAbsoluteURLs() {
        #expect(items.count == articles.count)
        #expect(Set(items.compactMap { $0["id"] as? String }).count == items.count)
        for item in items {
            #expect(item["content_html"] != nil || item["content_text"] != nil)
            #expect(isAbsoluteHTTP(item["url"] as? String ?? ""))
            #expect(Timestamp(rfc3339: item["date_published"] as? String ?? "") != nil)
        }
    }

    @Test func seedItemCarriesEverything() throws {
        let item = try #require(items.first)
        let seed = articles[0]
        #expect(item["content_html"] as? String == seed.contentHTML)
        #expect(item["summary"] as? String == seed.summary)
        #expect(item["date_published"] as? String == "2025-02-13T13:12:00+01:00")
        #expect(item["tags"] as? [String] == ["وطني", "المقاومة", "جيش التحرير", "الذاكرة التاريخية"])
        #expect(item["image"] as? String == seed.image?.url.absoluteString)
        let attachment = try #require((item["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["size_in_bytes"] as? Int == 48213)
        let nashra = try #require(item["_nashra"] as? [String: Any])
        #expect(nashra["credit"] as? String == "مملكتنا.م.ش.س/م.م.ع")
        #expect(nashra["dateline"] as? String == "الرباط")
        #expect((nashra["related"] as? [[String: Any]])?.count == 4)
    }
}

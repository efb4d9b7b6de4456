import Foundation
import NashraAggregate
import NashraModel
import NashraStore
import NashraTestSupport
import Testing

/// ISSUE 4, "Must show 1", the content half: what partners put in their feeds (charsets, cut-off
/// bodies, edits, churned identities, the same story twice, dates from the future), polled over
/// a real loopback server into a real SQLite store.
@Suite struct PollContentScenarioTests {
    // MARK: Encodings

    /// The two windows-1256 fixtures of the parse corpus, as a partner's server sends them.
    struct Encoded: Sendable, CustomTestStringConvertible {
        var fixture: String
        var contentType: String
        /// Replaces the encoding the XML declaration names (the bytes stay windows-1256).
        var declares: String? = nil
        var testDescription: String { "\(fixture)\(declares.map { " declaring \($0)" } ?? "") as \(contentType)" }

        func body() throws -> [UInt8] {
            let bytes = [UInt8](try Fixtures.data(fixture))
            guard let declares else { return bytes }
            // The declaration is ASCII, so it can be rewritten in place of the first line.
            let firstLine = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            return Array("<?xml version=\"1.0\" encoding=\"\(declares)\"?>".utf8) + bytes[firstLine...]
        }
    }

    static let encoded = [
        // The bytes are windows-1256, the XML declaration says ISO-8859-1, the HTTP charset is right (RFC 7303 §3.2).
        Encoded(fixture: "parse/encoding/http_charset_contradicts.xml", contentType: "text/xml; charset=windows-1256"),
        // Declared only in the XML declaration, as most Arabic CMSs of the 2000s still do.
        Encoded(fixture: "parse/encoding/windows1256_declared.xml", contentType: "application/rss+xml"),
        Encoded(fixture: "parse/encoding/windows1256_declared.xml", contentType: "text/xml"),
        // A CMS template that always says UTF-8 over a windows-1256 database; the server's charset is right.
        Encoded(
            fixture: "parse/encoding/windows1256_declared.xml", contentType: "application/rss+xml; charset=windows-1256", declares: "utf-8"),
    ]

    @Test(arguments: encoded) func windows1256FeedIsStoredAsArabic(_ case: Encoded) async throws {
        let bytes = try `case`.body()
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the fixture must not be UTF-8")
        try await PollHarness.with(["/feed.xml": .ok(bytes, contentType: `case`.contentType)]) { h in
            let partner = try await h.subscribe("/feed.xml")
            try await h.poll()
            let stored = try await h.subscription(partner.id)
            #expect(stored.fetch.lastStatus == 200)
            #expect(stored.fetch.lastError == nil, "\(stored.fetch.lastError ?? "")")
            #expect(stored.title == "مملكتنا - آخر الأخبار")
            let articles = try await h.articles()
            #expect(
                Set(articles.map(\.article.title)) == ["انعقاد الجمع السنوي للنواب الجهويين بالرباط", "الفلاحة: موسم واعد رغم قلة التساقطات"])
            let summaries = articles.compactMap(\.article.summary)
            #expect(summaries.contains("قال وزير الفلاحة إن الموسم الفلاحي يبقى واعدا في عدد من الجهات."))
        }
    }

    // MARK: Broken bodies

    @Test func bodyCutOffMidItemKeepsOnlyWholeItems() async throws {
        let full = PartnerFeed.threeStories
        // The connection (or the partner's cache file) ended inside the third item's description.
        let cut = try #require(full.range(of: "بملعب مراكش"))
        let truncated = String(full[..<cut.lowerBound])
        try await PollHarness.with(["/feed.xml": .sequence([.ok(truncated), .ok(full)])]) { h in
            let partner = try await h.subscribe("/feed.xml")
            let first = try await h.poll()
            let state = try await h.subscription(partner.id).fetch
            #expect(state.lastStatus == 200)
            #expect(state.lastError?.contains("not well-formed") == true, "\(state.lastError ?? "no error")")
            let articles = try await h.articles()
            #expect(
                Set(articles.map(\.article.title)) == [PartnerFeed.dams.title, PartnerFeed.bookFair.title],
                "only the items that arrived whole are stored")
            #expect(articles.allSatisfy { a in [PartnerFeed.dams, PartnerFeed.bookFair].contains { $0.description == a.article.summary } })
            #expect(first.progress.new == 2)

            // The next fetch brings the whole feed: the third item arrives, the two others are left alone.
            try await h.makeDue(partner.id)
            let second = try await h.poll()
            #expect(second.progress.new == 1)
            #expect(second.progress.updated == 0)
            let after = try await h.articles()
            #expect(after.count == 3)
            #expect(after.first { $0.article.title == PartnerFeed.football.title }?.article.summary == PartnerFeed.football.description)
        }
    }

    // MARK: Entries over time

    @Test func editedEntryIsUpdatedInPlace() async throws {
        var edited = PartnerFeed.football
        edited.title = "المنتخب الوطني يفوز على نظيره الغابوني بثلاثة أهداف دون رد"
        let v2 = PartnerFeed.rss(items: [PartnerFeed.dams, PartnerFeed.bookFair, edited])
        try await PollHarness.with(["/feed.xml": .sequence([.ok(PartnerFeed.threeStories), .ok(v2)])]) { h in
            let partner = try await h.subscribe("/feed.xml")
            try await h.poll()
            let before = try await h.articles()
            #expect(before.count == 3)

            try await h.makeDue(partner.id)
            let second = try await h.poll()
            #expect(second.progress.new == 0)
            #expect(second.progress.updated == 1)
            let after = try await h.articles()
            #expect(after.count == 3)
            let old = try #require(before.first { $0.article.url.absoluteString == edited.link })
            let new = try #require(after.first { $0.article.url.absoluteString == edited.link })
            #expect(new.article.title == edited.title)
            #expect(new.article.id == old.article.id, "updated in place, under the same key")
            #expect(new.sources.count == 1)
            #expect(Set(after.filter { $0.article.id != old.article.id }) == Set(before.filter { $0.article.id != old.article.id }))
        }
    }

    /// How a partner's identifiers churn between two polls without the story changing.
    enum Churn: String, CaseIterable, Sendable {
        /// The guid moves to `http://www.` with tracking parameters and a trailing slash.
        case guid
        /// No guid; the link churns the same way.
        case linkWithoutGuid
    }

    @Test(arguments: Churn.allCases) func identityChurnIsNotANewEntry(churn: Churn) async throws {
        func churned(_ url: String) -> String {
            url.replacingOccurrences(of: "https://akhbar.ma/", with: "http://www.akhbar.ma/") + "/?utm_source=rss&utm_medium=feed"
        }
        let stories = [PartnerFeed.dams, PartnerFeed.bookFair, PartnerFeed.football]
        let v1 = stories.map { item in
            var item = item
            if churn == .linkWithoutGuid { item.guid = nil }
            return item
        }
        let v2 = v1.map { item in
            var item = item
            switch churn {
            case .guid: item.guid = item.guid.map(churned)
            case .linkWithoutGuid: item.link = churned(item.link)
            }
            return item
        }
        try await PollHarness.with(["/feed.xml": .sequence([.ok(PartnerFeed.rss(items: v1)), .ok(PartnerFeed.rss(items: v2))])]) { h in
            let partner = try await h.subscribe("/feed.xml")
            try await h.poll()
            let before = try await h.articles()
            #expect(before.count == 3)

            try await h.makeDue(partner.id)
            let second = try await h.poll()
            #expect(second.progress.new == 0)
            #expect(second.progress.duplicates == 0)
            let after = try await h.articles()
            #expect(after.count == 3, "\(after.map(\.article.url))")
            #expect(Set(after.map(\.article.id)) == Set(before.map(\.article.id)))
            #expect(after.allSatisfy { $0.sources.count == 1 })
            #expect(await h.server.requests.count == 2)
        }
    }

    @Test func futureDateIsHeldToTheFetchTime() async throws {
        let nextYear = Timestamp(date: Date().addingTimeInterval(365 * 86_400))
        var typo = PartnerFeed.bookFair
        typo.pubDate = nextYear.rfc822
        try await PollHarness.with(["/feed.xml": .ok(PartnerFeed.rss(items: [PartnerFeed.dams, typo]))]) { h in
            _ = try await h.subscribe("/feed.xml")
            let pass = try await h.poll()
            let articles = try await h.articles()
            #expect(articles.count == 2)
            let held = try #require(articles.first { $0.article.title == typo.title })
            #expect(held.heldFutureDate)
            let published = held.article.published.date
            #expect(
                published >= pass.started.addingTimeInterval(-1) && published <= pass.finished.addingTimeInterval(1),
                "published \(published), pass \(pass.started)…\(pass.finished)")
            let normal = try #require(articles.first { $0.article.title == PartnerFeed.dams.title })
            #expect(!normal.heldFutureDate)
            #expect(normal.article.published.date == Timestamp(rfc3339: "2025-02-13T09:30:00+01:00")?.date)
            // Held to the fetch time, the typo does not sit above today's news for a year.
            #expect(articles.first?.article.title == typo.title)
        }
    }

    // MARK: One story, several partners

    /// Three partners carry the dams story: A, its publisher; B, a syndicator that links to A's
    /// article through `http://www.` and tracking parameters and writes its own text; C, which
    /// reran A's text almost word for word under its own link.
    enum Partner: String, CaseIterable, Sendable {
        case a, b, c

        var path: String { "/\(rawValue).xml" }

        var feed: String {
            switch self {
            case .a:
                PartnerFeed.rss(title: "أخبار", link: "https://akhbar.ma/", items: [PartnerFeed.dams, PartnerFeed.bookFair])
            case .b:
                PartnerFeed.rss(
                    title: "منصة الأنباء", link: "https://anbaa.ma/",
                    items: [
                        PartnerItem(
                            guid: "anbaa-88231",
                            link: "http://www.akhbar.ma/2025/02/13/sudud/?utm_source=anbaa&utm_medium=rss&utm_campaign=partners",
                            title: "نسبة ملء السدود تصل إلى ثلاثين في المائة",
                            description: "نقلا عن موقع أخبار: تحسن مخزون المياه في السدود بفضل الأمطار الأخيرة.",
                            pubDate: "Thu, 13 Feb 2025 10:05:00 +0100"),
                        PartnerItem(
                            guid: "anbaa-88240", link: "https://anbaa.ma/iqtisad/88240",
                            title: "الحكومة تصادق على مشروع مرسوم يتعلق بدعم المقاولات الصغرى",
                            description: "صادق مجلس الحكومة المنعقد اليوم الخميس على مشروع مرسوم يتعلق بنظام دعم المقاولات الصغرى والمتوسطة.",
                            pubDate: "Thu, 13 Feb 2025 13:00:00 +0100"),
                    ])
            case .c:
                PartnerFeed.rss(
                    title: "اليوم", link: "https://alyaoum.ma/",
                    items: [
                        PartnerItem(
                            guid: "https://alyaoum.ma/watani/1187", link: "https://alyaoum.ma/watani/1187",
                            title: "ارتفاع حُقينة السدود بعد التساقطات المطرية الأخيرة",
                            description:
                                "أفادت وزارة التجهيز والماء بأن نسبة ملء السدود بلغت ثلاثين في المائة، بعد التساقطات المطرية التي عرفتها عدة جهات من المملكة خلال الأسبوع الماضي",
                            pubDate: "Thu, 13 Feb 2025 10:40:00 +0100")
                    ])
            }
        }
    }

    static let arrivalOrders: [[Partner]] = [
        [.a, .b, .c], [.a, .c, .b], [.b, .a, .c], [.b, .c, .a], [.c, .a, .b], [.c, .b, .a],
    ]

    @Test(arguments: arrivalOrders) func oneStoryFromSeveralPartnersIsStoredOnce(order: [Partner]) async throws {
        var routes: [String: FixtureRoute] = [:]
        for partner in Partner.allCases { routes[partner.path] = .ok(partner.feed) }
        try await PollHarness.with(routes) { h in
            var ids: [Partner: Int64] = [:]
            // One partner per pass, in the order given: the merge must not depend on who came first.
            for partner in order {
                ids[partner] = try await h.subscribe(partner.path).id
                try await h.poll()
            }
            #expect(await h.server.requests.count == 3)
            let articles = try await h.articles()
            let check = {
                // The dams story once, A's book fair, B's decree.
                #expect(articles.count == 3, "\(articles.map(\.article.title))")
                let damsCopies = articles.filter { stored in
                    stored.sources.contains { $0.subscriptionID == ids[.a] && $0.entryKey.hasSuffix("sudud") }
                        || stored.sources.contains { $0.subscriptionID == ids[.b] && $0.entryKey == "anbaa-88231" }
                        || stored.sources.contains { $0.subscriptionID == ids[.c] }
                }
                #expect(damsCopies.count == 1)
                #expect(
                    Set(damsCopies.first?.sources.map(\.subscriptionID) ?? []) == Set(ids.values),
                    "sources: \(damsCopies.map { $0.sources.map(\.feedURL.path) })")
            }
            // When A arrives last it ties together B's and C's copies, stored apart until then
            // (they share neither a link nor a text): the store merges them.
            check()
        }
    }
}

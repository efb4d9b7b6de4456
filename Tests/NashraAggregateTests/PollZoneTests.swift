import Foundation
import NashraModel
import NashraStore
import NashraTestSupport
import Testing

/// A partner's `--zone` applies to its dates that carry none.
@Suite struct PollZoneTests {
    static func feed(_ pubDate: String) -> String {
        PartnerFeed.rss(items: [
            PartnerItem(
                guid: "zone-1", link: "https://akhbar.ma/2025/02/13/zone", title: "انعقاد الجمع السنوي بالرباط",
                description: "الرباط – انعقدت اليوم الخميس أشغال الدورة الـ49 للجمع السنوي.", pubDate: pubDate)
        ])
    }

    @Test(arguments: [
        // Arabic and English dates without a zone, read in Casablanca time (UTC+1 on that day).
        ("الخميس 13 فبراير 2025 - 13:12", "Africa/Casablanca", "2025-02-13T12:12:00Z"),
        ("Thu, 13 Feb 2025 13:12:00", "Africa/Casablanca", "2025-02-13T12:12:00Z"),
        // No zone configured: UTC.
        ("Thu, 13 Feb 2025 13:12:00", nil, "2025-02-13T13:12:00Z"),
        // A date that says its zone keeps it, whatever the subscription's.
        ("Thu, 13 Feb 2025 13:12:00 +0000", "Africa/Casablanca", "2025-02-13T13:12:00Z"),
    ])
    func zonelessDatesAreReadInThePartnersZone(pubDate: String, zone: String?, expectedUTC: String) async throws {
        try await PollHarness.with(["/feed.xml": .ok(Self.feed(pubDate))]) { h in
            _ = try await h.subscribe("/feed.xml", timeZone: zone)
            try await h.poll()
            let stored = try await h.articles()
            #expect(stored.count == 1)
            #expect(stored.first?.article.published.rfc3339UTC == expectedUTC)
        }
    }
}

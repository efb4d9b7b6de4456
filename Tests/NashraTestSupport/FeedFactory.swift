public import Foundation

/// Small, realistic partner feeds for tests that need many of them.
public enum FeedFactory {
    /// Words the item texts are drawn from, so that different items tell different stories.
    static let words = [
        "الرباط", "الدار البيضاء", "فاس", "مراكش", "طنجة", "أكادير", "وجدة", "الحسيمة", "الحكومة", "البرلمان", "الفلاحة", "الصيد",
        "السياحة", "التعليم", "الصحة", "الماء", "الطاقة", "الموانئ", "الطرق", "الجامعة", "المهرجان", "الانتخابات", "الميزانية",
        "الاستثمار", "التشغيل", "الأمطار", "الثلوج", "السدود", "القطار", "المطار", "الرياضة", "الكرة", "المنتخب", "الثقافة",
    ]

    /// A sentence of `count` words picked deterministically from `seed`.
    static func sentence(seed: Int, count: Int) -> String {
        var state = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 | 1
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return words[Int(state % UInt64(words.count))]
        }.joined(separator: " ")
    }

    /// An RSS 2.0 feed of `items` Arabic news items; item ids, links and texts are unique per `feed` and item.
    public static func rss(feed: Int, items: Int, host: String = "partner.example.ma", titlePrefix: String = "خبر") -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>شريك \(feed)</title><link>https://\(host)/</link><description>أخبار</description>
            """
        for item in 0..<items {
            let minute = (feed * 7 + item) % 60
            xml += """
                <item><title>\(titlePrefix) \(feed)-\(item): \(sentence(seed: feed * 1000 + item, count: 6))</title>
                <link>https://\(host)/\(feed)/\(item).html</link><guid>https://\(host)/\(feed)/\(item).html</guid>
                <pubDate>Thu, 13 Feb 2025 12:\(minute < 10 ? "0" : "")\(minute):00 +0100</pubDate>
                <description>\(sentence(seed: feed * 1000 + item + 500_000, count: 20))</description></item>
                """
        }
        return xml + "</channel></rss>"
    }

    /// OPML 2.0 listing `urls`.
    public static func opml(_ urls: [URL]) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>partners</title></head><body>"#
        for (i, url) in urls.enumerated() {
            xml += #"<outline type="rss" text="partner \#(i)" xmlUrl="\#(url.absoluteString)"/>"#
        }
        return xml + "</body></opml>"
    }
}

import Foundation
import NashraModel
import NashraStore
import NashraWriters

/// The pages people see: `/` (the site's feeds, the latest own and partner
/// articles with their related lists, the subscriptions' health) and a feed
/// opened in a browser. Right-to-left when the site's language is, and every
/// article marked with its own `lang` and `dir`, so an Arabic page with a
/// French article lays out both right.
struct HTMLPage {
    let config: FeedConfig

    /// `/`.
    func home(own: [StoredArticle], partners: [StoredArticle], related: [String: [RelatedPick]], subscriptions: [Subscription], sections: [String])
        -> String
    {
        var html = head(title: config.title)
        html += "<header><h1>\(escape(config.title))</h1>"
        if let description = config.description { html += "<p>\(escape(description))</p>" }
        html += "</header>\n<main>\n"
        html += "<section id=\"feeds\"><h2>\(text.feeds)</h2><ul>"
        html += feedLinks(label: text.siteFeed, scope: .site)
        html += feedLinks(label: text.partnersFeed, scope: .partners)
        for section in sections { html += feedLinks(label: section, scope: .section(section)) }
        html += "<li><a href=\"/subscriptions.opml\">OPML</a></li></ul></section>\n"
        html += "<section id=\"own\"><h2>\(text.latestOwn)</h2>\(articleList(own, related: related))</section>\n"
        html += "<section id=\"partners\"><h2>\(text.latestPartners)</h2>\(articleList(partners, related: related))</section>\n"
        html += "<section id=\"subscriptions\"><h2>\(text.subscriptions)</h2>\(subscriptionTable(subscriptions))</section>\n"
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    /// A feed opened in a browser: its articles, with links to the feed itself.
    func feed(title: String, feedPath: String, articles: [StoredArticle], related: [String: [RelatedPick]]) -> String {
        var html = head(title: title)
        html += "<header><h1>\(escape(title))</h1><p>\(text.feedExplained) "
        html += "<a href=\"\(escape(feedPath))\">\(escape(feedPath))</a></p><p><a href=\"/\">\(text.home)</a></p></header>\n"
        html += "<main>\(articleList(articles, related: related))</main>\n</body>\n</html>\n"
        return html
    }

    // MARK: - Parts

    private var language: String { config.language }
    private var isRightToLeft: Bool { Self.rightToLeft(config.language) }
    private var text: PageText { isRightToLeft ? .arabic : .english }

    static func rightToLeft(_ language: String?) -> Bool {
        guard let primary = language?.lowercased().split(separator: "-").first else { return false }
        return ["ar", "fa", "he", "ur"].contains(String(primary))
    }

    private func head(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(escape(language))" dir="\(isRightToLeft ? "rtl" : "ltr")">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <link rel="alternate" type="application/rss+xml" href="/feed.rss" title="\(escape(config.title))">
        <link rel="alternate" type="application/atom+xml" href="/feed.atom" title="\(escape(config.title))">
        <style>
        body { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem; line-height: 1.6; color: #1d1d1f; }
        header h1 { font-size: 1.8rem; margin: 0.5rem 0; border-bottom: 3px solid #8a1c1c; padding-bottom: 0.3rem; }
        h2 { font-size: 1.3rem; color: #8a1c1c; margin-top: 2rem; }
        article { border-bottom: 1px solid #ddd; padding: 0.6rem 0; }
        article h3 { font-size: 1.1rem; margin: 0; }
        .meta { color: #666; font-size: 0.9rem; }
        .related { font-size: 0.9rem; margin: 0.3rem 0 0; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.3rem; text-align: start; }
        .failing { color: #a00; }
        </style>
        </head>
        <body>

        """
    }

    private func feedLinks(label: String, scope: FeedScope) -> String {
        let links = FeedFormat.allCases.map { "<a href=\"\(escape(scope.path($0.fileExtension)))\">\($0.rawValue.uppercased())</a>" }
        return "<li>\(escape(label)): " + links.joined(separator: " · ") + "</li>"
    }

    private func articleList(_ articles: [StoredArticle], related: [String: [RelatedPick]]) -> String {
        guard !articles.isEmpty else { return "<p>\(text.none)</p>" }
        var html = ""
        for stored in articles {
            let article = stored.article
            let lang = article.language ?? (stored.origin == .own ? config.language : "")
            let attributes = lang.isEmpty ? "" : " lang=\"\(escape(lang))\" dir=\"\(Self.rightToLeft(lang) ? "rtl" : "ltr")\""
            html += "<article\(attributes)><h3><a href=\"\(escape(article.url.absoluteString))\">\(escape(article.title))</a></h3>"
            var meta = "<time datetime=\"\(article.published.rfc3339)\">\(escape(displayDate(article.published)))</time>"
            if let source = stored.sources.first { meta += " · \(escape(source.feedTitle ?? source.feedURL.host ?? ""))" }
            if let dateline = article.dateline { meta += " · \(escape(dateline))" }
            html += "<p class=\"meta\">\(meta)</p>"
            let list = related[article.id].map { $0.map(\.article) } ?? article.related
            if !list.isEmpty {
                html += "<div class=\"related\"><strong>\(text.related)</strong><ul>"
                for item in list.prefix(config.relatedLimit) {
                    html += "<li><a href=\"\(escape(item.url.absoluteString))\">\(escape(item.title))</a></li>"
                }
                html += "</ul></div>"
            }
            html += "</article>\n"
        }
        return html
    }

    private func subscriptionTable(_ subscriptions: [Subscription]) -> String {
        guard !subscriptions.isEmpty else { return "<p>\(text.none)</p>" }
        var html = "<table><thead><tr><th>\(text.feed)</th><th>\(text.lastFetch)</th><th>\(text.status)</th><th>\(text.nextDue)</th></tr></thead><tbody>"
        for subscription in subscriptions {
            let fetch = subscription.fetch
            let failing = fetch.consecutiveFailures > 0 || fetch.gone
            let status = fetch.gone ? text.gone : (fetch.lastError.map { "\(fetch.lastStatus.map(String.init) ?? "–") \($0)" } ?? fetch.lastStatus.map(String.init) ?? "–")
            html += "<tr\(failing ? " class=\"failing\"" : "")><td dir=\"ltr\"><a href=\"\(escape(subscription.url.absoluteString))\">"
            html += "\(escape(subscription.title ?? subscription.url.absoluteString))</a></td>"
            html += "<td>\(fetch.lastAttempt.map { escape(displayDate(Timestamp(date: $0, utcOffsetSeconds: 0))) } ?? "–")</td>"
            html += "<td>\(escape(status))</td><td>\(escape(displayDate(Timestamp(date: fetch.nextDue, utcOffsetSeconds: 0))))</td></tr>"
        }
        return html + "</tbody></table>"
    }

    /// `الخميس 13 فبراير 2025 - 13:12` on an Arabic site (Moroccan month names, in the
    /// article's own offset); `Thu, 13 Feb 2025 13:12` elsewhere.
    func displayDate(_ timestamp: Timestamp) -> String {
        let c = CivilTime(timestamp)
        let time = String(format: "%02d:%02d", c.hour, c.minute)
        if isRightToLeft {
            return "\(Self.arabicWeekdays[c.weekday]) \(c.day) \(Self.arabicMonths[c.month - 1]) \(c.year) - \(time)"
        }
        return String(timestamp.rfc822.prefix(16)) + " " + time
    }

    static let arabicWeekdays = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]
    static let arabicMonths = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"]

    private func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// The words of the page, in the site's language.
struct PageText {
    var feeds, siteFeed, partnersFeed, latestOwn, latestPartners, subscriptions, related, none, feed, lastFetch, status, nextDue, gone,
        feedExplained, home: String

    static let arabic = PageText(
        feeds: "الخلاصات", siteFeed: "الموقع", partnersFeed: "الشركاء", latestOwn: "آخر مقالات الموقع", latestPartners: "آخر مقالات الشركاء",
        subscriptions: "الاشتراكات", related: "مقالات ذات صلة", none: "لا شيء بعد.", feed: "الخلاصة", lastFetch: "آخر جلب", status: "الحالة",
        nextDue: "الجلب القادم", gone: "توقفت", feedExplained: "هذه خلاصة للاشتراك في قارئ الأخبار:", home: "الصفحة الرئيسية")

    static let english = PageText(
        feeds: "Feeds", siteFeed: "Site", partnersFeed: "Partners", latestOwn: "Latest articles", latestPartners: "Latest from partners",
        subscriptions: "Subscriptions", related: "Related articles", none: "Nothing yet.", feed: "Feed", lastFetch: "Last fetch",
        status: "Status", nextDue: "Next due", gone: "gone", feedExplained: "This is a feed to subscribe to in a news reader:", home: "Home")
}

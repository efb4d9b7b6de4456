import Foundation
import NashraFetch
import NashraModel
import NashraParse
import NashraStore

/// One fetch of one subscription, from HTTP to what the store should apply.
/// Pure apart from the fetch itself, so it is easy to test and reason about.
struct FeedFetchJob: Sendable {
    let subscription: Subscription
    let fetcher: Fetcher

    /// What the fetch came to: the scheduler's result, and what to store.
    struct Completed: Sendable {
        var subscriptionID: Int64
        var result: FetchResult
        var status: Int?
        var error: String?
        var etag: String?
        var lastModified: String?
        var newURL: URL?
        var feedTitle: String?
        var entries: [IncomingEntry]
        var bytes: Int
        var durationMilliseconds: Int
        var finishedAt: Date
        /// True when a 200 was parsed (validators and lastSuccess then change).
        var succeeded: Bool
    }

    func run() async -> Completed {
        let started = ContinuousClock.now
        let outcome = await fetcher.fetch(
            FetchRequest(url: subscription.url, etag: subscription.fetch.etag, lastModified: subscription.fetch.lastModified))
        var done = Completed(
            subscriptionID: subscription.id, result: .networkError, status: nil, error: nil, etag: subscription.fetch.etag,
            lastModified: subscription.fetch.lastModified, newURL: nil, feedTitle: nil, entries: [], bytes: 0, durationMilliseconds: 0,
            finishedAt: Date(), succeeded: false)
        switch outcome {
        case .ok(let response):
            done.status = response.status
            done.bytes = response.body.count
            done.newURL = response.permanentURL
            let zone = subscription.timeZone.flatMap(TimeZone.init(identifier:))
            let options = FeedParseOptions(documentURL: response.finalURL, contentType: response.contentType, defaultZone: zone)
            do {
                let feed = try FeedParser.parse(response.body, options: options)
                let now = Date()
                done.entries = EntryIngest.entries(feed, subscription: subscription, fetchedAt: now)
                done.feedTitle = feed.feed.title
                done.result = .updated(minimumInterval: Self.minimumInterval(feed.feed, maxAge: response.maxAge))
                done.etag = response.etag
                done.lastModified = response.lastModified
                done.succeeded = true
                if feed.bozo { done.error = "not well-formed: \(feed.bozoMessage ?? "")" }
            } catch {
                done.result = .rejected
                done.error = "not a feed: \(error)"
            }
        case .notModified(let response):
            done.status = response.status
            done.newURL = response.permanentURL
            done.result = .notModified(minimumInterval: response.maxAge)
        case .gone(let response):
            done.status = response.status
            done.result = .gone
            done.error = "410 Gone: the partner retired this feed"
        case .httpError(let response):
            done.status = response.status
            done.result = response.status >= 500 || response.status == 429 ? .serverError(retryAfter: response.retryAfter) : .rejected
            done.error = "HTTP \(response.status)"
        case .failed(let error):
            done.result = .networkError
            done.error = error.description
        }
        let elapsed = ContinuousClock.now - started
        done.durationMilliseconds = Int(elapsed.components.seconds) * 1000 + Int(elapsed.components.attoseconds / 1_000_000_000_000_000)
        done.finishedAt = Date()
        return done
    }

    /// The shortest interval the feed asks for: `ttl` (minutes), `sy:updatePeriod`, `Cache-Control: max-age`.
    static func minimumInterval(_ feed: ParsedFeedInfo, maxAge: Int?) -> Int? {
        let asks = [feed.ttl.map { $0 * 60 }, feed.updateInterval, maxAge].compactMap { $0 }
        return asks.max()
    }
}

public import Foundation

/// What one fetch of a subscription came to, as far as scheduling cares.
///
/// The fetcher maps HTTP to these cases: 200 → `updated`, 304 → `notModified`,
/// 410 → `gone`, 404 and other 4xx → `rejected`, 5xx and 429 → `serverError`
/// (with `Retry-After` read as a date), no response at all → `networkError`.
public enum FetchResult: Sendable, Hashable {
    /// 200 and the body parsed. `minimumInterval` is the shortest interval the
    /// feed asks for now, in seconds (`ttl`, `sy:updatePeriod`/`updateFrequency`,
    /// `Cache-Control: max-age`, the largest of them); `nil` means it asks for none.
    case updated(minimumInterval: Int?)
    /// 304. The body was not read, so `nil` keeps what the last 200 asked for;
    /// a value (from `Cache-Control: max-age`) replaces it.
    case notModified(minimumInterval: Int?)
    /// 410: the partner retired the feed; it is never polled again.
    case gone
    /// 404 or another 4xx the server will keep giving (also an unparseable body).
    case rejected
    /// 5xx or 429, with `Retry-After` when the server sent one.
    case serverError(retryAfter: Date?)
    /// No response: DNS, connection, TLS, timeout.
    case networkError

    /// Whether the fetch succeeded (the feed is healthy).
    public var isSuccess: Bool {
        switch self {
        case .updated, .notModified: true
        case .gone, .rejected, .serverError, .networkError: false
        }
    }
}

public import Foundation

/// The knobs of `PollScheduler`: how many fetches run at once, how much the
/// schedule is spread out, and how failing feeds are backed off.
public struct SchedulePolicy: Sendable, Hashable {
    /// Fetches running at once over all hosts (`poll --concurrency N`).
    public var globalConcurrency: Int
    /// Fetches running at once against one host name (ports are not told apart:
    /// politeness is owed to the machine).
    public var perHostConcurrency: Int
    /// Spread of every delay, as a fraction: 0.1 moves a 15-minute poll
    /// anywhere within ±90 seconds, so feeds added together drift apart.
    public var jitter: Double
    /// The first retry delay after a failure, for feeds polled more often than
    /// this; slower feeds back off from their own interval.
    public var backoffBase: TimeInterval
    /// The longest back-off: a failing feed is still tried at least this often
    /// (unless its own interval is longer).
    public var backoffCap: TimeInterval
    /// The longest `Retry-After` that is honored; a later date is clamped to this.
    public var retryAfterCap: TimeInterval
    /// The longest minimum interval a feed may impose (`ttl`, `sy:updatePeriod`,
    /// `Cache-Control: max-age`); a larger value is clamped to this.
    public var feedMinimumCap: TimeInterval

    /// Creates a policy. Out-of-range values are clamped: concurrency to at
    /// least 1, jitter to 0…0.5, delays to at least 1 second.
    public init(
        globalConcurrency: Int = 16, perHostConcurrency: Int = 2, jitter: Double = 0.1, backoffBase: TimeInterval = 60,
        backoffCap: TimeInterval = 6 * 3600, retryAfterCap: TimeInterval = 24 * 3600, feedMinimumCap: TimeInterval = 24 * 3600
    ) {
        self.globalConcurrency = max(1, globalConcurrency)
        self.perHostConcurrency = max(1, perHostConcurrency)
        // Beyond ±50% the "interval" stops meaning anything; NaN becomes 0.
        self.jitter = jitter.isNaN ? 0 : min(0.5, max(0, jitter))
        self.backoffBase = max(1, backoffBase)
        self.backoffCap = max(self.backoffBase, backoffCap)
        self.retryAfterCap = max(1, retryAfterCap)
        self.feedMinimumCap = max(1, feedMinimumCap)
    }
}

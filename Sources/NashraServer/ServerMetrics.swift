import Foundation
import NIOConcurrencyHelpers
public import Prometheus

/// What `/metrics` reports, in Prometheus's text format: requests by route
/// and status, 304s, request durations, feed renders, and the poller's
/// fetches, errors and new articles when it runs in the same process.
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let notModified: Counter
    private let renders: Counter
    private let duration: DurationHistogram
    private let fetches: Counter
    private let fetchDuration: DurationHistogram
    private let fetchErrors: Counter
    private let newArticles: Counter
    private let updatedArticles: Counter
    /// Request counters by route and status, made once each.
    private let requestCounters = NIOLockedValueBox([RequestKey: Counter]())

    private struct RequestKey: Hashable {
        var route: String
        var status: Int
    }

    public init() {
        notModified = registry.makeCounter(
            descriptor: .init(namespace: "nashra", metricName: "http_not_modified", unitName: "total", helpText: "304 answers"))
        renders = registry.makeCounter(
            descriptor: .init(namespace: "nashra", metricName: "feed_renders", unitName: "total", helpText: "Documents rendered from the store"))
        duration = registry.makeDurationHistogram(
            descriptor: .init(namespace: "nashra", metricName: "http_request_duration", unitName: "seconds", helpText: "Time to answer a request"),
            buckets: [.microseconds(100), .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100), .seconds(1)])
        fetches = registry.makeCounter(
            descriptor: .init(namespace: "nashra", metricName: "fetches", unitName: "total", helpText: "Partner feed fetches finished"))
        fetchDuration = registry.makeDurationHistogram(
            descriptor: .init(namespace: "nashra", metricName: "fetch_duration", unitName: "seconds", helpText: "Time to fetch and parse a partner feed"),
            buckets: [.milliseconds(10), .milliseconds(50), .milliseconds(250), .seconds(1), .seconds(5), .seconds(30)])
        fetchErrors = registry.makeCounter(
            descriptor: .init(namespace: "nashra", metricName: "fetch_errors", unitName: "total", helpText: "Partner feed fetches that failed"))
        newArticles = registry.makeCounter(
            descriptor: .init(namespace: "nashra", metricName: "articles_new", unitName: "total", helpText: "Partner articles added"))
        updatedArticles = registry.makeCounter(
            descriptor: .init(namespace: "nashra", metricName: "articles_updated", unitName: "total", helpText: "Partner articles updated"))
    }

    func request(route: String, status: Int, duration elapsed: Duration) {
        let key = RequestKey(route: route, status: status)
        let counter = requestCounters.withLockedValue { counters in
            if let counter = counters[key] { return counter }
            let counter = registry.makeCounter(
                descriptor: .init(namespace: "nashra", metricName: "http_requests", unitName: "total", helpText: "HTTP requests answered"),
                labels: [("route", route), ("status", String(status))])
            counters[key] = counter
            return counter
        }
        counter.increment()
        if status == 304 { notModified.increment() }
        duration.record(elapsed)
    }

    func rendered() { renders.increment() }

    /// Counts finished partner fetches, what they brought, and how long the last one took.
    public func fetchesFinished(
        _ count: Int, failed: Int, newArticles new: Int, updatedArticles updated: Int, lastDuration: Duration? = nil
    ) {
        if let lastDuration { fetchDuration.record(lastDuration) }
        fetches.increment(by: Int64(count))
        fetchErrors.increment(by: Int64(failed))
        newArticles.increment(by: Int64(new))
        updatedArticles.increment(by: Int64(updated))
    }

    /// The text exposition of every metric.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }
}

import Foundation
import Logging

/// One log line per request (method, path, status, milliseconds) and its
/// metrics, whichever part of the server answered it.
struct RequestLog: Sendable {
    let metrics: ServerMetrics

    func record(method: String, path: String, route: String, status: Int, elapsed: Duration, logger: Logger) {
        metrics.request(route: route, status: status, duration: elapsed)
        logger.info(
            "request",
            metadata: [
                "http.method": "\(method)", "http.path": "\(path)", "http.status": "\(status)",
                "duration.ms": "\(String(format: "%.2f", Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15))",
            ])
    }
}

import AsyncHTTPClient
public import Foundation
public import Logging
import NIOCore
import NIOHTTP1

/// Tells a WebSub hub that feeds changed (`hub.mode=publish`, W3C WebSub
/// §7 and PubSubHubbub 0.4), so subscribers are pushed new articles instead
/// of polling. A ping that fails is retried with back-off.
public struct HubNotifier: Sendable {
    public let hub: URL
    private let logger: Logger

    public init(hub: URL, logger: Logger) {
        self.hub = hub
        self.logger = logger
    }

    /// Pings the hub about `feeds`; returns whether it accepted (a 2xx) within `attempts` tries.
    @discardableResult
    public func publish(_ feeds: [URL], attempts: Int = 4, backoff: Duration = .seconds(2)) async -> Bool {
        var request = HTTPClientRequest(url: hub.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "User-Agent", value: "Nashra/0.1 (WebSub publisher)")
        request.body = .bytes(ByteBuffer(string: Self.form(feeds)))
        var delay = backoff
        for attempt in 1...max(1, attempts) {
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(15))
                _ = try? await response.body.collect(upTo: 64 << 10)
                if (200..<300).contains(Int(response.status.code)) { return true }
                logger.warning("hub refused the ping", metadata: ["hub": "\(hub)", "status": "\(response.status.code)", "attempt": "\(attempt)"])
            } catch {
                logger.warning("hub unreachable", metadata: ["hub": "\(hub)", "error": "\(error)", "attempt": "\(attempt)"])
            }
            guard attempt < attempts else { break }
            try? await Task.sleep(for: delay)
            delay *= 2
        }
        return false
    }

    /// `hub.mode=publish&hub.url=…&hub.url=…`, form-encoded.
    static func form(_ feeds: [URL]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let urls = feeds.map { "hub.url=" + ($0.absoluteString.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") }
        return (["hub.mode=publish"] + urls).joined(separator: "&")
    }
}

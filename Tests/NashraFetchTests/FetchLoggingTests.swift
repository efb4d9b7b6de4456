import Foundation
import Logging
import NIOConcurrencyHelpers
import NashraFetch
import NashraTestSupport
import Testing

/// STYLE.md 15: the fetcher logs through the `Logger` it was given, with `feed.url` and `http.status`.
@Suite("Fetch logging")
struct FetchLoggingTests {
    @Test func eachFetchIsLoggedAtDebugWithURLAndStatus() async throws {
        let records = NIOLockedValueBox<[LogEvent]>([])
        var logger = Logger(label: "nashra.tests.fetch") { _ in CapturingLogHandler(records: records) }
        logger.logLevel = .debug
        let server = try await FixtureHTTPServer.start(["/feed": .status(404)])
        let fetcher = Fetcher(policy: try loopbackPolicy(), logger: logger)
        let url = server.url("/feed")
        _ = await fetcher.fetch(FetchRequest(url: url))
        _ = await fetcher.fetch(FetchRequest(url: URL(string: "ftp://example.ma/feed")!))
        try await fetcher.shutdown()
        await server.stop()

        let ours = records.withLockedValue { $0 }.filter { $0.metadata?["feed.url"] != nil }
        #expect(ours.count == 2)
        #expect(ours.allSatisfy { $0.level == .debug })
        #expect(ours.first?.metadata?["feed.url"] == .string(url.absoluteString))
        #expect(ours.first?.metadata?["http.status"] == .stringConvertible(404))
        #expect(ours.last?.metadata?["error.code"] == .stringConvertible(FetchError.Code.refusedScheme))
    }
}

private struct CapturingLogHandler: LogHandler {
    let records: NIOLockedValueBox<[LogEvent]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    func log(event: LogEvent) {
        records.withLockedValue { $0.append(event) }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}

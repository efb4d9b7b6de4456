import Foundation
import Logging
import NashraFetch
import NashraTestSupport
import Testing

/// The policy the server tests start from: `127.0.0.1` allowed (INTERFACE.md), short time-outs.
func loopbackPolicy(
    allow: [String] = ["127.0.0.1"],
    _ configure: (inout FetchPolicy) -> Void = { _ in }
) throws
    -> FetchPolicy
{
    var policy = FetchPolicy(
        connectTimeout: .seconds(2),
        requestTimeout: .seconds(10),
        addressGuard: try AddressGuard(allow: allow)
    )
    configure(&policy)
    return policy
}

/// Starts a fixture server with `routes` and a fetcher, runs `body`, and always stops both.
func withServer(
    _ routes: [String: FixtureRoute],
    policy: FetchPolicy? = nil,
    _ body: (FixtureHTTPServer, Fetcher) async throws -> Void
) async throws {
    let server = try await FixtureHTTPServer.start(routes)
    let fetcher: Fetcher
    do {
        fetcher = Fetcher(policy: try policy ?? loopbackPolicy(), logger: Logger(label: "nashra.tests.fetch"))
    } catch {
        await server.stop()
        throw error
    }
    do {
        try await body(server, fetcher)
    } catch {
        try? await fetcher.shutdown()
        await server.stop()
        throw error
    }
    try await fetcher.shutdown()
    await server.stop()
}

/// The response when `outcome` is the expected case; records an issue otherwise.
func expectResponse(
    _ outcome: FetchOutcome,
    _ expected: OutcomeKind,
    sourceLocation: SourceLocation = #_sourceLocation
) -> FetchResponse? {
    let kind: OutcomeKind
    switch outcome {
    case .ok: kind = .ok
    case .notModified: kind = .notModified
    case .gone: kind = .gone
    case .httpError: kind = .httpError
    case .failed(let error):
        Issue.record("expected .\(expected), got a failure: \(error)", sourceLocation: sourceLocation)
        return nil
    }
    guard kind == expected else {
        Issue.record(
            "expected .\(expected), got .\(kind) (status \(outcome.response?.status ?? 0))",
            sourceLocation: sourceLocation
        )
        return nil
    }
    return outcome.response
}

/// The error when `outcome` is a failure; records an issue otherwise.
func expectFailure(_ outcome: FetchOutcome, sourceLocation: SourceLocation = #_sourceLocation) -> FetchError? {
    guard case .failed(let error) = outcome else {
        Issue.record("expected a failure, got status \(outcome.response?.status ?? 0)", sourceLocation: sourceLocation)
        return nil
    }
    return error
}

enum OutcomeKind: Sendable {
    case ok, notModified, gone, httpError
}

/// Times `body` on the continuous clock.
func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try await body()
    return (value, clock.now - start)
}

public import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// A real HTTP/1.1 server on `127.0.0.1` and an ephemeral port, playing scripted partners
/// (STYLE.md 14; AHC's `HTTPBin`). Routes are closures, so a test can change them between polls.
///
/// ```swift
/// let server = try await FixtureHTTPServer.start(["/feed": .conditional(body: rss, etag: "\"v1\"")])
/// let outcome = await fetcher.fetch(FetchRequest(url: server.url("/feed")))
/// #expect(await server.requests.first?.header("user-agent") != nil)
/// await server.stop()   // also on the failure path: it ends answers still waiting
/// ```
public final class FixtureHTTPServer: Sendable {
    /// The port the server listens on.
    public let port: Int
    /// `http://HOST:PORT`.
    public let baseURL: URL
    private let state: FixtureState

    private init(host: String, port: Int, state: FixtureState) {
        self.port = port
        self.baseURL = URL(string: "http://\(host):\(port)")!
        self.state = state
    }

    /// Starts a server answering `routes` (path → route); any other path gets 404.
    /// - Parameter host: a loopback address; `127.0.0.2`… give a benchmark many hosts on one machine.
    /// - Throws: When the server cannot bind or does not come up.
    public static func start(_ routes: [String: FixtureRoute] = [:], host: String = "127.0.0.1") async throws -> FixtureHTTPServer {
        let state = FixtureState(routes: routes)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            responder: FixtureResponder(state: state),
            configuration: ApplicationConfiguration(address: .hostname(host, port: 0)),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? 0)
                portSink.finish()
            },
            logger: quietLogger
        )
        let task = Task {
            defer { portSink.finish() }
            try await app.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            try await task.value
            throw FixtureServerError(message: "the fixture server stopped before listening")
        }
        return FixtureHTTPServer(host: host, port: port, state: state)
    }

    /// `baseURL` + `path` (`/feed?x=1`).
    public func url(_ path: String) -> URL {
        URL(string: baseURL.absoluteString + (path.hasPrefix("/") ? path : "/" + path))!
    }

    /// Every request received so far, in order.
    public var requests: [RecordedRequest] {
        get async { await state.requests }
    }

    /// The requests received for one path.
    public func requests(to path: String) async -> [RecordedRequest] {
        await state.requests.filter { $0.path == path }
    }

    /// Replaces (or adds) the route for `path`; its hit count carries on.
    public func setRoute(_ path: String, _ route: FixtureRoute) async {
        await state.setRoute(path, route)
    }

    /// Ends the answers in flight (a `neverAnswer` handler included); the listener stays until the process exits.
    public func stop() async {
        // Hanging and dripping answers end by themselves, and the listener is left open until
        // the test process exits. Cancelling Hummingbird's task instead races with connections
        // still being accepted: NIO then deinits an unfinished NIOAsyncWriter in channelActive,
        // a precondition failure that took the whole test process down now and then.
        await state.beginStopping()
        let deadline = ContinuousClock.now + .seconds(2)
        while await state.activeResponses > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}

/// The fixture server failed to start.
public struct FixtureServerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

// MARK: - Private

// why: Hummingbird logs every start at `info`; test output should only show test results.
// A test fixture is not a library in the STYLE.md 15 sense, so it may build its own logger.
private let quietLogger: Logger = {
    var logger = Logger(label: "nashra.fixture-http-server")
    logger.logLevel = .critical
    return logger
}()

/// Routes, hit counts and the request log, shared by the handlers.
private actor FixtureState {
    private var routes: [String: FixtureRoute]
    private var hits: [String: Int] = [:]
    private(set) var requests: [RecordedRequest] = []
    /// True once `stop()` began: slow answers give up.
    private(set) var stopping = false
    /// Responses being produced or written right now.
    private(set) var activeResponses = 0

    func beginStopping() { stopping = true }
    func responseStarted() { activeResponses += 1 }
    func responseEnded() { activeResponses -= 1 }

    init(routes: [String: FixtureRoute]) {
        self.routes = routes
    }

    /// Logs the request and returns its route with the number of earlier hits on the path.
    func record(_ request: RecordedRequest) -> (route: FixtureRoute, count: Int)? {
        requests.append(request)
        guard let route = routes[request.path] else { return nil }
        let count = hits[request.path, default: 0]
        hits[request.path] = count + 1
        return (route, count)
    }

    func setRoute(_ path: String, _ route: FixtureRoute) {
        routes[path] = route
    }
}

private struct FixtureResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let state: FixtureState

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        var request = request
        var buffer = try await request.collectBody(upTo: 1 << 20)
        let body = buffer.readBytes(length: buffer.readableBytes) ?? []
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        let recorded = RecordedRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            query: request.uri.query,
            headers: headers,
            time: Date(),
            body: body
        )
        guard let (route, count) = await state.record(recorded) else {
            return Response(status: .notFound)
        }
        let answer = route.respond(recorded, count)
        await state.responseStarted()
        var bodyOwnsSlot = false
        defer { if !bodyOwnsSlot { Task { [state] in await state.responseEnded() } } }
        if let delay = answer.delayBeforeHead {
            try await Task.sleep(for: delay)
        }
        if answer.hang {
            // Ends when the server stops.
            while await !state.stopping { try await Task.sleep(for: .milliseconds(20)) }
            throw CancellationError()
        }
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            guard let name = HTTPField.Name(name) else { continue }
            fields.append(HTTPField(name: name, value: value))
        }
        bodyOwnsSlot = true
        return Response(status: HTTPResponse.Status(code: answer.status), headers: fields, body: Self.body(of: answer, state: state))
    }

    private static func body(of answer: FixtureResponse, state: FixtureState) -> ResponseBody {
        if answer.dripBytesPerSecond == nil, answer.fillerBytes == 0, !answer.chunked {
            Task { await state.responseEnded() }
            return ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
        }
        let length = answer.chunked ? nil : answer.body.count + answer.fillerBytes
        return ResponseBody(contentLength: length) { writer in
            defer { Task { await state.responseEnded() } }
            if let rate = answer.dripBytesPerSecond, rate > 0 {
                for byte in answer.body {
                    if await state.stopping { throw CancellationError() }
                    try await writer.write(ByteBuffer(bytes: [byte]))
                    try await Task.sleep(for: .seconds(1) / rate)
                }
            } else if !answer.body.isEmpty {
                try await writer.write(ByteBuffer(bytes: answer.body))
            }
            let chunk = ByteBuffer(repeating: UInt8(ascii: "a"), count: 64 << 10)
            var remaining = answer.fillerBytes
            while remaining > 0 {
                if await state.stopping { throw CancellationError() }
                let size = min(remaining, chunk.readableBytes)
                try await writer.write(chunk.getSlice(at: chunk.readerIndex, length: size)!)
                remaining -= size
            }
            try await writer.finish(nil)
        }
    }
}

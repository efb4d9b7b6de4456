import AsyncHTTPClient
import Foundation
public import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPCompression
import NIOPosix

/// Fetches feeds the way partners' servers and CDNs like: conditional GETs, compression, an
/// honest `User-Agent`; and defensively: size caps, a deadline for the whole fetch, redirects
/// followed by hand so the ``AddressGuard`` sees every hop.
///
/// One `Fetcher` holds one `HTTPClient` (and its connection pool) for the whole process;
/// call ``shutdown()`` before dropping it.
public final class Fetcher: Sendable {
    /// The limits this fetcher applies (fixed at creation: the client is configured from it).
    public let policy: FetchPolicy
    private let client: HTTPClient
    private let logger: Logger

    /// Creates a fetcher and its HTTP client.
    /// - Parameters:
    ///   - policy: Caps, time-outs, redirects, `User-Agent` and address guard.
    ///   - logger: Where each fetch is logged at `debug` with `feed.url` and `http.status` (STYLE.md 15).
    public init(policy: FetchPolicy = FetchPolicy(), logger: Logger) {
        var configuration = HTTPClient.Configuration()
        // Redirects are followed by `follow(_:)`, so the guard runs on every hop and 301/308 can be told from 302/307.
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: TimeAmount(policy.connectTimeout))
        // AHC inflates gzip and deflate and throws once the inflated size passes the limit.
        configuration.decompression = .enabled(limit: .size(policy.maxDecompressedBytes))
        // A refused connection fails now instead of retrying until the connect time-out;
        // the scheduler's back-off is the retry.
        configuration.connectionPool.retryConnectionEstablishment = false
        // Check the peer once connected too: the guard resolved the name, AHC resolves it again,
        // and the answer may have changed in between (DNS rebinding).
        let peerCheck = policy.addressGuard.peerCheck()
        configuration.http1_1ConnectionDebugInitializer = peerCheck
        configuration.http2ConnectionDebugInitializer = peerCheck
        self.client = HTTPClient(
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            configuration: configuration,
            backgroundActivityLogger: logger
        )
        self.policy = policy
        self.logger = logger
    }

    /// Fetches one feed, following redirects, within ``FetchPolicy/requestTimeout``.
    ///
    /// Never throws: every failure is a ``FetchOutcome/failed(_:)`` so the scheduler handles
    /// all outcomes in one `switch`.
    public func fetch(_ request: FetchRequest) async -> FetchOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start.advanced(by: policy.requestTimeout)
        let timeout = policy.requestTimeout
        let outcome = await firstOf(
            deadline: deadline,
            operation: { await self.follow(request, clock: clock, start: start, deadline: deadline) },
            onTimeout: {
                .failed(FetchError(code: .timeout, message: "no complete answer within \(timeout)", url: request.url))
            },
            onCancel: { .failed(FetchError(code: .cancelled, message: "the fetch was cancelled", url: request.url)) }
        )
        log(outcome, url: request.url, elapsed: clock.now - start)
        return outcome
    }

    /// Closes the connections and stops the client.
    /// - Throws: What `HTTPClient.shutdown()` throws (it was already shut down).
    public func shutdown() async throws {
        try await client.shutdown()
    }
}

// MARK: - Private

extension Fetcher {
    private static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]
    private static let accept =
        "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
        + "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
    /// Bodies of redirects and error answers are read this far (so the connection can be reused) and no further.
    private static let smallBodyLimit = 64 << 10

    /// The redirect loop: guard, request, and either the next hop or the final answer.
    private func follow(
        _ request: FetchRequest,
        clock: ContinuousClock,
        start: ContinuousClock.Instant,
        deadline: ContinuousClock.Instant
    ) async -> FetchOutcome {
        var url = request.url
        var visited: Set<String> = [Self.loopKey(url)]
        var redirects = 0
        var allPermanent = true
        while true {
            do {
                try await policy.addressGuard.check(url)
            } catch {
                return .failed(error)
            }
            if url.scheme?.lowercased() == "file" {
                return await readFile(url, elapsed: { clock.now - start })
            }
            let head: HTTPClientResponse
            do {
                let remaining = deadline - clock.now
                guard remaining > .zero else {
                    return .failed(FetchError(code: .timeout, message: "no answer within \(policy.requestTimeout)", url: url))
                }
                head = try await client.execute(
                    httpRequest(url, request),
                    deadline: .now() + TimeAmount(remaining),
                    logger: logger
                )
            } catch {
                return .failed(FetchError(wrapping: error, url: url, policy: policy))
            }

            let status = Int(head.status.code)
            guard Self.redirectStatuses.contains(status), let location = head.headers.first(name: "location") else {
                let permanentURL = redirects > 0 && allPermanent ? url : nil
                return await answer(head, status: status, url: url, permanentURL: permanentURL, request: request) {
                    clock.now - start
                }
            }
            await Self.drain(head.body)
            guard let next = URL(string: location, relativeTo: url)?.absoluteURL else {
                return .failed(
                    FetchError(code: .invalidURL, message: "redirect to an unreadable Location \"\(location)\"", url: url)
                )
            }
            let scheme = next.scheme?.lowercased() ?? ""
            // Even with file: URLs enabled, a server may not send Nashra to the local disk.
            guard scheme == "http" || scheme == "https" else {
                return .failed(
                    FetchError(code: .refusedScheme, message: "a redirect to \"\(scheme):\" is never followed", url: next)
                )
            }
            guard visited.insert(Self.loopKey(next)).inserted else {
                return .failed(
                    FetchError(
                        code: .redirectLoop,
                        message: "redirect \(redirects + 1) leads back to a URL already visited",
                        url: next
                    )
                )
            }
            redirects += 1
            guard redirects <= policy.maxRedirects else {
                return .failed(
                    FetchError(code: .tooManyRedirects, message: "more than \(policy.maxRedirects) redirects", url: next)
                )
            }
            if status != 301 && status != 308 { allPermanent = false }
            url = next
        }
    }

    private func httpRequest(_ url: URL, _ request: FetchRequest) -> HTTPClientRequest {
        var http = HTTPClientRequest(url: url.absoluteString)
        http.method = .GET
        http.headers.add(name: "User-Agent", value: policy.userAgent)
        http.headers.add(name: "Accept", value: Self.accept)
        http.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        if let etag = request.etag { http.headers.add(name: "If-None-Match", value: etag) }
        if let lastModified = request.lastModified { http.headers.add(name: "If-Modified-Since", value: lastModified) }
        return http
    }

    /// Turns the last response of the chain into an outcome, reading the body only when it matters.
    private func answer(
        _ head: HTTPClientResponse,
        status: Int,
        url: URL,
        permanentURL: URL?,
        request: FetchRequest,
        elapsed: () -> Duration
    ) async -> FetchOutcome {
        let headers = head.headers
        var response = FetchResponse(
            status: status,
            contentType: headers.first(name: "content-type"),
            etag: headers.first(name: "etag"),
            lastModified: headers.first(name: "last-modified"),
            finalURL: url,
            permanentURL: permanentURL,
            maxAge: headers.first(name: "cache-control").flatMap(CachingHeaders.maxAge),
            retryAfter: headers.first(name: "retry-after").flatMap { CachingHeaders.retryAfter($0, now: Date()) }
        )
        switch status {
        case 304:
            // A 304 has no body and may omit the validators; keep the ones that still hold.
            response.etag = response.etag ?? request.etag
            response.lastModified = response.lastModified ?? request.lastModified
            response.elapsed = elapsed()
            return .notModified(response)
        case 200..<300:
            do {
                response.body = try await readBody(head, url: url)
            } catch {
                return .failed(error)
            }
            response.elapsed = elapsed()
            return .ok(response)
        default:
            response.body = await Self.drain(head.body) ?? []
            response.elapsed = elapsed()
            return status == 410 ? .gone(response) : .httpError(response)
        }
    }

    /// The body of a 2xx, stopped (and the connection dropped) as soon as it passes the cap.
    private func readBody(_ head: HTTPClientResponse, url: URL) async throws(FetchError) -> [UInt8] {
        if let declared = head.headers.first(name: "content-length").flatMap({ Int($0) }), declared > policy.maxBodyBytes {
            throw FetchError(
                code: .tooLarge,
                message: "the server announced \(declared) bytes; the limit is \(policy.maxBodyBytes)",
                url: url
            )
        }
        // What arrives here is already inflated; AHC only inflates these two codings.
        let coding = head.headers.first(name: "content-encoding")?.lowercased()
        let limit = coding == "gzip" || coding == "deflate" ? policy.maxDecompressedBytes : policy.maxBodyBytes
        var body: [UInt8] = []
        do {
            for try await buffer in head.body {
                guard body.count + buffer.readableBytes <= limit else {
                    // Leaving the loop drops the iterator, which cancels the request and closes the connection.
                    throw FetchError(code: .tooLarge, message: "the body passed \(limit) bytes", url: url)
                }
                body.append(contentsOf: buffer.readableBytesView)
            }
        } catch let error as FetchError {
            throw error
        } catch {
            throw FetchError(wrapping: error, url: url, policy: policy)
        }
        return body
    }

    /// Reads a small body to its end so the connection can be reused; `nil` when it was longer or broke.
    @discardableResult
    private static func drain(_ body: HTTPClientResponse.Body) async -> [UInt8]? {
        var bytes: [UInt8] = []
        do {
            for try await buffer in body {
                guard bytes.count + buffer.readableBytes <= smallBodyLimit else { return nil }
                bytes.append(contentsOf: buffer.readableBytesView)
            }
        } catch {
            return nil
        }
        return bytes
    }

    /// A `file:` URL (when enabled): read from disk with the same size cap, answered as a 200.
    private func readFile(_ url: URL, elapsed: @escaping @Sendable () -> Duration) async -> FetchOutcome {
        let cap = policy.maxBodyBytes
        let result: Result<[UInt8], FetchError>
        do {
            result = try await NIOThreadPool.singleton.runIfActive {
                let handle = try FileHandle(forReadingFrom: url)
                defer { try? handle.close() }
                let data = try handle.read(upToCount: cap + 1) ?? Data()
                guard data.count <= cap else {
                    return .failure(FetchError(code: .tooLarge, message: "the file passed \(cap) bytes", url: url))
                }
                return .success([UInt8](data))
            }
        } catch {
            return .failed(FetchError(code: .connection, message: "cannot read the file: \(error)", url: url))
        }
        switch result {
        case .success(let body):
            return .ok(FetchResponse(status: 200, body: body, finalURL: url, elapsed: elapsed()))
        case .failure(let error):
            return .failed(error)
        }
    }

    private func log(_ outcome: FetchOutcome, url: URL, elapsed: Duration) {
        var metadata: Logger.Metadata = [
            "feed.url": .string(FetchError.redacted(url)),
            "fetch.ms": .stringConvertible(
                elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            ),
        ]
        switch outcome {
        case .failed(let error):
            metadata["error.code"] = .stringConvertible(error.code)
            metadata["error.message"] = .string(error.message)
            logger.debug("fetch failed", metadata: metadata)
        case .ok(let response), .notModified(let response), .gone(let response), .httpError(let response):
            metadata["http.status"] = .stringConvertible(response.status)
            metadata["fetch.bytes"] = .stringConvertible(response.body.count)
            if response.finalURL != url { metadata["fetch.final_url"] = .string(FetchError.redacted(response.finalURL)) }
            logger.debug("fetched", metadata: metadata)
        }
    }

    /// The key under which a URL counts as visited: the fragment never reaches the server.
    private static func loopKey(_ url: URL) -> String {
        let text = url.absoluteString
        return text.firstIndex(of: "#").map { String(text[..<$0]) } ?? text
    }
}

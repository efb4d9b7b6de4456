import Foundation
public import Hummingbird
import HTTPTypes
public import Logging
public import NashraModel
public import NashraStore
import NashraWriters
import NIOCore

/// The HTTP face of Nashra: the site's, sections' and partners' feeds in
/// three formats, each article with its related list, the subscriptions as
/// OPML, a health check and metrics. Feeds are rendered when the store
/// changes (`storeChanged()`), not on every request.
public struct FeedServer: Sendable {
    /// How the server answers.
    public struct Settings: Sendable {
        public var host: String
        public var port: Int
        /// `Cache-Control: max-age` of feeds and documents.
        public var maxAgeSeconds: Int
        /// Items per feed.
        public var pageSize: Int
        /// A connection with no complete request part for this long is closed (slow clients).
        public var idleTimeoutSeconds: Int

        public init(host: String = "127.0.0.1", port: Int = 8080, maxAgeSeconds: Int = 300, pageSize: Int = 50, idleTimeoutSeconds: Int = 30) {
            self.host = host
            self.port = port
            self.maxAgeSeconds = maxAgeSeconds
            self.pageSize = pageSize
            self.idleTimeoutSeconds = idleTimeoutSeconds
        }
    }

    public let store: any Store
    public let config: FeedConfig
    public let settings: Settings
    public let cache = DocumentCache()
    public let metrics: ServerMetrics
    let logger: Logger

    public init(store: any Store, config: FeedConfig, settings: Settings, metrics: ServerMetrics = ServerMetrics(), logger: Logger) {
        self.store = store
        self.config = config
        self.settings = settings
        self.metrics = metrics
        self.logger = logger
    }

    /// Drops every rendered document; the next request renders from the store.
    public func storeChanged() async {
        await cache.invalidate()
    }

    /// The Hummingbird application; `onListening` receives the bound port (useful with port 0).
    public func application(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            router: router(),
            server: .http1(
                configuration: .init(
                    idleTimeout: .seconds(Int64(settings.idleTimeoutSeconds)),
                    httpDecoderConfiguration: .init(maxHeaderFieldSize: 16 << 10, maxHeaderListSize: 32 << 10, maxHeaderFieldCount: 100))),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "nashra"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestLogMiddleware(metrics: metrics))
        router.add(middleware: PublicMethodsMiddleware())
        let renderer = FeedRenderer(store: store, config: config, pageSize: settings.pageSize)
        for format in FeedFormat.allCases {
            router.get("/feed.\(format.fileExtension)") { request, _ in
                try await self.feed(.site, format: format, renderer: renderer, request: request)
            }
            router.get("/partners/feed.\(format.fileExtension)") { request, _ in
                try await self.feed(.partners, format: format, renderer: renderer, request: request)
            }
            router.get("/sections/{section}/feed.\(format.fileExtension)") { request, context in
                let raw = try context.parameters.require("section")
                guard let section = raw.removingPercentEncoding, !section.isEmpty else { throw HTTPError(.notFound) }
                return try await self.feed(.section(section), format: format, renderer: renderer, request: request)
            }
        }
        router.get("/articles/{id}.json") { request, context in
            let raw = try context.parameters.require("id")
            guard let id = raw.removingPercentEncoding else { throw HTTPError(.notFound) }
            return try await self.document("article:\(id)", request: request) { try await self.articleJSON(id) }
        }
        router.get("/subscriptions.opml") { request, _ in
            try await self.document("subscriptions", request: request) { try await self.subscriptionsOPML() }
        }
        router.get("/healthz") { _, _ in try await self.health() }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: self.metrics.exposition())))
        }
        return router
    }

    private func feed(_ scope: FeedScope, format: FeedFormat, renderer: FeedRenderer, request: Request) async throws -> Response {
        let key: String
        switch scope {
        case .site: key = "site.\(format.rawValue)"
        case .partners: key = "partners.\(format.rawValue)"
        case .section(let name): key = "section:\(name).\(format.rawValue)"
        }
        return try await document(key, request: request) { try await renderer.render(scope, format: format) }
    }

    /// A cached document, rendered when missing, answered conditionally; 404 when there is none.
    private func document(_ key: String, request: Request, render: @escaping @Sendable () async throws -> RenderedDocument?) async throws
        -> Response
    {
        let metrics = self.metrics
        let document = try await cache.document(key) {
            let rendered = try await render()
            metrics.rendered()
            return rendered
        }
        guard let document else { throw HTTPError(.notFound) }
        return ConditionalResponse(maxAge: settings.maxAgeSeconds).response(for: document, request: request).0
    }

    /// `{"id", "origin", "article": record, "related": [{id, url, title, published, score, reason}]}`: the
    /// computed list, or the record's hand-made one (without scores) when none was computed.
    private func articleJSON(_ id: String) async throws -> RenderedDocument? {
        guard let stored = try await store.article(key: id) else { return nil }
        let computed = try await store.relatedList(key: id) ?? []
        let related: [JSONValue] =
            computed.isEmpty
            ? stored.article.related.map {
                .members([
                    ("id", .string($0.id)), ("url", .string($0.url.absoluteString)), ("title", .string($0.title)),
                    ("published", .string($0.published?.rfc3339)),
                ])
            }
            : computed.prefix(config.relatedLimit).map(\.json)
        // Built by hand so that an empty list is still there, as `[]`.
        let json = JSONValue.object([
            ("id", .string(id)), ("origin", .string(stored.origin.rawValue)), ("article", stored.article.recordJSON),
            ("related", .array(related)),
        ])
        return RenderedDocument(
            bytes: Array(json.serialized().utf8), contentType: "application/json; charset=utf-8",
            lastModified: stored.article.lastModified.date)
    }

    private func subscriptionsOPML() async throws -> RenderedDocument? {
        let subscriptions = try await store.subscriptions()
        let feeds = subscriptions.map { OPMLFeed(xmlURL: $0.url, title: $0.title, htmlURL: nil, categories: $0.categories) }
        let data = try OPMLWriter.write(feeds, title: "\(config.title) – partners")
        let newest = subscriptions.compactMap(\.fetch.lastSuccess).max() ?? Date(timeIntervalSince1970: 0)
        return RenderedDocument(bytes: Array(data), contentType: "text/x-opml; charset=utf-8", lastModified: newest)
    }

    private func health() async throws -> Response {
        let counts = try await store.articleCounts()
        let subscriptions = try await store.subscriptions()
        let json = JSONValue.members([
            ("status", .string("ok")),
            ("articles", .members([("own", .int(counts.own)), ("partner", .int(counts.partner))])),
            ("subscriptions", .int(subscriptions.count)),
            ("failing", .int(subscriptions.filter { $0.fetch.consecutiveFailures > 0 }.count)),
        ])
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: json.serialized())))
    }
}

public import Foundation
public import Hummingbird
import HummingbirdCore
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
    /// Logs and counts requests, whichever part of the server answers them.
    let requestLog: RequestLog
    /// How feeds are answered: they depend on `Accept` too (a browser gets a page).
    let feedAnswer: ConditionalResponse
    /// How every other document is answered.
    let documentAnswer: ConditionalResponse

    public init(store: any Store, config: FeedConfig, settings: Settings, metrics: ServerMetrics = ServerMetrics(), logger: Logger) {
        self.store = store
        self.config = config
        self.settings = settings
        self.metrics = metrics
        self.logger = logger
        requestLog = RequestLog(metrics: metrics)
        feedAnswer = ConditionalResponse(maxAge: settings.maxAgeSeconds, vary: "Accept, Accept-Encoding")
        documentAnswer = ConditionalResponse(maxAge: settings.maxAgeSeconds)
    }

    /// The site's and the partners' feeds in every format: what a WebSub hub is told changed.
    public var feedURLs: [URL] {
        FeedFormat.allCases.flatMap { format in [FeedScope.site, .partners].map { $0.selfURL(config: config, format: format) } }
    }

    /// Drops every rendered document; the next request renders from the store.
    public func storeChanged() async {
        cache.invalidate()
    }

    /// The Hummingbird application; `onListening` receives the bound port (useful with port 0).
    public func application(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let serverName = "nashra"
        let http1 = HTTP1Channel.Configuration(
            idleTimeout: .seconds(Int64(settings.idleTimeoutSeconds)),
            httpDecoderConfiguration: .init(maxHeaderFieldSize: 16 << 10, maxHeaderListSize: 32 << 10, maxHeaderFieldCount: 100))
        let cached = CachedFeedResponder(
            cache: cache, conditional: feedAnswer, log: requestLog, logger: logger, serverName: serverName)
        return Application(
            router: router(),
            server: HTTPServerBuilder { responder in
                CachedFeedChannel(http1: HTTP1Channel(responder: responder, configuration: http1), responder: cached)
            },
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: serverName),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestLogMiddleware(log: requestLog))
        // The one route that changes state, before the GET/HEAD-only rule; off unless a token is configured.
        router.post("/admin/refresh") { request, _ in try await self.refresh(request) }
        router.add(middleware: PublicMethodsMiddleware())
        let renderer = FeedRenderer(store: store, config: config, pageSize: settings.pageSize)
        router.get("/") { request, _ in
            // The page shows fetch health too, which changes without new articles: it lives 30 s at most.
            try await self.document("home", request: request, maxAge: .seconds(30)) { try await self.homePage() }
        }
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

    /// A feed; a browser (whose `Accept` asks for HTML first) gets a page of its articles instead.
    private func feed(_ scope: FeedScope, format: FeedFormat, renderer: FeedRenderer, request: Request) async throws -> Response {
        // Most requests have no query: do not parse one.
        let before = try (request.uri.query == nil ? nil : request.uri.queryParameters.get("before")).map { text in
            guard let cursor = FeedCursor.parse(text) else { throw HTTPError(.badRequest, message: "before= is not a page of this feed") }
            return cursor
        }
        if Self.wantsHTML(request.headers[.accept]), before == nil {
            return try await document(scope.cacheKey + ".html", request: request, answer: feedAnswer) { try await self.feedPage(scope, format: format) }
        }
        let cacheKey = FeedRoute(scope: scope, format: format).cacheKey + (before.map { "?before=" + FeedCursor.text($0) } ?? "")
        // The common case, answered before any render closure is made.
        if let hit = cache.cached(cacheKey) { return feedAnswer.response(for: hit, request: request) }
        return try await document(cacheKey, request: request, answer: feedAnswer) {
            try await renderer.render(scope, format: format, before: before)
        }
    }

    /// Whether an `Accept` field names `text/html` before any feed or XML type (a browser, not a reader).
    static func wantsHTML(_ accept: String?) -> Bool {
        guard let accept else { return false }
        let types = accept.lowercased().split(separator: ",").map { $0.split(separator: ";").first?.trimmingCharacters(in: .whitespaces) ?? "" }
        guard let html = types.firstIndex(of: "text/html") else { return false }
        let feed = types.firstIndex { $0.contains("rss") || $0.contains("atom") || $0.contains("xml") || $0.contains("json") }
        return feed.map { html < $0 } ?? true
    }

    /// A cached document, rendered when missing, answered conditionally; 404 when there is none.
    private func document(
        _ key: String, request: Request, maxAge: Duration? = nil, answer: ConditionalResponse? = nil,
        render: @escaping @Sendable () async throws -> RenderedDocument?
    ) async throws -> Response {
        let metrics = self.metrics
        let found: RenderedDocument?
        if let hit = cache.cached(key, maxAge: maxAge) {
            found = hit
        } else {
            found = try await cache.document(key, maxAge: maxAge) {
                let rendered = try await render()
                metrics.rendered()
                return rendered
            }
        }
        guard let document = found else { throw HTTPError(.notFound) }
        return (answer ?? documentAnswer).response(for: document, request: request)
    }

    /// Newest first, with their computed lists.
    private func latest(_ query: ArticleQuery) async throws -> ([StoredArticle], [String: [RelatedPick]]) {
        let articles = try await store.articles(query).articles
        var related: [String: [RelatedPick]] = [:]
        for stored in articles {
            if let list = try await store.relatedList(key: stored.article.id), !list.isEmpty { related[stored.article.id] = list }
        }
        return (articles, related)
    }

    private func homePage() async throws -> RenderedDocument {
        let (own, ownRelated) = try await latest(ArticleQuery(origin: .own, limit: 20))
        let (partners, partnerRelated) = try await latest(ArticleQuery(origin: .partner, limit: 20))
        var sections: [String] = []
        for section in own.compactMap(\.article.section) where !sections.contains(section) { sections.append(section) }
        let html = HTMLPage(config: config).home(
            own: own, partners: partners, related: ownRelated.merging(partnerRelated) { a, _ in a }, subscriptions: try await store.subscriptions(),
            sections: sections)
        let newest = (own + partners).map(\.article.lastModified.date).max() ?? Date(timeIntervalSince1970: 0)
        return RenderedDocument(bytes: Array(html.utf8), contentType: "text/html; charset=utf-8", lastModified: newest)
    }

    private func feedPage(_ scope: FeedScope, format: FeedFormat) async throws -> RenderedDocument? {
        let (articles, related) = try await latest(scope.query(pageSize: settings.pageSize))
        if case .section = scope, articles.isEmpty { return nil }
        var title = config.title
        switch scope {
        case .site: break
        case .partners: title += " – partners"
        case .section(let name): title += " – \(name)"
        }
        let html = HTMLPage(config: config).feed(title: title, feedPath: scope.path(format.fileExtension), articles: articles, related: related)
        let newest = articles.map(\.article.lastModified.date).max() ?? Date(timeIntervalSince1970: 0)
        return RenderedDocument(bytes: Array(html.utf8), contentType: "text/html; charset=utf-8", lastModified: newest)
    }

    /// `POST /admin/refresh?url=FEED` with `Authorization: Bearer TOKEN`: polls that subscription
    /// again at the poller's next wake-up. 404 unless `adminToken` is configured; 401 without it.
    private func refresh(_ request: Request) async throws -> Response {
        guard let token = config.adminToken else { throw HTTPError(.notFound) }
        guard request.headers[.authorization] == "Bearer \(token)" else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"])
        }
        guard let text = request.uri.queryParameters.get("url"), let url = URL(string: text) else {
            throw HTTPError(.badRequest, message: "url= names the subscription to poll again")
        }
        guard try await store.markDue(url: url, at: Date()) else { throw HTTPError(.notFound, message: "no subscription \(text)") }
        return Response(status: .accepted)
    }

    /// `{"id", "origin", "article": record, "related": [{id, url, title, published, score, reason}]}`: the
    /// computed list, or the record's hand-made one (without scores) when none was computed.
    private func articleJSON(_ id: String) async throws -> RenderedDocument? {
        guard let stored = try await store.article(key: id) else { return nil }
        let computed = try await store.relatedList(key: id) ?? []
        let related = computed.isEmpty ? stored.article.related.map(\.json) : computed.prefix(config.relatedLimit).map(\.json)
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

/// Rendered documents by address. A document is rendered on the first
/// request after the store changed, once however many requests arrive
/// together, and served from memory until the next change.
public actor DocumentCache {
    private var documents: [String: (document: RenderedDocument, renderedAt: ContinuousClock.Instant)] = [:]
    private var rendering: [String: Task<RenderedDocument?, any Error>] = [:]
    private var generation = 0
    /// Documents rendered since the server started.
    public private(set) var renders = 0

    /// At most this many documents are kept (feeds × formats × pages); beyond it the cache starts over.
    static let capacity = 512

    public init() {}

    /// Forgets every document: the store changed.
    public func invalidate() {
        generation += 1
        documents.removeAll()
        rendering.removeAll()
    }

    /// The document at `key`, rendered by `render` when it is not cached (or older than `maxAge`,
    /// for pages that show more than the store's articles); `nil` when `render` finds nothing there.
    public func document(
        _ key: String, maxAge: Duration? = nil, render: @escaping @Sendable () async throws -> RenderedDocument?
    ) async throws -> RenderedDocument? {
        if let cached = documents[key], maxAge.map({ ContinuousClock.now - cached.renderedAt < $0 }) ?? true { return cached.document }
        if let task = rendering[key] { return try await task.value }
        let started = generation
        let task = Task { try await render() }
        rendering[key] = task
        let result: RenderedDocument?
        do {
            result = try await task.value
        } catch {
            if generation == started { rendering[key] = nil }
            throw error
        }
        // A change while rendering makes this document stale: serve it to those who asked, keep nothing.
        guard generation == started else { return result }
        rendering[key] = nil
        renders += 1
        if let result {
            if documents.count >= Self.capacity { documents.removeAll() }
            documents[key] = (result, ContinuousClock.now)
        }
        return result
    }
}

import NIOConcurrencyHelpers

/// Rendered documents by address. A document is rendered on the first
/// request after the store changed, once however many requests arrive
/// together, and served from memory until the next change. A hit takes one
/// lock and no task switch: it is every request's path.
public final class DocumentCache: Sendable {
    private struct State {
        var documents: [String: (document: RenderedDocument, renderedAt: ContinuousClock.Instant)] = [:]
        var rendering: [String: Task<RenderedDocument?, any Error>] = [:]
        var generation = 0

        /// The cached document at `key`, unless it is older than `maxAge`.
        func fresh(_ key: String, maxAge: Duration?) -> RenderedDocument? {
            guard let cached = documents[key], maxAge.map({ ContinuousClock.now - cached.renderedAt < $0 }) ?? true else { return nil }
            return cached.document
        }
    }

    private let state = NIOLockedValueBox(State())

    /// At most this many documents are kept (feeds × formats × pages); beyond it the cache starts over.
    static let capacity = 512

    public init() {}

    /// Forgets every document: the store changed.
    public func invalidate() {
        state.withLockedValue { state in
            state.generation += 1
            state.documents.removeAll()
            state.rendering.removeAll()
        }
    }

    /// The document at `key` when it is cached and fresh: the path of nearly every request,
    /// with no closure to allocate.
    public func cached(_ key: String, maxAge: Duration? = nil) -> RenderedDocument? {
        state.withLockedValue { $0.fresh(key, maxAge: maxAge) }
    }

    /// The document at `key`, rendered by `render` when it is not cached (or older than `maxAge`,
    /// for pages that show more than the store's articles); `nil` when `render` finds nothing there.
    public func document(
        _ key: String, maxAge: Duration? = nil, render: @escaping @Sendable () async throws -> RenderedDocument?
    ) async throws -> RenderedDocument? {
        enum Lookup {
            case hit(RenderedDocument)
            case wait(Task<RenderedDocument?, any Error>, generation: Int)
        }
        let lookup: Lookup = state.withLockedValue { state in
            if let document = state.fresh(key, maxAge: maxAge) { return .hit(document) }
            if let task = state.rendering[key] { return .wait(task, generation: state.generation) }
            let task = Task { try await render() }
            state.rendering[key] = task
            return .wait(task, generation: state.generation)
        }
        switch lookup {
        case .hit(let document):
            return document
        case .wait(let task, let started):
            let result: RenderedDocument?
            do {
                result = try await task.value
            } catch {
                state.withLockedValue { state in
                    if state.generation == started, state.rendering[key] == task { state.rendering[key] = nil }
                }
                throw error
            }
            state.withLockedValue { state in
                // A change while rendering makes this document stale: serve it to those who asked, keep nothing.
                guard state.generation == started, state.rendering[key] == task else { return }
                state.rendering[key] = nil
                if let result {
                    if state.documents.count >= Self.capacity { state.documents.removeAll() }
                    state.documents[key] = (result, ContinuousClock.now)
                }
            }
            return result
        }
    }
}

import Foundation
import Logging
import NashraStore
import ServiceLifecycle

/// How `serve` learns of articles other processes wrote (an `articles import`, another poller,
/// another server replica).
///
/// A store that announces changes (PostgreSQL) is listened to: each change another process
/// commits calls `onChangeByOthers` at once (bursts are coalesced), and that process has already
/// computed the related lists. Otherwise the store's change stamp is compared every `interval`,
/// and `onChange` (lists, then feeds) runs when it moved.
struct StoreWatcher: Service {
    let store: any Store
    let interval: Duration
    let onChange: @Sendable () async -> Void
    let onChangeByOthers: @Sendable () async -> Void
    let logger: Logger

    func run() async throws {
        if let announcing = store as? any ChangeAnnouncingStore {
            await listen(to: announcing)
        } else {
            try await compareStamps()
        }
    }

    private func compareStamps() async throws {
        var last = try await store.changeStamp()
        while !Task.isShuttingDownGracefully {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            guard !Task.isShuttingDownGracefully, let now = try? await store.changeStamp(), now != last else { continue }
            await onChange()
            // What onChange wrote itself (related lists) is not news.
            last = (try? await store.changeStamp()) ?? now
        }
    }

    private func listen(to store: any ChangeAnnouncingStore) async {
        // At most one change waits while the last one is handled: a burst of commits is one re-render.
        let (changes, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let interval = interval
        let logger = logger
        _ = await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !Task.isCancelled {
                        do {
                            try await store.watchChanges { continuation.yield() }
                        } catch {
                            if Task.isCancelled { break }
                            logger.warning("store notifications lost; listening again", metadata: ["error": "\(error)"])
                        }
                        // Changes may have been missed while no one listened.
                        continuation.yield()
                        try? await Task.sleep(for: interval)
                    }
                }
                for await _ in changes {
                    await onChangeByOthers()
                }
                group.cancelAll()
            }
        }
        continuation.finish()
    }
}

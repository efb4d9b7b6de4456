import Foundation
public import Logging
public import NashraRelated
public import NashraStore

/// Keeps the stored related lists current. It holds the pool's index in
/// memory (built from the stored analyses on first use, so articles are not
/// analysed again), analyses the articles that are new or changed since the
/// last refresh, and recomputes only the lists those can affect: their own,
/// their nearest neighbours', and those that list them. One refresher per
/// process; `poll`, `articles import` and `related` share its behaviour.
public actor RelatedRefresher {
    /// What one refresh did.
    public struct Summary: Sendable, Hashable {
        /// Articles analysed (new, changed, or all on a rebuild).
        public var analysed = 0
        /// Lists recomputed and stored.
        public var listsComputed = 0
        /// Articles in the pool.
        public var poolSize = 0
        public var seconds = 0.0
        /// Another process was refreshing the lists; it takes this one's changes too.
        public var leftToAnotherProcess = false

        public init() {}
    }

    private let store: any Store
    private let options: RelatedOptions
    private let logger: Logger
    private let workers: Int
    /// Names this process in the store's refresh claim.
    private let holder = Poller.Lease.processHolder()
    /// The store's claim count after this process's last claim.
    private var claimsSeen: Int64?
    /// Refresh passes one call makes at most while other processes keep storing articles.
    static let maximumPasses = 20
    /// How long a claim lasts when its process dies holding it.
    static let claimDuration: TimeInterval = 600
    private var index = RelatedIndex()
    private var loaded = false

    /// Analyses and lists are read and written this many at a time.
    static let pageSize = 2_000
    /// Neighbours of a changed article whose lists are recomputed with its own.
    static let neighborsPerChange = 30

    public init(store: any Store, options: RelatedOptions = RelatedOptions(), logger: Logger, workers: Int? = nil) {
        self.store = store
        self.options = options
        self.logger = logger
        self.workers = workers ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Analyses what is new or changed and recomputes the lists it can affect.
    ///
    /// Processes sharing the store take turns (`claimRelatedRefresh`): while another one
    /// refreshes, this returns at once with `Summary.leftToAnotherProcess`, and that process,
    /// looking again once it is done, takes this one's changes too. Each change's lists are
    /// computed once, however many pollers and servers there are.
    @discardableResult
    public func refresh() async throws -> Summary {
        var summary = try await claimed { try await self.refreshClaimed() }
        // Changes stored meanwhile by processes that found the claim taken count on this one: look
        // again until none are left (or another process holds the claim and takes them over).
        var passes = 1
        while !summary.leftToAnotherProcess, passes < Self.maximumPasses,
            try await !store.articlesNeedingAnalysis(after: 0, limit: 1).articles.isEmpty
        {
            let more = try await claimed { try await self.refreshClaimed() }
            if more.leftToAnotherProcess { break }
            summary.analysed += more.analysed
            summary.listsComputed += more.listsComputed
            summary.seconds += more.seconds
            passes += 1
        }
        return summary
    }

    /// Runs `body` holding the store's refresh claim; without it, returns a summary that says so.
    private func claimed(_ body: () async throws -> Summary) async throws -> Summary {
        let now = Date()
        guard let before = try await store.claimRelatedRefresh(holder: holder, now: now, until: now.addingTimeInterval(Self.claimDuration))
        else {
            logger.info("related lists: another process is refreshing them")
            var summary = Summary()
            summary.leftToAnotherProcess = true
            return summary
        }
        // Another process claimed since this one's last claim: it stored analyses this index lacks.
        if loaded && before != claimsSeen {
            index = RelatedIndex()
            loaded = false
        }
        claimsSeen = before + 1
        do {
            let summary = try await body()
            try await store.releaseRelatedRefresh(holder: holder)
            return summary
        } catch {
            try? await store.releaseRelatedRefresh(holder: holder)
            throw error
        }
    }

    private func refreshClaimed() async throws -> Summary {
        let started = ContinuousClock.now
        var summary = Summary()
        var recomputeAll = false
        if !loaded {
            try await loadStoredAnalyses()
            // Weigh every length against the whole pool, as a process that built the index over time does.
            index.optimize()
            loaded = true
            // Nothing analysed yet (a new store, or one from before related lists): every list is new.
            recomputeAll = index.count == 0
        }
        let changed = try await analysePending(&summary)
        if recomputeAll { index.optimize() }
        let gone = try await store.goneRelatedKeys()
        for key in gone { index.remove(key: key) }

        recomputeAll = recomputeAll || changed.count * 5 > max(index.count, 1)
        let affected: [String]
        if recomputeAll {
            affected = index.keys
        } else {
            // Articles without a list: a refresh interrupted after storing analyses left them so.
            var keys = Set(changed).union(try await store.articlesWithoutList())
            if !changed.isEmpty || !gone.isEmpty {
                keys.formUnion(try await store.articlesListing(changed + gone))
                for key in changed { keys.formUnion(index.neighbors(of: key, count: Self.neighborsPerChange, options: options)) }
            }
            affected = Array(keys)
        }
        summary.listsComputed = try await recompute(affected)
        summary.poolSize = index.count
        summary.seconds = (ContinuousClock.now - started).seconds
        logger.info(
            "related lists refreshed",
            metadata: [
                "analysed": "\(summary.analysed)", "lists": "\(summary.listsComputed)", "pool": "\(summary.poolSize)",
                "seconds": "\(summary.seconds)",
            ])
        return summary
    }

    /// Analyses every article again and recomputes every list.
    /// - Throws: `StoreError(.invalid)` while another process refreshes the lists.
    @discardableResult
    public func rebuild() async throws -> Summary {
        let summary = try await claimed { try await self.rebuildClaimed() }
        if summary.leftToAnotherProcess {
            throw StoreError(code: .invalid, message: "another process is refreshing the related lists; rebuild when it is done")
        }
        return summary
    }

    private func rebuildClaimed() async throws -> Summary {
        try await store.clearRelatedAnalyses()
        index = RelatedIndex()
        loaded = true
        let started = ContinuousClock.now
        var summary = Summary()
        _ = try await analysePending(&summary)
        index.optimize()
        summary.listsComputed = try await recompute(index.keys)
        summary.poolSize = index.count
        summary.seconds = (ContinuousClock.now - started).seconds
        return summary
    }

    private func loadStoredAnalyses() async throws {
        var cursor: Int64 = 0
        while true {
            let page = try await store.relatedAnalyses(after: cursor, limit: Self.pageSize)
            for analysis in page.analyses {
                guard let document = RelatedDocument(stored: analysis.text) else {
                    throw StoreError(
                        code: .invalid,
                        message: "the stored analysis of \"\(analysis.key)\" is in an unknown format; run `nashra related --rebuild`")
                }
                index.upsert(document)
            }
            guard let next = page.next else { return }
            cursor = next
        }
    }

    /// Analyses articles with no current analysis, adds them to the index and stores their analyses.
    private func analysePending(_ summary: inout Summary) async throws -> [String] {
        var changed: [String] = []
        var cursor: Int64 = 0
        while true {
            let page = try await store.articlesNeedingAnalysis(after: cursor, limit: Self.pageSize)
            var analyses: [ArticleAnalysis] = []
            analyses.reserveCapacity(page.articles.count)
            for pending in page.articles {
                let document = ArticleAnalyzer.analyze(pending.article)
                index.upsert(document)
                changed.append(document.key)
                analyses.append(ArticleAnalysis(key: document.key, contentHash: pending.contentHash, text: document.stored))
            }
            try await store.saveAnalyses(analyses)
            summary.analysed += page.articles.count
            guard let next = page.next else { return changed }
            cursor = next
        }
    }

    /// Computes and stores the lists of `keys`, a page at a time.
    private func recompute(_ keys: [String]) async throws -> Int {
        var computed = 0
        var start = 0
        while start < keys.count {
            let end = min(start + Self.pageSize, keys.count)
            let snapshot = index
            let lists = await snapshot.lists(for: Array(keys[start..<end]), options: options, workers: workers)
            try await store.saveRelatedLists(lists)
            computed += lists.count
            start = end
        }
        return computed
    }
}

extension Duration {
    fileprivate var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

import Foundation
import NashraModel
import NashraRelated

/// `nashra-bench related [POOL]`: builds every related list of a synthetic,
/// Arabic-heavy pool (make_corpus records), then adds 100 new articles and
/// recomputes only the lists they can affect, as the refresh after a poll does.
enum RelatedBenchmark {
    static let newArticles = 100

    static func run(pool: Int) async throws {
        let total = pool + newArticles
        try Corpus.ensure(corpus, arguments: ["--only", "articles", "--articles", String(total)], expect: "articles/articles-\(total).ndjson")
        let file = "\(corpus)/articles/articles-\(total).ndjson"
        print("# related: a pool of \(pool) articles from \(file), then \(newArticles) new ones")

        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        var clock = ContinuousClock.now
        func lap() -> Double {
            let now = ContinuousClock.now
            defer { clock = now }
            return seconds(now - clock)
        }
        // Records stream in and only the index keeps what it needs, as in the store's refresh.
        var index = RelatedIndex()
        var keys: [String] = []
        keys.reserveCapacity(pool)
        var fresh: [Article] = []
        var analysing = 0.0
        var indexing = 0.0
        try ArticleRecordReader(path: file).forEach {
            guard case .article(let article) = $0 else { return }
            guard keys.count < pool else {
                fresh.append(article)
                return
            }
            let started = ContinuousClock.now
            let document = ArticleAnalyzer.analyze(article)
            let analysed = ContinuousClock.now
            index.upsert(document)
            keys.append(document.key)
            analysing += seconds(analysed - started)
            indexing += seconds(ContinuousClock.now - analysed)
        }
        let reading = lap() - analysing - indexing
        index.optimize()
        indexing += lap()
        let workers = ProcessInfo.processInfo.activeProcessorCount
        var listed = 0
        var sizes = 0
        // A page at a time, as the refresher stores them.
        for start in stride(from: 0, to: keys.count, by: 2_000) {
            let lists = await index.lists(for: Array(keys[start..<min(start + 2_000, keys.count)]), workers: workers)
            listed += lists.count
            sizes += lists.values.reduce(0) { $0 + $1.count }
        }
        let listing = lap()
        let build = analysing + indexing + listing

        // The update after a poll: analyse and index the new articles, then recompute their
        // lists and their neighbours' (the store adds the lists that named a changed article).
        for article in fresh { index.upsert(ArticleAnalyzer.analyze(article)) }
        var affected = Set(fresh.map(\.id))
        for article in fresh { affected.formUnion(index.neighbors(of: article.id, count: 30)) }
        let updatedLists = await index.lists(for: Array(affected), workers: workers)
        let update = lap()

        let peak = Double(Measure.peakRSS()) / 1_048_576
        print(String(format: "reading %d records (JSON decoding, not in the goal) %8.2f s", keys.count + newArticles, reading))
        print(String(format: "analysing %d articles                        %8.2f s  (%.0f articles/s)", keys.count, analysing, Double(keys.count) / analysing))
        print(String(format: "indexing                                        %8.2f s", indexing))
        print(String(format: "all %d lists (%d workers, avg %.2f entries)  %8.2f s  (%.0f lists/s)", listed, workers, Double(sizes) / Double(max(listed, 1)), listing, Double(listed) / listing))
        print(String(format: "build total (analyse + index + lists)           %8.2f s  goal < 60 s", build))
        print(String(format: "update after %d new articles (%d lists)       %8.2f s  goal < 2 s", newArticles, updatedLists.count, update))
        print(String(format: "peak memory                                     %8.1f MB  goal < 1024 MB", peak))
    }
}

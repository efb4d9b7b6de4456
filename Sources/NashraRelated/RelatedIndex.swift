import Foundation
public import NashraModel

/// The pool of own and partner articles that related lists are drawn from:
/// an inverted index with BM25 weights. An article's candidates are found
/// through the postings of its own rarest terms (within a budget), never by
/// comparing it with every other article; they are then scored with the
/// signals a newsroom trusts (`RelatedScorer`) and diversified.
///
/// A value type: copies share storage until one is changed, so a snapshot
/// can be handed to worker tasks while the original keeps taking updates.
public struct RelatedIndex: Sendable {
    /// An indexed article, with its terms interned. A class: lists read
    /// entries millions of times, and copying one is then a single retain.
    final class Entry: Sendable {
        let key: String
        let url: String
        let title: String
        let published: Double
        let publishedOffsetSeconds: Int
        let language: ArticleLanguage
        let section: Int32?
        let tags: [Int32]
        let places: [Int32]
        let simhash: UInt64?
        /// Term ids, ascending, with their weights.
        let terms: [Int32]
        let weights: [Float]
        /// `1 + ln(weight)` of each term, the TF part of its TF-IDF weight, computed once.
        let logWeights: [Float]
        /// The sum of the weights, BM25's document length.
        let length: Float

        init(
            document: RelatedDocument, section: Int32?, tags: [Int32], places: [Int32], terms: [Int32], weights: [Float]
        ) {
            key = document.key
            url = document.url
            title = document.title
            published = document.published
            publishedOffsetSeconds = document.publishedOffsetSeconds
            language = document.language
            self.section = section
            self.tags = tags
            self.places = places
            simhash = document.simhash
            self.terms = terms
            self.weights = weights
            logWeights = weights.map { 1 + log($0) }
            length = weights.reduce(0, +)
        }
    }

    /// One document's occurrence of a term.
    struct Posting: Sendable {
        var slot: Int32
        /// BM25's term-frequency part for this document, `tf · (k1 + 1) / (tf + length factor)`,
        /// computed when the posting is made so the scoring loop neither divides nor looks the document up.
        var frequencyPart: Float
    }

    static let k1: Float = 1.2
    static let b: Float = 0.75

    private(set) var entries: [Entry?] = []
    /// BM25's length factor of each slot, `k1 · (1 − b + b · length / average length)`, as of indexing.
    private var lengthFactors: [Float] = []
    private var slotByKey: [String: Int32] = [:]
    private var termIDs: [[UInt8]: Int32] = [:]
    private(set) var termDisplays: [String] = []
    private var documentFrequency: [Int32] = []
    private var postings: [[Posting]] = []
    private var labelIDs: [String: Int32] = [:]
    private(set) var labels: [String] = []
    private var totalLength: Double = 0
    private var deadSlots = 0

    public init() {}

    /// Articles in the pool.
    public var count: Int { slotByKey.count }

    /// The keys of every article in the pool.
    public var keys: [String] { Array(slotByKey.keys) }

    /// Adds an article, or replaces the one with the same key.
    public mutating func upsert(_ document: RelatedDocument) {
        remove(key: document.key)
        let slot = Int32(entries.count)
        var terms: [Int32] = []
        var weights: [Float] = []
        terms.reserveCapacity(document.terms.count)
        weights.reserveCapacity(document.terms.count)
        for term in document.terms {
            terms.append(intern(term: term.stemBytes, display: term.displayBytes))
            weights.append(term.weight)
        }
        // Sorted by id, so two documents' shared terms are found by merging.
        let order = terms.indices.sorted { terms[$0] < terms[$1] }
        let entry = Entry(
            document: document, section: document.section.map { intern(label: "s:" + $0) },
            tags: document.tags.map { intern(label: "t:" + $0) }, places: document.places.map { intern(label: "p:" + $0) },
            terms: order.map { terms[$0] }, weights: order.map { weights[$0] })
        totalLength += Double(entry.length)
        let live = Double(slotByKey.count + 1)
        let factor = lengthFactor(entry.length, average: Float(max(totalLength / live, 1)))
        for (term, weight) in zip(entry.terms, entry.weights) {
            postings[Int(term)].append(Posting(slot: slot, frequencyPart: Self.termFrequencyPart(weight: weight, lengthFactor: factor)))
            documentFrequency[Int(term)] += 1
        }
        entries.append(entry)
        lengthFactors.append(factor)
        slotByKey[document.key] = slot
    }

    /// Takes an article out of the pool. Its postings are skipped until the
    /// index is compacted, which happens once a quarter of it is dead.
    public mutating func remove(key: String) {
        guard let slot = slotByKey.removeValue(forKey: key), let entry = entries[Int(slot)] else { return }
        for term in entry.terms { documentFrequency[Int(term)] -= 1 }
        totalLength -= Double(entry.length)
        entries[Int(slot)] = nil
        deadSlots += 1
        if deadSlots > 1_000, deadSlots * 4 > entries.count { compact() }
    }

    /// The related list of the article with `key`, or `nil` when it is not in the pool.
    public func list(for key: String, options: RelatedOptions = RelatedOptions()) -> [RelatedPick]? {
        guard let slot = slotByKey[key] else { return nil }
        var scratch = Scratch(count: entries.count)
        return list(slot: slot, options: options, weights: poolWeights(), scratch: &scratch)
    }

    /// The lists of many articles, computed on `workers` tasks at once.
    /// Keys not in the pool are left out of the result.
    public func lists(for keys: [String], options: RelatedOptions = RelatedOptions(), workers: Int = 2) async -> [String: [RelatedPick]] {
        let slots = keys.compactMap { slotByKey[$0] }
        let workers = max(1, min(workers, slots.count))
        let index = self
        let weights = poolWeights()
        return await withTaskGroup(of: [(String, [RelatedPick])].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var scratch = Scratch(count: index.entries.count)
                    var result: [(String, [RelatedPick])] = []
                    for position in stride(from: worker, to: slots.count, by: workers) {
                        let slot = slots[position]
                        guard let key = index.entries[Int(slot)]?.key else { continue }
                        result.append((key, index.list(slot: slot, options: options, weights: weights, scratch: &scratch)))
                    }
                    return result
                }
            }
            var lists: [String: [RelatedPick]] = [:]
            for await part in group {
                for (key, list) in part { lists[key] = list }
            }
            return lists
        }
    }

    /// The articles whose text comes closest to the one with `key`, best first:
    /// the lists a change to that article can alter.
    public func neighbors(of key: String, count: Int, options: RelatedOptions = RelatedOptions()) -> [String] {
        guard let slot = slotByKey[key] else { return [] }
        var scratch = Scratch(count: entries.count)
        var relaxed = options
        relaxed.candidates = count
        return textMatches(slot: slot, options: relaxed, scratch: &scratch).compactMap { entries[Int($0.slot)]?.key }
    }

    // MARK: - Scoring

    /// Reusable per-worker buffers for accumulating scores.
    struct Scratch {
        var accumulator: [Float]
        var touched: [Int32] = []

        init(count: Int) {
            accumulator = Array(repeating: 0, count: count)
        }
    }

    /// A candidate found through the postings, with its normalized text score (0…1).
    struct TextMatch {
        var slot: Int32
        var text: Float
    }

    func idf(_ term: Int32) -> Float {
        Self.idf(documentFrequency: documentFrequency[Int(term)], pool: slotByKey.count)
    }

    static func idf(documentFrequency: Int32, pool: Int) -> Float {
        let n = Float(pool)
        let df = Float(documentFrequency)
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }

    /// The weights lists are scored with, computed once for one state of the pool.
    struct PoolWeights: Sendable {
        /// Inverse document frequency, by term id.
        let idf: [Float]
        /// The length of each slot's TF-IDF vector (0 for a removed article).
        let norms: [Float]
    }

    func poolWeights() -> PoolWeights {
        let pool = slotByKey.count
        let idf = documentFrequency.map { Self.idf(documentFrequency: $0, pool: pool) }
        let norms = entries.map { entry -> Float in
            guard let entry else { return 0 }
            var sum: Float = 0
            for (term, logWeight) in zip(entry.terms, entry.logWeights) {
                let value = logWeight * idf[Int(term)]
                sum += value * value
            }
            return sum.squareRoot()
        }
        return PoolWeights(idf: idf, norms: norms)
    }

    func lengthFactor(_ length: Float, average: Float) -> Float {
        Self.k1 * (1 - Self.b + Self.b * length / average)
    }

    static func termFrequencyPart(weight: Float, lengthFactor: Float) -> Float {
        weight * (k1 + 1) / (weight + lengthFactor)
    }

    /// BM25 matches for the article in `slot`, normalized by the article's
    /// score against itself, best first, at most `options.candidates`.
    func textMatches(slot: Int32, options: RelatedOptions, scratch: inout Scratch) -> [TextMatch] {
        guard let entry = entries[Int(slot)] else { return [] }
        let pool = slotByKey.count
        // Terms in a tenth of the pool say little and cost much; small pools keep them.
        let maximumFrequency = Int32(max(200, pool / 10))
        var query: [(term: Int32, weight: Float, tf: Float)] = []
        query.reserveCapacity(entry.terms.count)
        for (term, weight) in zip(entry.terms, entry.weights) {
            let df = documentFrequency[Int(term)]
            guard df >= 2, df <= maximumFrequency else { continue }
            // The query side saturates too, so one title word repeated does not dominate.
            let queryWeight = idf(term) * weight * 2.5 / (weight + 1.5)
            query.append((term, queryWeight, weight))
        }
        query.sort { $0.weight > $1.weight }

        if scratch.accumulator.count < entries.count {
            scratch.accumulator.append(contentsOf: repeatElement(0, count: entries.count - scratch.accumulator.count))
        }
        scratch.touched.removeAll(keepingCapacity: true)
        var budget = options.postingBudget
        var selfScore: Float = 0
        for (term, queryWeight, tf) in query.prefix(options.queryTerms) {
            let list = postings[Int(term)]
            guard list.count <= budget else { continue }
            budget -= list.count
            selfScore += queryWeight * Self.termFrequencyPart(weight: tf, lengthFactor: lengthFactors[Int(slot)])
            for posting in list {
                let target = Int(posting.slot)
                let sum = scratch.accumulator[target]
                // Every contribution is positive, so zero means "not reached yet".
                if sum == 0 { scratch.touched.append(posting.slot) }
                scratch.accumulator[target] = sum + queryWeight * posting.frequencyPart
            }
        }
        // The best `options.candidates`, kept sorted as they come: most touched articles fall
        // below the weakest kept one and cost one comparison.
        var matches: [TextMatch] = []
        matches.reserveCapacity(options.candidates + 1)
        let minimum = selfScore * Float(options.minimumTextScore)
        for candidate in scratch.touched {
            let score = scratch.accumulator[Int(candidate)]
            scratch.accumulator[Int(candidate)] = 0
            guard score >= minimum, candidate != slot, selfScore > 0 else { continue }
            if matches.count == options.candidates, let weakest = matches.last, weakest.text >= score { continue }
            guard entries[Int(candidate)] != nil else { continue }
            let position = matches.firstIndex { $0.text < score } ?? matches.endIndex
            matches.insert(TextMatch(slot: candidate, text: score), at: position)
            if matches.count > options.candidates { matches.removeLast() }
        }
        for position in matches.indices { matches[position].text = min(matches[position].text / selfScore, 1) }
        return matches
    }

    func list(slot: Int32, options: RelatedOptions, weights: PoolWeights, scratch: inout Scratch) -> [RelatedPick] {
        guard let entry = entries[Int(slot)] else { return [] }
        let matches = textMatches(slot: slot, options: options, scratch: &scratch)
        let scorer = RelatedScorer(index: self, query: entry, options: options, weights: weights, querySlot: slot)
        return scorer.pick(from: matches)
    }

    // MARK: - Interning

    private mutating func intern(term stem: [UInt8], display: [UInt8]) -> Int32 {
        if let id = termIDs[stem] { return id }
        let id = Int32(termDisplays.count)
        termIDs[stem] = id
        termDisplays.append(String(decoding: display, as: UTF8.self))
        documentFrequency.append(0)
        postings.append([])
        return id
    }

    private mutating func intern(label: String) -> Int32 {
        if let id = labelIDs[label] { return id }
        let id = Int32(labels.count)
        labelIDs[label] = id
        labels.append(label)
        return id
    }

    /// Recomputes every article's length factor against the pool's current
    /// average length and drops removed articles. Worth calling after a bulk
    /// load, whose first articles were weighed against a smaller pool.
    public mutating func optimize() {
        compact()
    }

    /// Drops removed articles and rebuilds the postings with fresh length factors.
    private mutating func compact() {
        let live = entries.compactMap { $0 }
        entries = []
        lengthFactors = []
        slotByKey = [:]
        deadSlots = 0
        for term in postings.indices { postings[term].removeAll(keepingCapacity: false) }
        let average = Float(max(totalLength / Double(max(live.count, 1)), 1))
        for entry in live {
            let slot = Int32(entries.count)
            let factor = lengthFactor(entry.length, average: average)
            for (term, weight) in zip(entry.terms, entry.weights) {
                postings[Int(term)].append(Posting(slot: slot, frequencyPart: Self.termFrequencyPart(weight: weight, lengthFactor: factor)))
            }
            lengthFactors.append(factor)
            entries.append(entry)
            slotByKey[entry.key] = slot
        }
    }
}

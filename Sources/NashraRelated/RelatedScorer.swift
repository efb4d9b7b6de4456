import Foundation
import NashraModel

/// Turns one article's text matches into its list: each candidate's text
/// score is combined with shared section, tags and places, recency and
/// language; copies of the article (a partner's retelling of the same wire)
/// are dropped; then maximal marginal relevance picks the list so that one
/// story told five times cannot fill it.
struct RelatedScorer {
    let index: RelatedIndex
    let query: RelatedIndex.Entry
    let options: RelatedOptions
    /// Term and document weights of the pool, computed once for many lists.
    let weights: RelatedIndex.PoolWeights
    let querySlot: Int32

    /// Weights of the signals; they add up to 1 before recency and language.
    static let textWeight = 0.8
    static let sectionWeight = 0.05
    static let tagWeight = 0.1
    static let placeWeight = 0.05
    /// What an article in another language keeps of its score.
    static let otherLanguageFactor = 0.8
    /// What the oldest candidate keeps of its score: recency scales the rest.
    static let recencyFloor = 0.6
    /// SimHashes this close are the same text.
    static let duplicateSimHashDistance = 3

    /// A scored candidate.
    struct Scored {
        var slot: Int32
        var entry: RelatedIndex.Entry
        var score: Double
        /// The highest cosine likeness to an article already picked.
        var likeness = 0.0
    }

    func pick(from matches: [RelatedIndex.TextMatch]) -> [RelatedPick] {
        var pool: [Scored] = []
        pool.reserveCapacity(matches.count)
        for match in matches {
            guard let entry = index.entries[Int(match.slot)] else { continue }
            guard likenessUnlessCopy(entry, match.slot, query, querySlot) != nil else { continue }
            pool.append(Scored(slot: match.slot, entry: entry, score: score(entry, text: Double(match.text))))
        }
        pool.sort { $0.score > $1.score }
        // Diversifying needs only the head of the ranking.
        if pool.count > options.limit * 4 { pool.removeLast(pool.count - options.limit * 4) }

        // Maximal marginal relevance: the best score, held back by likeness to what is already
        // listed; each candidate's likeness is updated once per pick, not recomputed.
        var chosen: [Scored] = []
        while chosen.count < options.limit, !pool.isEmpty {
            var bestIndex = 0
            var best = -Double.infinity
            for (position, candidate) in pool.enumerated() {
                let value = (1 - options.diversity) * candidate.score - options.diversity * candidate.likeness
                if value > best {
                    best = value
                    bestIndex = position
                }
            }
            let picked = pool.remove(at: bestIndex)
            chosen.append(picked)
            var kept: [Scored] = []
            kept.reserveCapacity(pool.count)
            for var candidate in pool {
                // A copy of what was just picked is the same story retold by another partner: it goes.
                guard let likeness = likenessUnlessCopy(candidate.entry, candidate.slot, picked.entry, picked.slot) else { continue }
                candidate.likeness = max(candidate.likeness, likeness)
                kept.append(candidate)
            }
            pool = kept
        }
        return chosen.compactMap { candidate in
            guard let url = URL(string: candidate.entry.url) else { return nil }
            return RelatedPick(
                article: RelatedArticle(
                    id: candidate.entry.key, url: url, title: candidate.entry.title,
                    published: Timestamp(
                        date: Date(timeIntervalSince1970: candidate.entry.published),
                        utcOffsetSeconds: candidate.entry.publishedOffsetSeconds)),
                score: (candidate.score * 1000).rounded() / 1000,
                reason: reason(for: candidate))
        }
    }

    /// The combined score of a candidate (0…1).
    func score(_ entry: RelatedIndex.Entry, text: Double) -> Double {
        var score = Self.textWeight * text
        if let section = query.section, section == entry.section { score += Self.sectionWeight }
        // Tags and places are a handful each: a loop beats building sets for every candidate.
        let sharedTags = query.tags.filter(entry.tags.contains).count
        if sharedTags > 0 { score += Self.tagWeight * Double(sharedTags) / Double(min(query.tags.count, entry.tags.count)) }
        if query.places.contains(where: entry.places.contains) { score += Self.placeWeight }
        let days = abs(entry.published - query.published) / 86_400
        let recency = pow(0.5, days / max(options.halfLifeDays, 0.001))
        score *= Self.recencyFloor + (1 - Self.recencyFloor) * recency
        if entry.language != query.language { score *= Self.otherLanguageFactor }
        return score
    }

    /// The likeness of two entries, or `nil` when one is a copy of the other (the same URL or
    /// nearly the same text): the one test for a copy, against the article and against each pick.
    func likenessUnlessCopy(_ a: RelatedIndex.Entry, _ aSlot: Int32, _ b: RelatedIndex.Entry, _ bSlot: Int32) -> Double? {
        if sameText(a, b) { return nil }
        let likeness = likeness(a, aSlot, b, bSlot)
        return likeness >= options.duplicateTextScore ? nil : likeness
    }

    /// Cosine similarity (0…1) of two entries' TF-IDF vectors, `(1 + ln tf) · idf`.
    func likeness(_ a: RelatedIndex.Entry, _ aSlot: Int32, _ b: RelatedIndex.Entry, _ bSlot: Int32) -> Double {
        let norms = weights.norms[Int(aSlot)] * weights.norms[Int(bSlot)]
        guard norms > 0 else { return 0 }
        var dot: Float = 0
        var i = 0
        var j = 0
        while i < a.terms.count, j < b.terms.count {
            let x = a.terms[i]
            let y = b.terms[j]
            if x == y {
                let idf = weights.idf[Int(x)]
                dot += a.logWeights[i] * b.logWeights[j] * idf * idf
                i += 1
                j += 1
            } else if x < y {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(dot / norms)
    }

    /// The same URL, or SimHashes a few bits apart.
    func sameText(_ a: RelatedIndex.Entry, _ b: RelatedIndex.Entry) -> Bool {
        if a.url == b.url { return true }
        guard let x = a.simhash, let y = b.simhash else { return false }
        return (x ^ y).nonzeroBitCount <= Self.duplicateSimHashDistance
    }

    /// `terms: a, b, c; section: …; tags: …; place: …`: what the two articles share.
    func reason(for candidate: Scored) -> String {
        var parts: [String] = []
        let shared = sharedTerms(with: candidate)
        if !shared.isEmpty {
            let separator = query.language == .arabic ? "، " : ", "
            parts.append("terms: " + shared.joined(separator: separator))
        }
        if let section = query.section, section == candidate.entry.section { parts.append("section: " + label(section)) }
        let tags = query.tags.filter { candidate.entry.tags.contains($0) }.map(label)
        if !tags.isEmpty { parts.append("tags: " + tags.joined(separator: ", ")) }
        let places = query.places.filter { candidate.entry.places.contains($0) }.map(label)
        if !places.isEmpty { parts.append("place: " + places.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    /// The three shared terms that weigh most, as written.
    func sharedTerms(with candidate: Scored) -> [String] {
        var shared: [(term: Int32, weight: Float)] = []
        var i = 0
        var j = 0
        let a = query.terms
        let b = candidate.entry.terms
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                shared.append((a[i], weights.idf[Int(a[i])] * min(query.weights[i], candidate.entry.weights[j])))
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return shared.sorted { $0.weight > $1.weight }.prefix(3).map { index.termDisplays[Int($0.term)] }
    }

    /// A section, tag or place label without its kind prefix.
    func label(_ id: Int32) -> String {
        String(index.labels[Int(id)].dropFirst(2))
    }
}

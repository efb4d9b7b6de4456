import Foundation

/// One computed entry of an article's related list: the article, how
/// strongly it relates, and why, in words an editor can check.
public struct RelatedPick: Sendable, Hashable {
    public var article: RelatedArticle
    /// Higher is closer; comparable within one list.
    public var score: Double
    /// What the two articles share, e.g. `terms: مقاوم، تحرير; section: وطني; place: rabat`.
    public var reason: String

    public init(article: RelatedArticle, score: Double, reason: String) {
        self.article = article
        self.score = score
        self.reason = reason
    }
}

extension RelatedPick {
    /// `{"id", "url", "title", "published", "score", "reason"}`, as `nashra related --json` prints it.
    public var json: JSONValue {
        .members(article.jsonMembers + [("score", .double(score)), ("reason", .string(reason))])
    }

    /// A list read back from its JSON (`json` of each pick, in an array).
    /// - Throws: `RecordError` naming the entry and field that does not read.
    public static func list(fromJSON object: Any) throws(RecordError) -> [RelatedPick] {
        guard let entries = object as? [Any] else { throw RecordError(field: nil, reason: "expected a JSON array of related articles") }
        var picks: [RelatedPick] = []
        for (position, entry) in entries.enumerated() {
            guard let fields = entry as? [String: Any] else {
                throw RecordError(field: "[\(position)]", reason: "expected a JSON object")
            }
            let r = JSONField(object: fields, path: "[\(position)].")
            let article = try RelatedArticle(fields: r)
            let score = (fields["score"] as? NSNumber)?.doubleValue ?? 0
            picks.append(RelatedPick(article: article, score: score, reason: try r.string("reason") ?? ""))
        }
        return picks
    }
}

import Foundation

extension Article {
    /// Builds an article from one decoded JSON record, checking every field
    /// against `INTERFACE.md`.
    ///
    /// - Throws: `RecordError` naming the first field that breaks the contract
    ///   (the caller fills in the record's index and location).
    public init(record: Any) throws(RecordError) {
        guard let object = record as? [String: Any] else {
            throw RecordError(field: nil, reason: "expected a JSON object, found \(JSONField.typeName(record))")
        }
        let r = JSONField(object: object, path: "")
        let id = try r.requiredString("id")
        do throws(RecordError) {
            self.init(
                id: id,
                url: try r.requiredURL("url"),
                title: try r.requiredText("title"),
                summary: try r.string("summary"),
                contentHTML: try r.string("contentHTML"),
                published: try r.requiredTimestamp("published"),
                updated: try r.timestamp("updated"),
                language: try r.languageTag("language"),
                section: try r.text("section"),
                tags: try r.stringArray("tags"),
                authors: try r.objects("authors", Author.init(fields:)),
                credit: try r.text("credit"),
                dateline: try r.text("dateline"),
                image: try r.object("image").map { (f) throws(RecordError) in try ArticleImage(fields: f) },
                related: try r.objects("related", RelatedArticle.init(fields:))
            )
        } catch {
            var error = error
            error.recordID = id
            throw error
        }
    }
}

extension Author {
    init(fields r: JSONField) throws(RecordError) {
        let email = try r.text("email")
        if let email, !email.contains("@") || email.contains(where: \.isWhitespace) {
            throw RecordError(field: r.path + "email", reason: "expected an e-mail address, found \"\(email)\"")
        }
        self.init(name: try r.requiredText("name"), email: email, uri: try r.url("uri"))
    }
}

extension ArticleImage {
    init(fields r: JSONField) throws(RecordError) {
        let length = try r.integer("length")
        if let length, length < 0 {
            throw RecordError(field: r.path + "length", reason: "must not be negative, found \(length)")
        }
        if let type = try r.text("type"), !type.contains("/") {
            throw RecordError(field: r.path + "type", reason: "expected a MIME type such as image/jpeg, found \"\(type)\"")
        }
        self.init(url: try r.requiredURL("url"), type: try r.text("type"), length: length, caption: try r.text("caption"))
    }
}

extension RelatedArticle {
    init(fields r: JSONField) throws(RecordError) {
        self.init(
            id: try r.requiredString("id"), url: try r.requiredURL("url"), title: try r.requiredText("title"),
            published: try r.timestamp("published"))
    }
}

/// Typed, path-aware access to one JSON object of a record.
struct JSONField {
    let object: [String: Any]
    /// Prefix for field names in errors (`authors[0].`).
    let path: String

    private func value(_ key: String) -> Any? {
        guard let v = object[key], !(v is NSNull) else { return nil }
        return v
    }

    private func wrongType(_ key: String, _ expected: String, _ found: Any) -> RecordError {
        RecordError(field: path + key, reason: "expected \(expected), found \(Self.typeName(found))")
    }

    func string(_ key: String) throws(RecordError) -> String? {
        guard let v = value(key) else { return nil }
        guard let s = v as? String else { throw wrongType(key, "a string", v) }
        return s
    }

    /// A string that is `nil` when empty or blank.
    func text(_ key: String) throws(RecordError) -> String? {
        guard let s = try string(key) else { return nil }
        return s.allSatisfy(\.isWhitespace) ? nil : s
    }

    func requiredString(_ key: String) throws(RecordError) -> String {
        guard let s = try string(key) else {
            throw RecordError(field: path + key, reason: "is required")
        }
        guard !s.isEmpty, !s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw RecordError(field: path + key, reason: "must be a non-empty string without control characters")
        }
        return s
    }

    func requiredText(_ key: String) throws(RecordError) -> String {
        guard let s = try text(key) else {
            throw RecordError(field: path + key, reason: value(key) == nil ? "is required" : "must not be blank")
        }
        return s
    }

    func url(_ key: String) throws(RecordError) -> URL? {
        guard let s = try text(key) else { return nil }
        guard let url = URL(string: s), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host?.isEmpty == false
        else {
            throw RecordError(field: path + key, reason: "expected an absolute http(s) URL, found \"\(s)\"")
        }
        return url
    }

    func requiredURL(_ key: String) throws(RecordError) -> URL {
        guard let url = try url(key) else { throw RecordError(field: path + key, reason: "is required") }
        return url
    }

    func timestamp(_ key: String) throws(RecordError) -> Timestamp? {
        guard let s = try text(key) else { return nil }
        guard let t = Timestamp(rfc3339: s.trimmingCharacters(in: .whitespaces)) else {
            throw RecordError(
                field: path + key, reason: "expected an RFC 3339 date with a zone (2025-02-13T13:12:00+01:00), found \"\(s)\"")
        }
        return t
    }

    func requiredTimestamp(_ key: String) throws(RecordError) -> Timestamp {
        guard let t = try timestamp(key) else { throw RecordError(field: path + key, reason: "is required") }
        return t
    }

    func integer(_ key: String) throws(RecordError) -> Int? {
        guard let v = value(key) else { return nil }
        guard let n = v as? NSNumber, !Self.isBoolean(n), n.doubleValue.rounded() == n.doubleValue,
            abs(n.doubleValue) < 9.0e15
        else { throw wrongType(key, "an integer", v) }
        return n.intValue
    }

    func languageTag(_ key: String) throws(RecordError) -> String? {
        guard let s = try text(key) else { return nil }
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        let valid =
            (2...3).contains(parts[0].count) && parts[0].allSatisfy { $0.isASCII && $0.isLetter }
            && parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        guard valid else {
            throw RecordError(field: path + key, reason: "expected a BCP 47 language tag such as ar or fr-MA, found \"\(s)\"")
        }
        return s
    }

    func stringArray(_ key: String) throws(RecordError) -> [String] {
        guard let v = value(key) else { return [] }
        guard let array = v as? [Any] else { throw wrongType(key, "an array of strings", v) }
        var result: [String] = []
        for (i, element) in array.enumerated() {
            guard let s = element as? String else { throw wrongType("\(key)[\(i)]", "a string", element) }
            if !s.allSatisfy(\.isWhitespace) { result.append(s) }
        }
        return result
    }

    func object(_ key: String) throws(RecordError) -> JSONField? {
        guard let v = value(key) else { return nil }
        guard let o = v as? [String: Any] else { throw wrongType(key, "an object", v) }
        return JSONField(object: o, path: path + key + ".")
    }

    func objects<T>(_ key: String, _ make: (JSONField) throws(RecordError) -> T) throws(RecordError) -> [T] {
        guard let v = value(key) else { return [] }
        guard let array = v as? [Any] else { throw wrongType(key, "an array of objects", v) }
        var result: [T] = []
        for (i, element) in array.enumerated() {
            guard let o = element as? [String: Any] else { throw wrongType("\(key)[\(i)]", "an object", element) }
            result.append(try make(JSONField(object: o, path: "\(path)\(key)[\(i)].")))
        }
        return result
    }

    /// JSONSerialization hands booleans back as `NSNumber`s of type `c`.
    static func isBoolean(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }

    static func typeName(_ value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case is String: return "a string"
        case let n as NSNumber: return isBoolean(n) ? "a boolean" : "a number"
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        default: return "\(type(of: value))"
        }
    }
}

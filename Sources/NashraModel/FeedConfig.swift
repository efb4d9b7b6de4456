public import Foundation

/// The site's feed metadata and settings, read from `nashra.json`
/// (`INTERFACE.md`, "Configuration"). Missing values get defaults; an unknown
/// key or a wrong type is an error that names the key.
public struct FeedConfig: Sendable, Hashable {
    public var title: String = "نشرة"
    public var siteURL: URL = URL(string: "https://example.ma/")!
    /// Where the published feed lives; used for `rel="self"`. Defaults to `siteURL` + `feed.<format>`.
    public var feedURL: URL?
    public var description: String?
    /// BCP 47 tag for the channel; `ar` for the first site.
    public var language: String = "ar"
    public var authors: [Author] = []
    public var icon: URL?
    public var logo: URL?
    public var rights: String?
    /// WebSub hub.
    public var hub: URL?
    /// RSS `<ttl>` in minutes.
    public var ttl: Int?
    /// Fixed "last build" instant; when absent the newest article's date is used, so output stays deterministic.
    public var updated: Timestamp?
    /// Addresses the fetch guard lets through (`127.0.0.1:8080`, `10.0.0.0/8`).
    public var fetchAllow: [String] = []
    /// Whether `file:` subscriptions are allowed.
    public var allowFileURLs: Bool = false
    /// IANA zone for dates that carry none (`Africa/Casablanca`).
    public var timeZone: String = "UTC"
    /// Contact page named in the fetcher's `User-Agent`, so partners can reach the operator.
    public var contactURL: URL?
    /// Largest feed body the fetcher accepts, in bytes.
    public var fetchMaxBytes: Int = 10 << 20
    /// Whole-request time-out of one fetch, in seconds.
    public var fetchTimeoutSeconds: Int = 30
    /// Longest back-off after repeated failures, in seconds.
    public var backoffCapSeconds: Int = 6 * 3600
    /// Default poll interval of new subscriptions, in seconds.
    public var pollIntervalSeconds: Int = 900
    /// Entries of each computed related list that go out in feeds.
    public var relatedLimit: Int = 5
    /// Days after which a related article's recency bonus halves.
    public var relatedHalfLifeDays: Double = 7
    /// Computed lists replace the hand-made lists of records; by default they only fill articles without one.
    public var relatedReplacesManual: Bool = false
    /// The bearer token that `nashra serve`'s state-changing routes require; without one they are off.
    public var adminToken: String?
    /// `Cache-Control: max-age` of what `nashra serve` answers, in seconds.
    public var cacheMaxAgeSeconds: Int = 300

    /// The defaults.
    public init() {}

    /// Keys this version understands.
    public static let knownKeys: Set<String> = [
        "title", "siteURL", "feedURL", "description", "language", "authors", "icon", "logo", "rights", "hub",
        "ttl", "updated", "fetchAllow", "allowFileURLs", "timeZone", "contactURL", "fetchMaxBytes", "fetchTimeoutSeconds",
        "backoffCapSeconds", "pollIntervalSeconds", "relatedLimit", "relatedHalfLifeDays", "relatedReplacesManual",
        "adminToken", "cacheMaxAgeSeconds",
    ]

    /// Reads a configuration file.
    /// - Throws: `ConfigError` naming the key that is unknown or of the wrong type.
    public init(contentsOf url: URL) throws(ConfigError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ConfigError(key: nil, reason: "cannot read \(url.path): \(error.localizedDescription)")
        }
        try self.init(json: data)
    }

    /// Reads configuration JSON.
    /// - Throws: `ConfigError` naming the key that is unknown or of the wrong type.
    public init(json data: Data) throws(ConfigError) {
        guard let any = try? JSONSerialization.jsonObject(with: data), let object = any as? [String: Any] else {
            throw ConfigError(key: nil, reason: "the configuration must be a JSON object")
        }
        if let unknown = object.keys.sorted().first(where: { !Self.knownKeys.contains($0) }) {
            throw ConfigError(key: unknown, reason: "unknown key (known: \(Self.knownKeys.sorted().joined(separator: ", ")))")
        }
        let r = JSONField(object: object, path: "")
        do throws(RecordError) {
            if let v = try r.requiredTextIfPresent("title") { title = v }
            if let v = try r.url("siteURL") { siteURL = v }
            feedURL = try r.url("feedURL")
            description = try r.text("description")
            if let v = try r.languageTag("language") { language = v }
            authors = try r.objects("authors", Author.init(fields:))
            icon = try r.url("icon")
            logo = try r.url("logo")
            rights = try r.text("rights")
            hub = try r.url("hub")
            ttl = try r.integer("ttl")
            updated = try r.timestamp("updated")
            fetchAllow = try r.stringArrayOrCommaList("fetchAllow")
            allowFileURLs = try r.bool("allowFileURLs") ?? false
            if let zone = try r.text("timeZone") {
                guard TimeZone(identifier: zone) != nil else {
                    throw RecordError(field: "timeZone", reason: "unknown time zone \"\(zone)\"")
                }
                timeZone = zone
            }
            contactURL = try r.url("contactURL")
            fetchMaxBytes = try r.positiveInteger("fetchMaxBytes") ?? fetchMaxBytes
            fetchTimeoutSeconds = try r.positiveInteger("fetchTimeoutSeconds") ?? fetchTimeoutSeconds
            backoffCapSeconds = try r.positiveInteger("backoffCapSeconds") ?? backoffCapSeconds
            pollIntervalSeconds = try r.positiveInteger("pollIntervalSeconds") ?? pollIntervalSeconds
            relatedLimit = try r.positiveInteger("relatedLimit") ?? relatedLimit
            relatedHalfLifeDays = try r.positiveNumber("relatedHalfLifeDays") ?? relatedHalfLifeDays
            relatedReplacesManual = try r.bool("relatedReplacesManual") ?? relatedReplacesManual
            adminToken = try r.text("adminToken")
            cacheMaxAgeSeconds = try r.positiveInteger("cacheMaxAgeSeconds") ?? cacheMaxAgeSeconds
        } catch {
            throw ConfigError(key: error.field, reason: error.reason)
        }
    }
}

/// A configuration file that could not be used.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The offending key, when one is to blame.
    public var key: String?
    public var reason: String

    public init(key: String?, reason: String) {
        self.key = key
        self.reason = reason
    }

    public var description: String {
        key.map { "configuration key \"\($0)\": \(reason)" } ?? "configuration: \(reason)"
    }
}

extension JSONField {
    func requiredTextIfPresent(_ key: String) throws(RecordError) -> String? {
        guard object[key] != nil else { return nil }
        return try requiredText(key)
    }

    func positiveInteger(_ key: String) throws(RecordError) -> Int? {
        guard let value = try integer(key) else { return nil }
        guard value > 0 else { throw RecordError(field: path + key, reason: "must be a positive integer, found \(value)") }
        return value
    }

    func positiveNumber(_ key: String) throws(RecordError) -> Double? {
        guard let v = object[key], !(v is NSNull) else { return nil }
        guard let n = v as? NSNumber, !Self.isBoolean(n), n.doubleValue.isFinite, n.doubleValue > 0 else {
            throw RecordError(field: path + key, reason: "must be a positive number, found \(Self.typeName(v))")
        }
        return n.doubleValue
    }

    func bool(_ key: String) throws(RecordError) -> Bool? {
        guard let v = object[key], !(v is NSNull) else { return nil }
        guard let n = v as? NSNumber, Self.isBoolean(n) else {
            throw RecordError(field: path + key, reason: "expected true or false, found \(Self.typeName(v))")
        }
        return n.boolValue
    }

    func stringArrayOrCommaList(_ key: String) throws(RecordError) -> [String] {
        if let s = object[key] as? String {
            return s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return try stringArray(key)
    }
}

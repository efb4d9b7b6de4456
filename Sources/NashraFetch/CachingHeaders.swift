import Foundation
import NashraModel

/// Reads the response headers that tell a poller when to come back.
enum CachingHeaders {
    /// `max-age` from a `Cache-Control` value (`public, max-age=600` → 600); `nil` when absent or unreadable.
    static func maxAge(_ cacheControl: String) -> Int? {
        for directive in cacheControl.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1)
            guard parts.count == 2,
                parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "max-age"
            else { continue }
            let value = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if let seconds = Int(value), seconds >= 0 { return seconds }
        }
        return nil
    }

    /// `Retry-After` as an absolute time: delay seconds (`120`) counted from `now`, or an HTTP date.
    static func retryAfter(_ value: String, now: Date) -> Date? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            // A delay too large for Int is still "much later"; clamp rather than drop it.
            let seconds = Int(text) ?? Int.max
            return now.addingTimeInterval(TimeInterval(min(seconds, 10 * 365 * 86_400)))
        }
        return HTTPDate.parse(text)
    }
}

public import Foundation
public import NashraModel

/// Parses a date as found in feeds. `defaultZone` is used when the text carries no zone (nil = UTC).
///
/// The dialects are tried in order, cheapest and most common first, and each
/// gives up at the first byte it cannot read: RFC 822 (RSS `pubDate`),
/// W3C-DTF/RFC 3339 (Atom), Arabic, French. Names are matched by hand, never
/// through `DateFormatter`, so the result does not depend on the machine's
/// locale. Text that no dialect reads fully gives `nil`: no field, zone or
/// year is guessed. Keep the raw text beside the result (`publishedRaw`).
public enum FeedDateParser {
    /// Parses `text` (surrounding whitespace is ignored).
    ///
    /// The timestamp keeps the offset the text was written in (`+0100` stays
    /// `+01:00`). With no zone in the text, the wall-clock time is read in
    /// `defaultZone` and the timestamp carries that zone's offset at that
    /// instant; with no `defaultZone`, in UTC.
    public static func parse(_ text: String, defaultZone: TimeZone? = nil) -> Timestamp? {
        parse(text, defaultZone: defaultZone, dialects: DateDialect.allCases)
    }

    /// Parses with only the given dialects (tests use this to check which one reads a case).
    static func parse(_ text: String, defaultZone: TimeZone?, dialects: [DateDialect]) -> Timestamp? {
        let bytes = trimmed(Array(text.utf8))
        guard !bytes.isEmpty else { return nil }
        for dialect in dialects {
            if let timestamp = dialect.parse(bytes, defaultZone: defaultZone) { return timestamp }
        }
        return nil
    }

    /// Drops ASCII whitespace, NBSP (C2 A0) and LRM/RLM (E2 80 8E/8F, common around Arabic text) at both ends.
    private static func trimmed(_ b: [UInt8]) -> [UInt8] {
        var start = 0
        var end = b.count
        while start < end {
            if DateASCII.isSpace(b[start]) {
                start += 1
            } else if b[start] == 0xC2, start + 1 < end, b[start + 1] == 0xA0 {
                start += 2
            } else if b[start] == 0xE2, start + 2 < end, b[start + 1] == 0x80, b[start + 2] &- 0x8E < 2 {
                start += 3
            } else {
                break
            }
        }
        while end > start {
            if DateASCII.isSpace(b[end - 1]) {
                end -= 1
            } else if end - start >= 2, b[end - 2] == 0xC2, b[end - 1] == 0xA0 {
                end -= 2
            } else if end - start >= 3, b[end - 3] == 0xE2, b[end - 2] == 0x80, b[end - 1] &- 0x8E < 2 {
                end -= 3
            } else {
                break
            }
        }
        return start == 0 && end == b.count ? b : Array(b[start..<end])
    }
}

/// The date dialects, in the order `FeedDateParser` tries them.
enum DateDialect: CaseIterable, Sendable {
    case rfc822, w3cdtf, arabic, french

    func parse(_ bytes: [UInt8], defaultZone: TimeZone?) -> Timestamp? {
        switch self {
        case .rfc822: RFC822Date.parse(bytes, defaultZone: defaultZone)
        case .w3cdtf: W3CDTFDate.parse(bytes, defaultZone: defaultZone)
        case .arabic: ArabicDate.parse(bytes, defaultZone: defaultZone)
        case .french: FrenchDate.parse(bytes, defaultZone: defaultZone)
        }
    }
}

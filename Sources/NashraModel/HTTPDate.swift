public import Foundation

/// Reads the three date forms HTTP allows (RFC 9110 §5.6.7), always in GMT:
/// `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate), `Sunday, 06-Nov-94 08:49:37 GMT` (RFC 850)
/// and `Sun Nov  6 08:49:37 1994` (asctime); writes the first (`Last-Modified`, `Date`).
///
/// Hand-written rather than `DateFormatter`: no locale to pin, nothing shared between threads.
public enum HTTPDate {
    /// `date` as an IMF-fixdate, to the second: `Thu, 13 Feb 2025 12:12:00 GMT`.
    public static func format(_ date: Date) -> String {
        let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        return String(Timestamp(date: whole, utcOffsetSeconds: 0).rfc822.dropLast(5)) + "GMT"
    }

    /// The date, or `nil` when the text is none of the three forms.
    public static func parse(_ text: String) -> Date? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" || $0 == ":" || $0 == "\t" })
        guard let monthIndex = tokens.firstIndex(where: { month(of: $0) != nil }), let month = month(of: tokens[monthIndex])
        else {
            return nil
        }
        let numbers = tokens.compactMap { token in token.allSatisfy(\.isASCII) ? Int(token) : nil }
        // In IMF-fixdate and RFC 850 the day comes before the month; in asctime, after it.
        let dayFirst = monthIndex > 0 && Int(tokens[monthIndex - 1]) != nil
        guard numbers.count >= 5 else { return nil }
        let fields: (day: Int, year: Int, hour: Int, minute: Int, second: Int) =
            dayFirst
            ? (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4])
            : (numbers[0], numbers[4], numbers[1], numbers[2], numbers[3])
        var year = fields.year
        // RFC 9110: a two-digit year more than 50 years in the future is in the past century.
        if year < 100 { year += year < 50 ? 2000 : 1900 }
        guard (1...31).contains(fields.day), (0...23).contains(fields.hour), (0...59).contains(fields.minute),
            (0...60).contains(fields.second)
        else { return nil }
        let days = CivilTime.days(year: year, month: month, day: fields.day)
        let seconds = days * 86_400 + fields.hour * 3_600 + fields.minute * 60 + fields.second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

// MARK: - Private

extension HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func month(of token: Substring) -> Int? {
        guard token.count == 3 else { return nil }
        return months.firstIndex(of: token.lowercased()).map { $0 + 1 }
    }
}

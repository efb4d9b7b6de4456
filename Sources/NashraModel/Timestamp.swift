public import Foundation

/// An instant together with the UTC offset it was written in.
///
/// Records carry local times (`2025-02-13T13:12:00+01:00` is Casablanca time);
/// keeping the offset lets writers print the same wall-clock time back
/// instead of converting everything to UTC.
public struct Timestamp: Sendable, Hashable, Comparable {
    /// The instant.
    public var date: Date
    /// Seconds east of UTC in which the time was written.
    public var utcOffsetSeconds: Int

    /// Creates a timestamp from an instant and the offset to show it in.
    public init(date: Date, utcOffsetSeconds: Int = 0) {
        self.date = date
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// Parses RFC 3339 (`2025-02-13T13:12:00+01:00`, `…Z`, with optional
    /// fractional seconds). Returns `nil` for anything else; no zone is guessed.
    public init?(rfc3339 text: String) {
        guard let parsed = RFC3339.parse(Array(text.utf8)) else { return nil }
        self = parsed
    }

    /// RFC 3339 in the timestamp's own offset: `2025-02-13T13:12:00+01:00`.
    public var rfc3339: String {
        let c = CivilTime(self)
        var s = "\(pad4(c.year))-\(pad2(c.month))-\(pad2(c.day))T\(pad2(c.hour)):\(pad2(c.minute)):\(pad2(c.second))"
        s += utcOffsetSeconds == 0 ? "Z" : offsetText(separator: ":")
        return s
    }

    /// RFC 3339 in UTC: `2025-02-13T12:12:00Z`.
    public var rfc3339UTC: String {
        Timestamp(date: date, utcOffsetSeconds: 0).rfc3339
    }

    /// RFC 822 as RSS 2.0 wants it, with English names and a numeric zone
    /// whatever the machine's locale: `Thu, 13 Feb 2025 13:12:00 +0100`.
    public var rfc822: String {
        let c = CivilTime(self)
        let day = Self.weekdayNames[c.weekday]
        let month = Self.monthNames[c.month - 1]
        return "\(day), \(pad2(c.day)) \(month) \(pad4(c.year)) \(pad2(c.hour)):\(pad2(c.minute)):\(pad2(c.second)) \(offsetText(separator: ""))"
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.date < rhs.date }

    static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private func offsetText(separator: String) -> String {
        let sign = utcOffsetSeconds < 0 ? "-" : "+"
        let minutes = abs(utcOffsetSeconds) / 60
        return "\(sign)\(pad2(minutes / 60))\(separator)\(pad2(minutes % 60))"
    }
}

// MARK: - Conformances

extension Timestamp: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = Timestamp(rfc3339: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "not an RFC 3339 date with a zone: \"\(text)\""
            )
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rfc3339)
    }
}

// MARK: - Calendar arithmetic

/// Proleptic Gregorian civil fields, computed without `Calendar` so that the
/// result never depends on the machine's locale or time zone (and is fast).
public struct CivilTime: Sendable, Equatable {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    /// 0 = Sunday.
    public var weekday: Int

    public init(_ timestamp: Timestamp) {
        let total = Int(timestamp.date.timeIntervalSince1970.rounded(.down)) + timestamp.utcOffsetSeconds
        var days = total / 86_400
        var secs = total % 86_400
        if secs < 0 { secs += 86_400; days -= 1 }
        (year, month, day) = Self.civil(fromDays: days)
        hour = secs / 3600
        minute = secs % 3600 / 60
        second = secs % 60
        weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
    }

    /// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The instant for civil fields read at a UTC offset, or `nil` when a field is out of range.
    public static func date(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Double, utcOffsetSeconds: Int
    ) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...24).contains(hour),
            (0...59).contains(minute), second >= 0, second < 61,
            day <= daysInMonth(year: year, month: month)
        else { return nil }
        let days = Self.days(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 - utcOffsetSeconds) + second
        return Date(timeIntervalSince1970: seconds)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// RFC 3339 reader over UTF-8 bytes.
enum RFC3339 {
    static func parse(_ b: [UInt8]) -> Timestamp? {
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                guard (48...57).contains(b[k]) else { return nil }
                v = v * 10 + Int(b[k] - 48)
            }
            i += n
            return v
        }
        func expect(_ set: [UInt8]) -> Bool {
            guard i < b.count, set.contains(b[i]) else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect([45]), let month = digits(2), expect([45]), let day = digits(2),
            expect([84, 116, 32]), let hour = digits(2), expect([58]), let minute = digits(2), expect([58]),
            let sec = digits(2)
        else { return nil }
        var second = Double(sec)
        if i < b.count, b[i] == 46 {  // fraction
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, (48...57).contains(b[i]) {
                second += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == 90 || b[i] == 122 {  // Z
            i += 1
        } else if b[i] == 43 || b[i] == 45 {
            let negative = b[i] == 45
            i += 1
            guard let oh = digits(2), expect([58]), let om = digits(2), oh < 24, om < 60 else { return nil }
            offset = (oh * 3600 + om * 60) * (negative ? -1 : 1)
        } else {
            return nil
        }
        guard i == b.count,
            let date = CivilTime.date(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                utcOffsetSeconds: offset)
        else { return nil }
        return Timestamp(date: date, utcOffsetSeconds: offset)
    }
}

@inline(__always) func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
@inline(__always) func pad4(_ v: Int) -> String {
    v >= 1000 ? "\(v)" : String(repeating: "0", count: 4 - String(v).count) + "\(v)"
}

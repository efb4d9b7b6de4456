import Foundation
import NashraModel

/// The civil fields a dialect reads, before they become an instant.
///
/// `utcOffsetSeconds` is `nil` when the text carried no zone; the caller's
/// default zone then decides the offset (see `timestamp(defaultZone:)`).
struct DateFields {
    var year: Int
    var month: Int
    var day: Int
    var hour = 0
    var minute = 0
    var second: Double = 0
    var utcOffsetSeconds: Int?

    init(year: Int = 0, month: Int = 1, day: Int = 1) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The instant, or `nil` when a field is out of range (`32 Jan`, `Feb 30`, `25:00`).
    ///
    /// With no zone in the text, the wall-clock time is read in `defaultZone`
    /// (UTC when `nil`) and the timestamp keeps that zone's offset at that instant.
    func timestamp(defaultZone: TimeZone?) -> Timestamp? {
        // CivilTime accepts hour 24 with any minute; ISO 8601 only allows 24:00:00.
        guard (1...9999).contains(year), (0...23).contains(hour) || (hour == 24 && minute == 0 && second == 0)
        else { return nil }
        if let offset = utcOffsetSeconds {
            guard abs(offset) < 86_400, let date = civilDate(offset: offset) else { return nil }
            return Timestamp(date: date, utcOffsetSeconds: offset)
        }
        guard let zone = defaultZone else {
            return civilDate(offset: 0).map { Timestamp(date: $0, utcOffsetSeconds: 0) }
        }
        guard let wall = civilDate(offset: 0) else { return nil }
        let (date, offset) = Self.instant(wallClock: wall, in: zone)
        return Timestamp(date: date, utcOffsetSeconds: offset)
    }

    private func civilDate(offset: Int) -> Date? {
        CivilTime.date(
            year: year,
            month: month,
            day: day,
            hour: hour,
            minute: minute,
            second: second,
            utcOffsetSeconds: offset
        )
    }

    /// The instant at which `zone`'s clocks show `wall` (a wall-clock time encoded
    /// as if it were UTC), and the zone's offset at that instant.
    ///
    /// Tries the offset in force a day before, then the one a day after, which
    /// covers any single transition:
    /// - clocks went back and the time happened twice: the earlier instant (the
    ///   offset before the change fits first);
    /// - clocks went forward and the time never happened: it is read with the
    ///   offset before the jump, so `02:30` in a 02:00→03:00 gap becomes `03:30`
    ///   after it (what `Calendar` and java.time do too).
    ///
    /// Two `secondsFromGMT` calls in the usual case.
    static func instant(wallClock wall: Date, in zone: TimeZone) -> (date: Date, offset: Int) {
        let day: TimeInterval = 86_400
        let before = zone.secondsFromGMT(for: wall - day)
        let byBefore = wall - TimeInterval(before)
        let offsetThen = zone.secondsFromGMT(for: byBefore)
        if offsetThen == before { return (byBefore, before) }
        let after = zone.secondsFromGMT(for: wall + day)
        let byAfter = wall - TimeInterval(after)
        if after != before, zone.secondsFromGMT(for: byAfter) == after { return (byAfter, after) }
        return (byBefore, offsetThen)  // in a gap
    }
}

/// A reading position in UTF-8 bytes, for the ASCII dialects (RFC 822, W3C-DTF).
struct DateCursor {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var atEnd: Bool { index >= bytes.count }

    /// The current byte, or 0 at the end (0 never matches anything the dialects look for).
    var current: UInt8 { index < bytes.count ? bytes[index] : 0 }

    func peek(_ ahead: Int) -> UInt8 {
        index + ahead < bytes.count ? bytes[index + ahead] : 0
    }

    mutating func accept(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        index += 1
        return true
    }

    /// Reads a run of ASCII digits. `nil` when there is none or it is too long to be a date field.
    mutating func digits() -> (value: Int, count: Int)? {
        var value = 0
        let start = index
        while index < bytes.count, DateASCII.isDigit(bytes[index]) {
            value = value &* 10 &+ Int(bytes[index] &- 0x30)
            index += 1
        }
        let count = index - start
        return count == 0 || count > 9 ? nil : (value, count)
    }

    /// Reads exactly `count` digits.
    mutating func digits(exactly count: Int) -> Int? {
        let start = index
        guard let run = digits(), run.count == count else {
            index = start
            return nil
        }
        return run.value
    }

    /// Reads a run of ASCII letters as a lowercase `DateWordKey` (0 when longer than a key holds).
    mutating func word() -> UInt64 {
        var key = DateWordKey()
        while index < bytes.count, DateASCII.isLetter(bytes[index]) {
            key.append(latin: bytes[index] | 0x20)
            index += 1
        }
        return key.value
    }

    /// Reads digits after a decimal mark as a fraction of one (`.5` → 0.5); `nil` when there are none.
    mutating func fraction() -> Double? {
        var value = 0.0
        var scale = 0.1
        let start = index
        while index < bytes.count, DateASCII.isDigit(bytes[index]) {
            if scale > 1e-10 { value += Double(bytes[index] &- 0x30) * scale }
            scale /= 10
            index += 1
        }
        return index > start ? value : nil
    }

    mutating func skip(while predicate: (UInt8) -> Bool) {
        while index < bytes.count, predicate(bytes[index]) { index += 1 }
    }

    mutating func skipSpaces() { skip(while: DateASCII.isSpace) }
}

enum DateASCII {
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b &- 0x09 < 5 }
    static let plus = UInt8(ascii: "+")
    static let minus = UInt8(ascii: "-")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")
    static let period = UInt8(ascii: ".")
}

/// A short word packed into 64 bits, so that month, weekday and zone names are
/// looked up in a `[UInt64: …]` table without allocating a `String`.
///
/// Latin words (ASCII `a`–`z`, lowercased, accents already folded) use 5 bits a
/// letter, up to 12 letters; Arabic words (U+0621–U+064A after normalization)
/// use 6 bits a letter, up to 10 letters, and set bit 63. A word that is longer,
/// or mixes scripts, gets the value 0, which no table contains.
struct DateWordKey {
    private(set) var value: UInt64 = 0
    private var count = 0
    private var script: UInt8 = 0  // 0 none, 1 Latin, 2 Arabic, 3 spoiled

    var isEmpty: Bool { count == 0 }

    /// Appends a lowercase ASCII letter.
    mutating func append(latin byte: UInt8) {
        guard script != 2, script != 3, count < 12 else { return spoil() }
        script = 1
        value = value << 5 | UInt64(byte &- 0x60)
        count += 1
    }

    /// Appends an Arabic letter U+0621–U+064A.
    mutating func append(arabic scalar: UInt32) {
        guard script != 1, script != 3, count < 10 else { return spoil() }
        script = 2
        value = (value & ~(1 << 63)) << 6 | UInt64(scalar - 0x0620) | 1 << 63
        count += 1
    }

    private mutating func spoil() {
        script = 3
        value = 0
        count += 1
    }
}

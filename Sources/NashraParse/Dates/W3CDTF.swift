import Foundation
import NashraModel

/// RFC 3339 / ISO 8601 / W3C-DTF dates (Atom, `dc:date`, JSON Feed).
///
/// Canonical: `2025-02-13T13:12:00+01:00`
/// ([RFC 3339 §5.6](https://www.rfc-editor.org/rfc/rfc3339#section-5.6),
/// [W3C-DTF](https://www.w3.org/TR/NOTE-datetime)). Also read:
/// - reduced precision: `2025-02-13T13:12+01:00`, `2025-02-13`, `2025-02`, `2025`
///   (missing parts are the first month, day, midnight);
/// - fractional seconds with `.` or `,`; lowercase `t`/`z`; a space instead of `T`;
/// - ISO 8601 basic format: `20250213T131200Z`, `20250213`;
/// - offsets `+01:00`, `+0100`, `+01`, a space before the zone, and `UTC`/`GMT`
///   after a space (`2025-02-13 13:12:00 UTC`, written by some CMSs).
/// No zone → the default zone. Week and ordinal dates are not read.
enum W3CDTFDate {
    static func parse(_ bytes: [UInt8], defaultZone: TimeZone?) -> Timestamp? {
        var c = DateCursor(bytes)
        guard let fields = read(&c), c.atEnd else { return nil }
        return fields.timestamp(defaultZone: defaultZone)
    }

    private static func read(_ c: inout DateCursor) -> DateFields? {
        guard let run = c.digits() else { return nil }
        var fields = DateFields()
        let basic: Bool
        switch run.count {
        case 4:
            basic = false
            fields.year = run.value
            if c.accept(DateASCII.minus) {
                guard let month = c.digits(exactly: 2) else { return nil }
                fields.month = month
                if c.accept(DateASCII.minus) {
                    guard let day = c.digits(exactly: 2) else { return nil }
                    fields.day = day
                } else {
                    return c.atEnd ? fields : nil  // `2025-02`
                }
            } else {
                return c.atEnd ? fields : nil  // `2025`
            }
        case 8:
            basic = true
            fields.year = run.value / 10_000
            fields.month = run.value / 100 % 100
            fields.day = run.value % 100
        default:
            return nil
        }
        if c.atEnd { return fields }

        // Time
        guard c.accept(UInt8(ascii: "T")) || c.accept(UInt8(ascii: "t")) || c.accept(UInt8(ascii: " ")) else {
            return nil
        }
        guard let first = c.digits() else { return nil }
        switch first.count {
        case 2:
            // `13:12[:00]` (extended); basic dates may still use colons in the time.
            fields.hour = first.value
            guard c.accept(DateASCII.colon), let minute = c.digits(exactly: 2) else { return nil }
            fields.minute = minute
            if c.accept(DateASCII.colon) {
                guard let second = c.digits(exactly: 2) else { return nil }
                fields.second = Double(second)
            }
        case 4 where basic:
            fields.hour = first.value / 100
            fields.minute = first.value % 100
        case 6 where basic:
            fields.hour = first.value / 10_000
            fields.minute = first.value / 100 % 100
            fields.second = Double(first.value % 100)
        default:
            return nil
        }
        guard fields.minute < 60 else { return nil }
        if c.current == DateASCII.period || c.current == DateASCII.comma {
            c.index += 1
            guard let fraction = c.fraction() else { return nil }
            fields.second += fraction
        }

        // Zone
        c.skipSpaces()
        switch c.current {
        case 0:
            break
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            c.index += 1
            fields.utcOffsetSeconds = 0
        case DateASCII.plus, DateASCII.minus:
            guard let offset = RFC822Date.numericOffset(&c) else { return nil }
            fields.utcOffsetSeconds = offset
        default:
            guard DateASCII.isLetter(c.current), utcNames.contains(c.word()) else { return nil }
            fields.utcOffsetSeconds = 0
        }
        return fields
    }

    private static let utcNames = DateTokens.keys("utc", "gmt")
}

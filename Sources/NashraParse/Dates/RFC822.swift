import Foundation
import NashraModel

/// RFC 822 / 1123 / 2822 dates (RSS `pubDate`), and the deviations feeds write.
///
/// Canonical: `Thu, 13 Feb 2025 13:12:00 +0100`
/// ([RFC 2822 §3.3](https://www.rfc-editor.org/rfc/rfc2822#section-3.3)).
/// Also read, because feeds write them:
/// - any leading word that is not a month is taken as the weekday and ignored,
///   whatever its case or spelling (`THURSDAY,`, `Thurs`, `Do,`); RFC 2822 says
///   the weekday is informational only;
/// - full month names, `Sept`, and a period after an abbreviation (`Feb.`);
/// - one-digit days, `13-Feb-2025`, extra spaces and commas;
/// - two-digit years (`00`–`49` → 20xx, `50`–`99` → 19xx) and three-digit years
///   (+1900), both per RFC 2822 §4.3;
/// - no seconds, fractional seconds, no time at all (midnight), `am`/`pm`;
/// - month first: `Feb 13, 2025 1:12 pm`, `February 13th 2025`, and
///   asctime/`date(1)` order `Thu Feb 13 13:12:00 [UTC] 2025`;
/// - zones: `+0100`, `+01:00`, `+01`, `GMT+1`, `UTC+01:00`, the names in
///   `zones`, and a trailing comment `(CET)`. No zone → the default zone.
///   An unknown zone name gives `nil`: a wrong offset is worse than no date.
enum RFC822Date {
    static func parse(_ bytes: [UInt8], defaultZone: TimeZone?) -> Timestamp? {
        var cursor = DateCursor(bytes)
        guard let fields = read(&cursor), cursor.atEnd else { return nil }
        return fields.timestamp(defaultZone: defaultZone)
    }

    private static func read(_ c: inout DateCursor) -> DateFields? {
        var fields = DateFields()
        var monthFirst = false
        if DateASCII.isLetter(c.current) {
            if let month = months[c.word()] {
                fields.month = month
                monthFirst = true
            }  // else the weekday (or a garbled one), ignored
            skipFiller(&c)
            if !monthFirst, DateASCII.isLetter(c.current) {
                guard let month = months[c.word()] else { return nil }
                fields.month = month
                monthFirst = true
                skipFiller(&c)
            }
        }

        guard let day = c.digits(), day.count <= 2 else { return nil }
        fields.day = day.value
        var yearDone = false
        if monthFirst {
            // `13th`, `1st`: letters glued to the day.
            if DateASCII.isLetter(c.current), !ordinalSuffixes.contains(c.word()) { return nil }
            skipFiller(&c)
            if DateASCII.isDigit(c.current), c.peek(1) == DateASCII.colon || c.peek(2) == DateASCII.colon {
                // asctime / date(1): `Feb 13 13:12:00 [UTC] 2025`
                guard readTime(&c, into: &fields) else { return nil }
                c.skipSpaces()
                if !DateASCII.isDigit(c.current) {
                    guard let zone = readZone(&c) else { return nil }
                    fields.utcOffsetSeconds = zone
                    c.skipSpaces()
                }
                guard readYear(&c, into: &fields) else { return nil }
                yearDone = true
            }
        } else {
            skipDateSeparators(&c)
            guard DateASCII.isLetter(c.current), let month = months[c.word()] else { return nil }
            fields.month = month
            _ = c.accept(DateASCII.period)
        }
        if !yearDone {
            skipDateSeparators(&c)
            guard readYear(&c, into: &fields) else { return nil }
            c.skip { DateASCII.isSpace($0) || $0 == DateASCII.comma }
            if DateASCII.isDigit(c.current) {
                guard readTime(&c, into: &fields) else { return nil }
                c.skipSpaces()
            }
        }
        if !c.atEnd, c.current != UInt8(ascii: "("), fields.utcOffsetSeconds == nil {
            guard let zone = readZone(&c) else { return nil }
            fields.utcOffsetSeconds = zone
            c.skipSpaces()
        }
        if c.accept(UInt8(ascii: "(")) {
            // RFC 2822 comment, typically the zone's name again: `+0100 (CET)`.
            c.skip { $0 != UInt8(ascii: ")") }
            guard c.accept(UInt8(ascii: ")")) else { return nil }
            c.skipSpaces()
        }
        return fields
    }

    private static func readYear(_ c: inout DateCursor, into fields: inout DateFields) -> Bool {
        guard let year = c.digits() else { return false }
        switch year.count {
        case 2: fields.year = year.value < 50 ? 2000 + year.value : 1900 + year.value
        case 3: fields.year = 1900 + year.value
        case 4: fields.year = year.value
        default: return false
        }
        return true
    }

    /// `H:MM`, `HH:MM:SS`, `HH:MM:SS.sss`, then an optional `am`/`pm`.
    private static func readTime(_ c: inout DateCursor, into fields: inout DateFields) -> Bool {
        guard let hour = c.digits(), hour.count <= 2, c.accept(DateASCII.colon),
            let minute = c.digits(exactly: 2), minute < 60
        else { return false }
        fields.hour = hour.value
        fields.minute = minute
        if c.accept(DateASCII.colon) {
            guard let second = c.digits(exactly: 2) else { return false }
            fields.second = Double(second)
            if c.current == DateASCII.period || c.current == DateASCII.comma, DateASCII.isDigit(c.peek(1)) {
                c.index += 1
                fields.second += c.fraction() ?? 0
            }
        }
        let afterTime = c.index
        c.skipSpaces()
        let meridiem = DateASCII.isLetter(c.current) ? c.word() : 0
        if meridiem == am || meridiem == pm {
            guard (0...12).contains(fields.hour) else { return false }
            if meridiem == am, fields.hour == 12 { fields.hour = 0 }
            if meridiem == pm, fields.hour < 12 { fields.hour += 12 }
        } else {
            c.index = afterTime  // a zone name, read by the caller
        }
        return true
    }

    /// A numeric offset or a zone name; seconds east of UTC.
    private static func readZone(_ c: inout DateCursor) -> Int? {
        if c.current == DateASCII.plus || c.current == DateASCII.minus {
            return numericOffset(&c)
        }
        guard DateASCII.isLetter(c.current) else { return nil }
        let name = c.word()
        if utcNames.contains(name), c.current == DateASCII.plus || c.current == DateASCII.minus {
            return numericOffset(&c)  // `GMT+1`, `UTC+01:00`
        }
        return zones[name]
    }

    /// `+0100`, `+01:00`, `+01`, `+1`, `-0500`.
    static func numericOffset(_ c: inout DateCursor) -> Int? {
        let negative = c.current == DateASCII.minus
        c.index += 1
        guard let run = c.digits() else { return nil }
        var hours = run.value
        var minutes = 0
        switch run.count {
        case 1, 2:
            if c.accept(DateASCII.colon) {
                guard let m = c.digits(exactly: 2) else { return nil }
                minutes = m
            }
        case 4:
            hours = run.value / 100
            minutes = run.value % 100
        default:
            return nil
        }
        guard hours < 24, minutes < 60 else { return nil }
        return (hours * 3600 + minutes * 60) * (negative ? -1 : 1)
    }

    /// Spaces, commas and periods after a weekday or month-first day: `Thu.,  13`.
    private static func skipFiller(_ c: inout DateCursor) {
        c.skip { DateASCII.isSpace($0) || $0 == DateASCII.comma || $0 == DateASCII.period }
    }

    /// Between day, month and year: spaces, `-` (`13-Feb-2025`), commas, periods (`13. Feb`).
    private static func skipDateSeparators(_ c: inout DateCursor) {
        c.skip { DateASCII.isSpace($0) || $0 == DateASCII.minus || $0 == DateASCII.comma || $0 == DateASCII.period }
    }

    // MARK: Tables

    static let months: [UInt64: Int] = DateTokens.table([
        (1, ["jan", "january"]), (2, ["feb", "february"]), (3, ["mar", "march"]),
        (4, ["apr", "april"]), (5, ["may"]), (6, ["jun", "june"]), (7, ["jul", "july"]),
        (8, ["aug", "august"]), (9, ["sep", "sept", "september"]), (10, ["oct", "october"]),
        (11, ["nov", "november"]), (12, ["dec", "december"]),
    ])

    private static let ordinalSuffixes = DateTokens.keys("st", "nd", "rd", "th")
    private static let am = DateTokens.key("am")
    private static let pm = DateTokens.key("pm")
    private static let utcNames = DateTokens.keys("gmt", "utc", "ut")

    /// Zone names, in hours east of UTC. Kept to names with one meaning:
    /// - RFC 822's own: `UT GMT Z EST EDT CST CDT MST MDT PST PDT`, plus `UTC`;
    /// - US `AKST AKDT HST`; Europe `WET WEST CET CEST EET EEST MSK`; `JST`;
    ///   Australia/New Zealand `AEST AEDT NZST NZDT`.
    ///
    /// Left out on purpose, so that they give `nil`: `BST` (British Summer +1
    /// or Bangladesh +6), `IST` (India +5:30, Irish +1, Israel +2), `AST`
    /// (Atlantic −4 or Arabia +3, which an Arabic feed may well mean).
    ///
    /// Military letters `A`–`I`, `K`–`Y`: RFC 822 gave them with the wrong sign,
    /// so RFC 1123 §5.2.14 and RFC 2822 §4.3 say to treat them as `-0000`
    /// (UTC, true offset unknown). We follow that and read them as UTC. `J` is
    /// not a zone (it meant "local time"), so it gives `nil`.
    static let zones: [UInt64: Int] = {
        var table = DateTokens.table([
            (0, ["ut", "gmt", "utc", "z", "wet"]),
            (-5, ["est", "cdt"]), (-4, ["edt"]), (-6, ["cst", "mdt"]), (-7, ["mst", "pdt"]),
            (-8, ["pst", "akdt"]), (-9, ["akst"]), (-10, ["hst"]),
            (1, ["cet", "west"]), (2, ["cest", "eet"]), (3, ["eest", "msk"]), (9, ["jst"]),
            (10, ["aest"]), (11, ["aedt"]), (12, ["nzst"]), (13, ["nzdt"]),
        ]).mapValues { $0 * 3600 }
        for letter in "abcdefghiklmnopqrstuvwxy" {
            table[DateTokens.key(String(letter))] = 0
        }
        return table
    }()
}

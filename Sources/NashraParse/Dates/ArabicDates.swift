import Foundation
import NashraModel

/// Dates written in Arabic, as Arabic news sites print them.
///
/// Shape: `[label] [يوم] [weekday][،] day month[/month] year [م] [sep] [time [ص|م]] [zone]`,
/// or with the time first: `13:12 - الخميس 13 فبراير 2025`. For example
/// `الخميس 13 فبراير 2025 - 13:12`, `الخميس، ١٣ فبراير ٢٠٢٥ - ١:١٢ م`,
/// `13 شباط/فبراير 2025 الساعة 13:12 بتوقيت غرينتش`.
/// - Digits: ASCII, Arabic-Indic `٠–٩`, Eastern Arabic-Indic `۰–۹`.
/// - Months: Egyptian/Gulf, Maghrebi (Moroccan), Algerian/Tunisian and
///   Levantine/Iraqi names (`كانون الثاني`, `كانون ثاني`, `كانون 2`); a pair
///   like `شباط/فبراير` must name the same month. Hijri months give `nil`.
/// - Spelling is normalized first (see `DateTokens`): hamza forms, ى/ي, ة/ه,
///   tatweel and harakat do not matter.
/// - Weekdays are accepted (with or without `ال`, after an optional `يوم`) and
///   ignored; any other leading word, except the labels in `labels`, gives `nil`.
/// - `م` or `ميلادي` right after the year marks the Gregorian calendar.
/// - Between date and time: `-`, `،`, `|`, `الساعة`, `على`, `في`, `عند`.
/// - AM/PM: `ص`/`صباحا`/`فجرا`/`am` and `م`/`مساء`/`ظهرا`/`عصرا`/`pm`.
/// - Zones: `GMT`, `UTC`, `GMT+1`, `+01:00`, `بتوقيت غرينتش` (or `جرينتش`),
///   `ت.غ` (UTC); `بتوقيت مكة المكرمة` / `(مكة المكرمة)` (+03:00: Saudi
///   Arabia keeps no summer time). No zone → the default zone; any other zone
///   words give `nil`.
enum ArabicDate {
    static func parse(_ bytes: [UInt8], defaultZone: TimeZone?) -> Timestamp? {
        // Every month name has Arabic letters (UTF-8 lead bytes D8–DB); skip the tokenizer otherwise.
        guard bytes.contains(where: { $0 &- 0xD8 < 4 }) else { return nil }
        var t = DateTokens(bytes)
        guard let fields = read(&t), t.atEnd else { return nil }
        return fields.timestamp(defaultZone: defaultZone)
    }

    private static func read(_ t: inout DateTokens) -> DateFields? {
        var fields = DateFields()
        while t.accept(anyOf: labels) || t.accept(symbol: DateASCII.colon) {}
        var hasTime = false
        if t.clockStarts() {
            guard t.clock(into: &fields, am: am, pm: pm) else { return nil }
            hasTime = true
            skipSeparators(&t)
        }
        guard readDate(&t, into: &fields) else { return nil }
        skipSeparators(&t)
        if !hasTime, t.clockStarts() {
            guard t.clock(into: &fields, am: am, pm: pm) else { return nil }
        }
        if !t.atEnd {
            guard let zone = readZone(&t) else { return nil }
            fields.utcOffsetSeconds = zone
        }
        return fields
    }

    private static func readDate(_ t: inout DateTokens, into fields: inout DateFields) -> Bool {
        _ = t.accept(word: yawm)
        if t.accept(anyOf: weekdays) {
            _ = t.accept(symbol: DateASCII.comma)
        }
        guard let day = t.number(digits: 1...2), let month = readMonth(&t) else { return false }
        // A second name for the same month: `شباط/فبراير`, `شباط (فبراير)`, `فبراير - شباط`.
        let beforePair = t.index
        let open = t.accept(symbol: UInt8(ascii: "("))
        if open || t.accept(symbol: UInt8(ascii: "/")) || t.accept(symbol: DateASCII.minus) {
            if let other = readMonth(&t) {
                guard other == month, !open || t.accept(symbol: UInt8(ascii: ")")) else { return false }
            } else {
                t.index = beforePair
            }
        }
        _ = t.accept(symbol: DateASCII.comma)
        guard let year = t.number(digits: 4...4) else { return false }
        _ = t.accept(anyOf: gregorian)
        fields.day = day
        fields.month = month
        fields.year = year
        return true
    }

    private static func readMonth(_ t: inout DateTokens) -> Int? {
        guard case .word(let key)? = t.peek() else { return nil }
        if key == kanun || key == tishrin {
            // Levantine: كانون الثاني = January, كانون الأول = December,
            // تشرين الأول = October, تشرين الثاني = November; also `كانون 2`.
            let isKanun = key == kanun
            t.advance()
            let first: Bool
            if t.accept(anyOf: firstWords) {
                first = true
            } else if t.accept(anyOf: secondWords) {
                first = false
            } else if case .number(let n, 1)? = t.peek(), n == 1 || n == 2 {
                t.advance()
                first = n == 1
            } else {
                return nil
            }
            return isKanun ? (first ? 12 : 1) : (first ? 10 : 11)
        }
        guard let month = months[key] else { return nil }
        t.advance()
        return month
    }

    private static func skipSeparators(_ t: inout DateTokens) {
        while t.accept(symbol: DateASCII.minus) || t.accept(symbol: DateASCII.comma)
            || t.accept(symbol: UInt8(ascii: "|")) || t.accept(anyOf: fillers)
        {}
    }

    private static func readZone(_ t: inout DateTokens) -> Int? {
        let open = t.accept(symbol: UInt8(ascii: "("))
        let named = t.accept(anyOf: timeOf)  // بتوقيت …
        let offset: Int
        if t.accept(anyOf: greenwich) || greenwichAbbreviation(&t) {
            offset = t.signedOffset() ?? 0  // GMT+1, بتوقيت غرينتش +1
        } else if t.accept(word: mecca) {
            _ = t.accept(word: mukarrama)
            offset = 3 * 3600
        } else if !named, let numeric = t.signedOffset() {
            offset = numeric
        } else {
            return nil
        }
        guard !open || t.accept(symbol: UInt8(ascii: ")")) else { return nil }
        return offset
    }

    /// `ت.غ` (توقيت غرينتش), as Al Jazeera and others write it.
    private static func greenwichAbbreviation(_ t: inout DateTokens) -> Bool {
        guard t.peek() == .word(ta), t.peek(1) == .symbol(DateASCII.period), t.peek(2) == .word(ghain) else {
            return false
        }
        t.index += 3
        _ = t.accept(symbol: DateASCII.period)
        return true
    }

    // MARK: Tables

    static let months: [UInt64: Int] = DateTokens.table([
        // Egyptian/Gulf · Maghrebi · Algerian/Tunisian · Levantine/Iraqi
        (1, ["يناير", "جانفي"]),
        (2, ["فبراير", "فيفري", "شباط"]),
        (3, ["مارس", "آذار"]),
        (4, ["أبريل", "إبريل", "أفريل", "نيسان"]),
        (5, ["مايو", "ماي", "أيار"]),
        (6, ["يونيو", "يونيه", "جوان", "حزيران"]),
        (7, ["يوليو", "يوليه", "يوليوز", "جويلية", "تموز"]),
        (8, ["أغسطس", "غشت", "أوت", "آب"]),
        (9, ["سبتمبر", "شتنبر", "أيلول"]),
        (10, ["أكتوبر"]),
        (11, ["نوفمبر", "نونبر"]),
        (12, ["ديسمبر", "دجنبر"]),
    ])
    private static let kanun = DateTokens.key("كانون")
    private static let tishrin = DateTokens.key("تشرين")
    private static let firstWords = DateTokens.keys("الأول", "أول")
    private static let secondWords = DateTokens.keys("الثاني", "ثاني")

    private static let weekdays = DateTokens.keys([
        "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
        "أحد", "اثنين", "إثنين", "ثلاثاء", "أربعاء", "خميس", "جمعة", "سبت",
    ])
    private static let yawm = DateTokens.key("يوم")
    /// Leading labels: `نشر في:`, `بتاريخ`, `آخر تحديث:`, `تاريخ النشر:`.
    private static let labels = DateTokens.keys("نشر", "في", "بتاريخ", "تاريخ", "النشر", "آخر", "تحديث")
    private static let gregorian = DateTokens.keys("م", "ميلادي", "ميلادية")
    private static let fillers = DateTokens.keys("الساعة", "ساعة", "على", "في", "عند")
    private static let am = DateTokens.keys("ص", "صباحا", "صباح", "فجرا", "am")
    private static let pm = DateTokens.keys("م", "مساء", "مساءا", "ظهرا", "عصرا", "pm")

    private static let timeOf = DateTokens.keys("بتوقيت", "توقيت")
    private static let greenwich = DateTokens.keys("غرينتش", "جرينتش", "غرينيتش", "جرينيتش", "gmt", "utc")
    private static let ta = DateTokens.key("ت")
    private static let ghain = DateTokens.key("غ")
    private static let mecca = DateTokens.key("مكة")
    private static let mukarrama = DateTokens.key("المكرمة")
}

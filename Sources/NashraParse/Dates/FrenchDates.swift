import Foundation
import NashraModel

/// Dates written in French, as francophone (and Maghrebi) sites print them.
///
/// Shape: `[publié] [weekday][,] [le] day[er] month[.] year [,|-|à] [time] [zone]`.
/// For example `jeudi 13 février 2025 13:12`, `13 février 2025 à 13h12`,
/// `le 13 fév. 2025`, `1er mars 2025`, `Jeudi, 13 Février 2025 - 13H12`.
/// - Accents and case do not matter (`fevrier`, `AOÛT`, `decembre`); see `DateTokens`.
/// - Months: full names and the usual abbreviations (`janv.`, `févr.`, `fév.`,
///   `avr.`, `juil.`, `sept.`, `déc.` …), with or without the period.
/// - Weekdays (`jeudi`, `jeu.`) are accepted and ignored; `le` before the day too.
/// - Time: `13:12`, `13:12:05`, `13h12`, `13 h 12`, `13h`.
/// - Zones: `GMT`, `UTC`, `GMT+1`, `+01:00`. No zone → the default zone.
enum FrenchDate {
    static func parse(_ bytes: [UInt8], defaultZone: TimeZone?) -> Timestamp? {
        var t = DateTokens(bytes)
        guard let fields = read(&t), t.atEnd else { return nil }
        return fields.timestamp(defaultZone: defaultZone)
    }

    private static func read(_ t: inout DateTokens) -> DateFields? {
        var fields = DateFields()
        while t.accept(anyOf: labels) || t.accept(symbol: DateASCII.colon) {}
        if t.accept(anyOf: weekdays) {
            _ = t.accept(symbol: DateASCII.period)
            _ = t.accept(symbol: DateASCII.comma)
        }
        _ = t.accept(word: le)
        guard let day = t.number(digits: 1...2) else { return nil }
        if day == 1 { _ = t.accept(word: premier) }
        guard case .word(let key)? = t.peek(), let month = months[key] else { return nil }
        t.advance()
        _ = t.accept(symbol: DateASCII.period)
        _ = t.accept(symbol: DateASCII.comma)
        guard let year = t.number(digits: 4...4) else { return nil }
        fields.day = day
        fields.month = month
        fields.year = year

        while t.accept(symbol: DateASCII.comma) || t.accept(symbol: DateASCII.minus) || t.accept(anyOf: fillers) {}
        if t.clockStarts(separators: hour) {
            guard t.clock(into: &fields, h: h) else { return nil }
        }
        if !t.atEnd {
            guard let zone = t.latinZone() else { return nil }
            fields.utcOffsetSeconds = zone
        }
        return fields
    }

    // MARK: Tables

    static let months: [UInt64: Int] = DateTokens.table([
        (1, ["janvier", "janv", "jan"]),
        (2, ["février", "févr", "fév", "fevr"]),
        (3, ["mars", "mar"]),
        (4, ["avril", "avr"]),
        (5, ["mai"]),
        (6, ["juin"]),
        (7, ["juillet", "juil", "jul"]),
        (8, ["août", "aou"]),
        (9, ["septembre", "sept", "sep"]),
        (10, ["octobre", "oct"]),
        (11, ["novembre", "nov"]),
        (12, ["décembre", "déc"]),
    ])
    private static let weekdays = DateTokens.keys([
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "lun", "mar", "mer", "jeu", "ven", "sam", "dim",
    ])
    private static let le = DateTokens.key("le")
    private static let premier = DateTokens.key("er")
    private static let h = DateTokens.key("h")
    private static let hour: Set<UInt64> = [h]
    /// Leading labels: `Publié le`, `Mis à jour le`, `le jeudi`.
    private static let labels = DateTokens.keys("publié", "mis", "à", "jour", "le")
    private static let fillers = DateTokens.keys("à", "vers")
}

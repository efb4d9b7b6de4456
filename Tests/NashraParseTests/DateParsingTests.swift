import Foundation
import NashraModel
import Testing

@testable import NashraParse

// Each case: (input, default zone identifier or nil for UTC, expected RFC 3339 in the written offset).
// Every case is checked twice: through the public entry point (all dialects, in
// order) and through its own dialect alone, so that a case cannot pass by being
// read by the wrong dialect.

private let casablanca = "Africa/Casablanca"
private let paris = "Europe/Paris"

private func check(_ input: String, _ zone: String?, _ expected: String, dialect: DateDialect) throws {
    let defaultZone = try zone.map { try #require(TimeZone(identifier: $0)) }
    let viaEntry = FeedDateParser.parse(input, defaultZone: defaultZone)
    let viaDialect = FeedDateParser.parse(input, defaultZone: defaultZone, dialects: [dialect])
    #expect(viaEntry?.rfc3339 == expected, "\(input)")
    #expect(viaDialect?.rfc3339 == expected, "\(input) via \(dialect)")
}

struct DateParsingTests {
    @Test(
        arguments: [
            ("Thu, 13 Feb 2025 13:12:00 +0100", nil, "2025-02-13T13:12:00+01:00"),
            ("Thu, 13 Feb 2025 12:12:00 GMT", nil, "2025-02-13T12:12:00Z"),
            ("13 Feb 2025 13:12:00 +0100", nil, "2025-02-13T13:12:00+01:00"),  // no weekday
            ("thursday, 13 february 2025 13:12:00 +0100", nil, "2025-02-13T13:12:00+01:00"),
            ("THU, 13 FEB 2025 13:12:00 +01:00", nil, "2025-02-13T13:12:00+01:00"),
            ("Thurs, 13 Feb 2025 13:12 +0100", nil, "2025-02-13T13:12:00+01:00"),  // odd weekday, no seconds
            ("Xyz, 13 Feb 2025 13:12:00 +0100", nil, "2025-02-13T13:12:00+01:00"),  // garbage weekday ignored
            ("Thu, 3 Feb 25 08:05:00 -0500", nil, "2025-02-03T08:05:00-05:00"),  // wrong weekday, 2-digit year
            ("Sun, 06 Nov 94 08:49:37 GMT", nil, "1994-11-06T08:49:37Z"),  // RFC 1123's example; 50–99 → 19xx
            ("Wed, 01 Jan 49 00:00:00 GMT", nil, "2049-01-01T00:00:00Z"),  // 00–49 → 20xx
            ("Thu, 13 Feb 2025 08:12:00 EST", nil, "2025-02-13T08:12:00-05:00"),
            ("Thu, 13 Feb 2025 05:12:00 PDT", nil, "2025-02-13T05:12:00-07:00"),
            ("Thu, 13 Feb 2025 06:12:00 cst", nil, "2025-02-13T06:12:00-06:00"),
            ("Thu, 13 Feb 2025 13:12:00 CET", nil, "2025-02-13T13:12:00+01:00"),
            ("Thu, 13 Feb 2025 14:12:00 EET", nil, "2025-02-13T14:12:00+02:00"),
            ("Thu, 13 Feb 2025 12:12:00 UT", nil, "2025-02-13T12:12:00Z"),
            ("Thu, 13 Feb 2025 12:12:00 Z", nil, "2025-02-13T12:12:00Z"),
            // Military letters are read as -0000 (UTC), per RFC 1123 §5.2.14 / RFC 2822 §4.3.
            ("Thu, 13 Feb 2025 12:12:00 A", nil, "2025-02-13T12:12:00Z"),
            ("Thu, 13 Feb 2025 12:12:00 N", nil, "2025-02-13T12:12:00Z"),
            ("Thu, 13 Feb 2025 12:12:00 -0000", nil, "2025-02-13T12:12:00Z"),
            ("Thu, 13 Feb 2025 17:42:00 +0530", nil, "2025-02-13T17:42:00+05:30"),
            ("Thu, 13 Feb 2025 13:12:00 GMT+1", nil, "2025-02-13T13:12:00+01:00"),
            ("Thu, 13 Feb 2025 13:12:00 UTC+01:00", nil, "2025-02-13T13:12:00+01:00"),
            ("Thu, 13 Feb 2025 13:12:00 +0100 (CET)", nil, "2025-02-13T13:12:00+01:00"),
            ("Thu, 13 Feb 2025 13:12:00.750 +0100", nil, "2025-02-13T13:12:00+01:00"),
            ("  Thu,  13 Feb 2025   13:12:00  +0100 ", nil, "2025-02-13T13:12:00+01:00"),
            ("Thu,13 Feb 2025 13:12:00 +0100", nil, "2025-02-13T13:12:00+01:00"),
            ("Thu,, 13 Feb, 2025, 13:12:00 +0100", nil, "2025-02-13T13:12:00+01:00"),
            ("Thu, 13-Feb-2025 13:12:00 +0100", nil, "2025-02-13T13:12:00+01:00"),
            ("Thu, 13 Feb. 2025 13:12:00 +0100", nil, "2025-02-13T13:12:00+01:00"),
            ("Sat, 13 Sept 2025 13:12:00 +0200", nil, "2025-09-13T13:12:00+02:00"),
            ("Thu, 13 Feb 2025 13:12:00", nil, "2025-02-13T13:12:00Z"),  // no zone, no default → UTC
            ("Thu, 13 Feb 2025 13:12:00", casablanca, "2025-02-13T13:12:00+01:00"),
            ("Thu, 13 Feb 2025 13:12:00 GMT", casablanca, "2025-02-13T13:12:00Z"),  // a written zone wins
            ("13 Feb 2025", nil, "2025-02-13T00:00:00Z"),
            ("Feb 13, 2025 1:12 PM", casablanca, "2025-02-13T13:12:00+01:00"),
            ("February 13th, 2025 12:05 am", nil, "2025-02-13T00:05:00Z"),
            ("Thu Feb 13 13:12:00 2025", nil, "2025-02-13T13:12:00Z"),  // asctime
            ("Thu Feb 13 12:12:00 UTC 2025", nil, "2025-02-13T12:12:00Z"),  // date(1)
        ] as [(String, String?, String)]
    )
    func rfc822(input: String, zone: String?, expected: String) throws {
        try check(input, zone, expected, dialect: .rfc822)
    }

    @Test(
        arguments: [
            ("2025-02-13T13:12:00+01:00", nil, "2025-02-13T13:12:00+01:00"),
            ("2025-02-13T12:12:00Z", nil, "2025-02-13T12:12:00Z"),
            ("2025-02-13T12:12:00.123456Z", nil, "2025-02-13T12:12:00Z"),  // whole seconds on output
            ("2025-02-13T12:12:00,5Z", nil, "2025-02-13T12:12:00Z"),
            ("2025-02-13T13:12+01:00", nil, "2025-02-13T13:12:00+01:00"),
            ("2025-02-13T13:12:00+0100", nil, "2025-02-13T13:12:00+01:00"),
            ("2025-02-13T08:12:00-05:00", nil, "2025-02-13T08:12:00-05:00"),
            ("2025-02-13t12:12:00z", nil, "2025-02-13T12:12:00Z"),
            ("2025-02-13 13:12:00+01:00", nil, "2025-02-13T13:12:00+01:00"),
            ("2025-02-13 13:12:00 +0100", nil, "2025-02-13T13:12:00+01:00"),
            ("2025-02-13 12:12:00 UTC", nil, "2025-02-13T12:12:00Z"),
            ("20250213T121200Z", nil, "2025-02-13T12:12:00Z"),
            ("20250213T1312+0100", nil, "2025-02-13T13:12:00+01:00"),
            ("20250213", nil, "2025-02-13T00:00:00Z"),
            ("2025-02-13", nil, "2025-02-13T00:00:00Z"),
            ("2025-02-13", casablanca, "2025-02-13T00:00:00+01:00"),
            ("2025-02", nil, "2025-02-01T00:00:00Z"),
            ("2025", nil, "2025-01-01T00:00:00Z"),
            ("2025-02-13T13:12:00", casablanca, "2025-02-13T13:12:00+01:00"),
            ("2025-02-13T24:00:00Z", nil, "2025-02-14T00:00:00Z"),
            ("2024-02-29T12:00:00Z", nil, "2024-02-29T12:00:00Z"),
            // Casablanca in tz 2025: +01:00, but +00:00 from 2025-02-23 02:00Z to 2025-04-06 02:00Z (Ramadan).
            // Clocks went back at 03:00 local on 02-23: 02:30 happened twice; the earlier instant is taken.
            ("2025-02-23T02:30:00", casablanca, "2025-02-23T02:30:00+01:00"),
            // Clocks went forward at 02:00 local on 04-06: 02:30 never happened; read with the offset before the jump.
            ("2025-04-06T02:30:00", casablanca, "2025-04-06T03:30:00+01:00"),
            ("2025-03-30T02:30:00", paris, "2025-03-30T03:30:00+02:00"),  // same rule in Paris
            ("2025-10-26T02:30:00", paris, "2025-10-26T02:30:00+02:00"),  // same rule in Paris
            ("2025-07-01T12:00:00", paris, "2025-07-01T12:00:00+02:00"),
        ] as [(String, String?, String)]
    )
    func w3cdtf(input: String, zone: String?, expected: String) throws {
        try check(input, zone, expected, dialect: .w3cdtf)
    }

    @Test(
        arguments: [
            // The seed's dates, read in Casablanca. tz data (as Foundation ships it) says
            // Morocco is +01:00 in 2025 except during Ramadan, 2025-02-23 02:00Z to
            // 2025-04-06 02:00Z, when it is +00:00, so the March dates come out as Z.
            ("الخميس 13 فبراير 2025 - 13:12", casablanca, "2025-02-13T13:12:00+01:00"),
            ("الإثنين 17 مارس 2025 - 00:05", casablanca, "2025-03-17T00:05:00Z"),
            ("الأحد 16 مارس 2025 - 23:13", casablanca, "2025-03-16T23:13:00Z"),
            ("الخميس 13 فبراير 2025 - 13:12", nil, "2025-02-13T13:12:00Z"),
            ("الخميس ١٣ فبراير ٢٠٢٥ - ١٣:١٢", casablanca, "2025-02-13T13:12:00+01:00"),
            ("الخميس ۱۳ فبراير ۲۰۲۵ - ۱۳:۱۲", casablanca, "2025-02-13T13:12:00+01:00"),
            ("الخميس، 13 فبراير 2025 - 1:12 م", casablanca, "2025-02-13T13:12:00+01:00"),
            ("13 فبراير 2025 01:12 مساءً", casablanca, "2025-02-13T13:12:00+01:00"),
            ("13 فبراير 2025 10:05 صباحاً", casablanca, "2025-02-13T10:05:00+01:00"),
            ("13 فبراير 2025 12:30 ص", nil, "2025-02-13T00:30:00Z"),
            ("13 فبراير 2025", casablanca, "2025-02-13T00:00:00+01:00"),
            ("الخميـــس 13 فبرايـــر 2025", nil, "2025-02-13T00:00:00Z"),  // tatweel
            ("يوم الخميس 13 فبراير 2025 على الساعة 13:12", casablanca, "2025-02-13T13:12:00+01:00"),
            ("13:12 - الخميس 13 فبراير 2025", casablanca, "2025-02-13T13:12:00+01:00"),
            ("الخميس 13 فبراير 2025 م - 13:12", nil, "2025-02-13T13:12:00Z"),
            ("\u{200F}الخميس 13 فبراير 2025 - 13:12\u{200F}", nil, "2025-02-13T13:12:00Z"),  // RLM
            // Maghrebi
            ("الجمعة 1 غشت 2025 - 09:30", casablanca, "2025-08-01T09:30:00+01:00"),
            ("13 يوليوز 2025 10:00", nil, "2025-07-13T10:00:00Z"),
            ("13 شتنبر 2025", nil, "2025-09-13T00:00:00Z"),
            ("13 نونبر 2025", nil, "2025-11-13T00:00:00Z"),
            ("13 دجنبر 2025", nil, "2025-12-13T00:00:00Z"),
            ("13 ماي 2025", nil, "2025-05-13T00:00:00Z"),
            ("13 ابريل 2025", nil, "2025-04-13T00:00:00Z"),
            // Algerian/Tunisian
            ("13 جانفي 2025 - 13:12", nil, "2025-01-13T13:12:00Z"),
            ("13 فيفري 2025", nil, "2025-02-13T00:00:00Z"),
            ("13 أفريل 2025", nil, "2025-04-13T00:00:00Z"),
            ("13 جوان 2025", nil, "2025-06-13T00:00:00Z"),
            ("13 جويلية 2025", nil, "2025-07-13T00:00:00Z"),
            ("13 أوت 2025", nil, "2025-08-13T00:00:00Z"),
            // Levantine/Iraqi
            ("13 شباط 2025 13:12", nil, "2025-02-13T13:12:00Z"),
            ("13 كانون الثاني 2025", nil, "2025-01-13T00:00:00Z"),
            ("13 كانون 2 2025", nil, "2025-01-13T00:00:00Z"),
            ("1 كانون الأول 2024", nil, "2024-12-01T00:00:00Z"),
            ("13 تشرين الأول 2025", nil, "2025-10-13T00:00:00Z"),
            ("13 تشرين ثاني 2025", nil, "2025-11-13T00:00:00Z"),
            ("13 آذار 2025", nil, "2025-03-13T00:00:00Z"),
            ("13 آب 2025", nil, "2025-08-13T00:00:00Z"),
            ("13 أيلول 2025", nil, "2025-09-13T00:00:00Z"),
            // Egyptian/Gulf
            ("13 مايو 2025", nil, "2025-05-13T00:00:00Z"),
            ("13 أغسطس 2025", nil, "2025-08-13T00:00:00Z"),
            ("13 اكتوبر 2025", nil, "2025-10-13T00:00:00Z"),
            // Zones written in the text win over the default zone.
            ("13 شباط/فبراير 2025 الساعة 13:12 بتوقيت غرينتش", casablanca, "2025-02-13T13:12:00Z"),
            ("الخميس 13 فبراير 2025 13:12 GMT+1", nil, "2025-02-13T13:12:00+01:00"),
            ("13 أبريل 2025 13:12 +02:00", casablanca, "2025-04-13T13:12:00+02:00"),
            ("13 فبراير 2025 13:12 (مكة المكرمة)", nil, "2025-02-13T13:12:00+03:00"),
            ("13 نونبر 2025 14:00 ت.غ", casablanca, "2025-11-13T14:00:00Z"),
            ("13 نونبر 2025 15:00 بتوقيت غرينتش +1", nil, "2025-11-13T15:00:00+01:00"),
            ("13 فبراير 2025 16:12 بتوقيت مكة المكرمة", casablanca, "2025-02-13T16:12:00+03:00"),
        ] as [(String, String?, String)]
    )
    func arabic(input: String, zone: String?, expected: String) throws {
        try check(input, zone, expected, dialect: .arabic)
    }

    @Test(
        arguments: [
            ("jeudi 13 février 2025 13:12", nil, "2025-02-13T13:12:00Z"),
            ("jeudi 13 février 2025 13:12", paris, "2025-02-13T13:12:00+01:00"),
            ("13 février 2025 à 13h12", paris, "2025-02-13T13:12:00+01:00"),
            ("le 13 fév. 2025", paris, "2025-02-13T00:00:00+01:00"),
            ("1er mars 2025", nil, "2025-03-01T00:00:00Z"),
            ("13 fevrier 2025 13h", nil, "2025-02-13T13:00:00Z"),
            ("Jeudi, 13 Février 2025 - 13H12", casablanca, "2025-02-13T13:12:00+01:00"),
            ("15 août 2025 08:30:15", paris, "2025-08-15T08:30:15+02:00"),
            ("15 aout 2025", nil, "2025-08-15T00:00:00Z"),
            ("3 déc. 2025 18:00 UTC", paris, "2025-12-03T18:00:00Z"),
            ("Publié le 13 févr. 2025 à 13 h 12", paris, "2025-02-13T13:12:00+01:00"),
            ("mar. 1er avril 2025 9h05", paris, "2025-04-01T09:05:00+02:00"),
            ("13 DÉCEMBRE 2025", nil, "2025-12-13T00:00:00Z"),
            ("13 decembre 2025", nil, "2025-12-13T00:00:00Z"),
            ("13 sept. 2025 13:12 GMT+2", nil, "2025-09-13T13:12:00+02:00"),
            ("13 janv. 2025", nil, "2025-01-13T00:00:00Z"),
            ("13 juil. 2025", nil, "2025-07-13T00:00:00Z"),
        ] as [(String, String?, String)]
    )
    func french(input: String, zone: String?, expected: String) throws {
        try check(input, zone, expected, dialect: .french)
    }

    @Test(arguments: [
        "", "   ", "yesterday", "now", "32 Jan 2025", "2025-13-01", "Feb 30 2025", "2025-02-30",
        "Thu, 30 Feb 2025 10:00:00 GMT", "Thu, 13 Feb 2025 25:00:00 GMT", "Thu, 13 Feb 2025 13:60:00 GMT",
        "Thu, 13 Feb 2025 13:12:00 XYZ",
        "Thu, 13 Feb 2025 13:12:00 IST",  // ambiguous zone name
        "Thu, 13 Feb 2025 13:12:00 BST",  // ambiguous zone name
        "Thu, 13 Feb 2025 13:12:00 J",  // not a military zone
        "Thu, 13 Feb 2025 13:12:00 +0100 extra", "Thu, 13 Smarch 2025 13:12:00 GMT", "Thu, 13 Feb",
        "2025-02-13T13:12:00+25:00", "2025-02-13T24:30:00Z", "2025-02-13T", "2025-02-13T13", "2025-2-13",
        "2025-02-13T13:12:00 PST", "1739452320", "13/02/2025", "02/13/2025 13:12",
        "13 شعبان 1446",  // Hijri month
        "الخميس 13 فبراير", "فبراير 2025", "13 شباط/مارس 2025", "13 فبراير 2025 13:12 بتوقيت القدس",
        "13 فبراير 2025 13:12 ص", "الخميس 31 فبراير 2025",
        "13 février", "le 13 févriers 2025", "jeudi 13 février 2025 25h00",
        "Thu, 13 Feb 2025 13:12:00 GMT+", "13 فبراير 2025 13:12 GMT+", "13 février 2025 13:12 GMT+",
    ])
    func garbage(input: String) {
        #expect(FeedDateParser.parse(input) == nil, "\(input)")
        #expect(FeedDateParser.parse(input, defaultZone: TimeZone(identifier: casablanca)) == nil, "\(input)")
    }

    @Test func keepsTheInstantInUTC() throws {
        let zone = try #require(TimeZone(identifier: casablanca))
        let stamp = try #require(FeedDateParser.parse("الخميس 13 فبراير 2025 - 13:12", defaultZone: zone))
        #expect(stamp.rfc3339UTC == "2025-02-13T12:12:00Z")
        #expect(stamp.utcOffsetSeconds == 3600)
        #expect(FeedDateParser.parse("Thu, 13 Feb 2025 13:12:00 +0100") == stamp)
        #expect(FeedDateParser.parse("2025-02-13T12:12:00.5Z")?.date.timeIntervalSince1970 == 1_739_448_720.5)
    }
}

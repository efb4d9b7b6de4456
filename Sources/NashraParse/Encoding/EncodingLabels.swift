/// Encoding labels → lowercase canonical names, and canonical names → the
/// iconv names `Transcoder` should try.
///
/// The label lists follow the WHATWG Encoding Standard
/// (https://encoding.spec.whatwg.org/#names-and-labels), trimmed to what feeds
/// use, with two departures: `iso-8859-1`/`latin1` keep their own name (the
/// detector decodes them as windows-1252 only when 0x80–0x9F occur), and
/// `utf-16`/`utf-32` without an endianness stay unresolved until a BOM or the
/// `<?xml` byte pattern says which.
enum EncodingLabels {
    /// The lowercase canonical name for an encoding label (`"CP1256"` →
    /// `"windows-1256"`). Unknown labels come back trimmed and lowercased.
    static func canonicalName(_ label: String) -> String {
        let key = String(
            label.lowercased().unicodeScalars.filter { $0 != " " && $0 != "\t" && $0 != "\"" && $0 != "'" }
        )
        return aliases[key] ?? key
    }

    /// The names to hand to `Transcoder`, best first. Supersets win: CP932
    /// for Shift_JIS (as WHATWG and every browser do), GB18030 for GBK/GB2312,
    /// Big5-HKSCS for Big5, CP949 (UHC) for EUC-KR.
    static func transcoderNames(for canonical: String) -> [String] {
        switch canonical {
        case "shift_jis": return ["CP932", "SHIFT_JIS"]
        case "euc-jp": return ["EUC-JP"]
        case "iso-2022-jp": return ["ISO-2022-JP", "ISO-2022-JP-3"]
        case "gbk", "gb18030": return ["GB18030", "GBK"]
        case "big5": return ["BIG5-HKSCS", "BIG5"]
        case "euc-kr": return ["CP949", "EUC-KR"]
        default: return [canonical]
        }
    }

    /// Whether the encoding maps bytes 0x00–0x7F to ASCII, so that a
    /// pure-ASCII document needs no conversion at all.
    static func isASCIICompatible(_ canonical: String) -> Bool {
        for prefix in asciiIncompatiblePrefixes where canonical.hasPrefix(prefix) {
            return false
        }
        return true
    }

    /// UTF-8 and its subset: these take the "is it really UTF-8?" path.
    static func isUTF8Family(_ canonical: String) -> Bool {
        canonical == "utf-8" || canonical == "us-ascii"
    }

    /// UTF-16/UTF-32 in any byte order (or none given).
    static func isWideUnicode(_ canonical: String) -> Bool {
        canonical.hasPrefix("utf-16") || canonical.hasPrefix("utf-32")
    }
}

// MARK: - Tables

extension EncodingLabels {
    private static let asciiIncompatiblePrefixes = [
        "utf-16", "utf-32", "ucs-2", "ucs-4", "utf-7", "iso-2022", "hz-gb", "ebcdic", "cp037", "ibm037",
        "cp500", "ibm500", "cp875", "cp1026", "ibm1026", "cp1140", "ibm1140",
    ]

    private static let aliases: [String: String] = {
        let groups: [(String, [String])] = [
            ("utf-8", ["utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"]),
            ("utf-16", ["utf-16", "utf16", "unicode", "ucs-2", "csunicode", "iso-10646-ucs-2", "unicodefeff"]),
            ("utf-16le", ["utf-16le", "utf16le"]),
            ("utf-16be", ["utf-16be", "utf16be", "unicodefffe"]),
            ("utf-32", ["utf-32", "utf32", "ucs-4", "iso-10646-ucs-4"]),
            ("utf-32le", ["utf-32le", "utf32le"]),
            ("utf-32be", ["utf-32be", "utf32be"]),
            (
                "us-ascii",
                [
                    "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "cp367", "ibm367", "csascii",
                    "iso-ir-6", "iso_646.irv:1991",
                ]
            ),
            ("windows-1252", ["windows-1252", "cp1252", "x-cp1252", "cp-1252", "win-1252", "ms-ansi"]),
            (
                "iso-8859-1",
                [
                    "iso-8859-1", "iso8859-1", "iso_8859-1", "iso88591", "latin1", "latin-1", "l1", "cp819",
                    "ibm819", "iso-ir-100", "csisolatin1", "iso_8859-1:1987", "8859-1",
                ]
            ),
            ("windows-1256", ["windows-1256", "cp1256", "x-cp1256", "cp-1256", "win-1256"]),
            (
                "iso-8859-6",
                [
                    "iso-8859-6", "iso8859-6", "iso_8859-6", "iso88596", "arabic", "asmo-708", "csiso88596e",
                    "csiso88596i", "csisolatinarabic", "ecma-114", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127",
                    "iso_8859-6:1987",
                ]
            ),
            (
                "shift_jis",
                [
                    "shift_jis", "shift-jis", "shiftjis", "sjis", "x-sjis", "ms_kanji", "ms932", "csshiftjis",
                    "windows-31j", "cp932",
                ]
            ),
            ("euc-jp", ["euc-jp", "eucjp", "x-euc-jp", "cseucpkdfmtjapanese"]),
            ("iso-2022-jp", ["iso-2022-jp", "csiso2022jp"]),
            (
                "gbk",
                [
                    "gbk", "gb2312", "gb_2312", "gb_2312-80", "cp936", "x-gbk", "chinese", "csgb2312",
                    "csiso58gb231280", "iso-ir-58", "euc-cn", "ms936", "windows-936",
                ]
            ),
            ("gb18030", ["gb18030", "gb-18030"]),
            ("big5", ["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5", "cp950", "big-5"]),
            (
                "euc-kr",
                [
                    "euc-kr", "euckr", "cseuckr", "csksc56011987", "iso-ir-149", "korean", "ks_c_5601-1987",
                    "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949", "cp949", "uhc",
                ]
            ),
            ("windows-1251", ["windows-1251", "cp1251", "x-cp1251"]),
            ("koi8-r", ["koi8-r", "koi8", "koi", "cskoi8r", "koi8_r"]),
        ]
        var table: [String: String] = [:]
        for (canonical, labels) in groups {
            for label in labels { table[label] = canonical }
        }
        return table
    }()
}

import NashraXML
import NashraTestSupport
import Testing

@testable import NashraParse

/// Encoding detection before libxml2: BOMs, labels, sniffing, mojibake repair
/// and the libxml2/iconv transcoder. Inputs in legacy encodings were produced
/// by Python's codecs (see the comments), not by Nashra's own tables.
@Suite("Encoding detection")
struct EncodingDetectionTests {
    // MARK: Byte order marks

    @Test func utf8ByteOrderMarkIsRemoved() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Self.document(encoding: "UTF-8", Array(Self.arabic.utf8))
        let result = EncodingDetector.decode(bytes)
        #expect(result.name == "utf-8")
        #expect(result.utf8.starts(with: Array("<?xml".utf8)))
        #expect(Self.body(result) == Self.arabic)
    }

    @Test(arguments: [false, true])
    func utf16ByteOrderMark(bigEndian: Bool) {
        let text = Self.declaration("UTF-16") + "<t>" + Self.arabic + " été 😀</t>"
        let units = Array(text.utf16)
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in units {
            let high = UInt8(unit >> 8)
            let low = UInt8(unit & 0xFF)
            bytes += bigEndian ? [high, low] : [low, high]
        }
        let result = EncodingDetector.decode(bytes)
        #expect(result.name == (bigEndian ? "utf-16be" : "utf-16le"))
        #expect(Self.declaresUTF8(result))
        #expect(Self.body(result) == Self.arabic + " été 😀")
    }

    @Test(arguments: [false, true])
    func utf32ByteOrderMark(bigEndian: Bool) {
        let text = Self.declaration("UTF-32") + "<t>" + Self.arabic + " 😀</t>"
        var bytes: [UInt8] = bigEndian ? [0, 0, 0xFE, 0xFF] : [0xFF, 0xFE, 0, 0]
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let big = [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
            bytes += bigEndian ? big : big.reversed()
        }
        let result = EncodingDetector.decode(bytes)
        #expect(result.name == (bigEndian ? "utf-32be" : "utf-32le"))
        #expect(Self.declaresUTF8(result))
        #expect(Self.body(result) == Self.arabic + " 😀")
    }

    @Test(arguments: [false, true])
    func utf16WithoutByteOrderMarkIsRecognisedFromTheDeclaration(bigEndian: Bool) {
        let text = Self.declaration(bigEndian ? "UTF-16BE" : "UTF-16LE") + "<t>" + Self.arabic + "</t>"
        var bytes: [UInt8] = []
        for unit in text.utf16 {
            bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let result = EncodingDetector.decode(bytes)
        #expect(result.name == (bigEndian ? "utf-16be" : "utf-16le"))
        #expect(Self.body(result) == Self.arabic)
    }

    @Test func byteOrderMarkBeatsHTTPCharset() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<t>été</t>".utf8)
        let result = EncodingDetector.decode(bytes, httpContentType: "text/xml; charset=windows-1256")
        #expect(result.name == "utf-8")
        #expect(Self.body(result) == "été")
        #expect(result.notes.contains { $0.contains("byte order mark") })
    }

    // MARK: Arabic single-byte encodings

    @Test func declaredWindows1256() {
        let result = EncodingDetector.decode(Self.document(encoding: "windows-1256", EncodingSamples.arabicWindows1256))
        #expect(result.name == "windows-1256")
        #expect(Self.body(result) == Self.arabic)
        #expect(result.notes.isEmpty)
        // The declaration now says UTF-8, so libxml2 will not decode again.
        #expect(Self.declaresUTF8(result))
        #expect(!Self.string(result).contains("windows-1256"))
    }

    @Test(arguments: [nil, "UTF-8", "utf8"] as [String?])
    func undeclaredOrMislabelledWindows1256(label: String?) {
        let bytes =
            label.map { Self.document(encoding: $0, EncodingSamples.arabicWindows1256) }
            ?? Array("<?xml version=\"1.0\"?>\n<t>".utf8) + EncodingSamples.arabicWindows1256 + Array("</t>".utf8)
        let result = EncodingDetector.decode(bytes)
        #expect(result.name == "windows-1256")
        #expect(Self.body(result) == Self.arabic)
        #expect(result.notes.contains { $0.contains("not UTF-8") && $0.contains("windows-1256") })
    }

    @Test func windows1256WithoutAnyDeclaration() {
        let bytes = Array("<rss><title>".utf8) + EncodingSamples.arabicWindows1256 + Array("</title></rss>".utf8)
        let result = EncodingDetector.decode(bytes)
        #expect(result.name == "windows-1256")
        #expect(Self.string(result) == "<rss><title>" + Self.arabic + "</title></rss>")
    }

    @Test func arabicLabelledLatin1IsWindows1256() {
        let result = EncodingDetector.decode(Self.document(encoding: "ISO-8859-1", EncodingSamples.arabicWindows1256))
        #expect(result.name == "windows-1256")
        #expect(Self.body(result) == Self.arabic)
        #expect(result.notes.contains { $0.contains("Arabic") })
    }

    @Test func declaredISO88596() {
        let result = EncodingDetector.decode(Self.document(encoding: "ISO-8859-6", EncodingSamples.arabicISO88596))
        #expect(result.name == "iso-8859-6")
        #expect(Self.body(result) == Self.arabicISO)
    }

    @Test func undeclaredISO88596IsToldFromWindows1256() {
        let bytes = Array("<t>".utf8) + EncodingSamples.arabicISO88596 + Array("</t>".utf8)
        let result = EncodingDetector.decode(bytes)
        #expect(result.name == "iso-8859-6")
        #expect(Self.body(result) == Self.arabicISO)
    }

    @Test func windows1256LabelledISO88596() {
        // ف ق ك sit at 0xDD–0xDF in windows-1256, unassigned in ISO-8859-6.
        let result = EncodingDetector.decode(Self.document(encoding: "ISO-8859-6", EncodingSamples.arabicWindows1256))
        #expect(result.name == "windows-1256")
        #expect(Self.body(result) == Self.arabic)
    }

    @Test func validUTF8WinsOverASingleByteLabel() {
        let result = EncodingDetector.decode(Self.document(encoding: "windows-1256", Array(Self.arabic.utf8)))
        #expect(result.name == "utf-8")
        #expect(Self.body(result) == Self.arabic)
        #expect(result.notes.contains { $0.contains("bytes are UTF-8") })
    }

    @Test func pureASCIIKeepsItsLabel() {
        let bytes = Self.document(encoding: "windows-1256", Array("Hello".utf8))
        let result = EncodingDetector.decode(bytes)
        #expect(result.name == "windows-1256")
        #expect(Self.body(result) == "Hello")
        #expect(result.notes.isEmpty)
    }

    // MARK: windows-1252

    @Test(arguments: ["windows-1252", "ISO-8859-1", nil] as [String?])
    func frenchWindows1252(label: String?) {
        let bytes =
            label.map { Self.document(encoding: $0, EncodingSamples.frenchWindows1252) }
            ?? Array("<t>".utf8) + EncodingSamples.frenchWindows1252 + Array("</t>".utf8)
        let result = EncodingDetector.decode(bytes)
        // An ISO-8859-1 label with 0x80–0x9F bytes (’ is 0x92) is windows-1252,
        // as in browsers.
        #expect(result.name == "windows-1252")
        #expect(Self.body(result) == Self.french)
        #expect(Self.body(result).contains("été"))
        #expect(Self.body(result).contains("Société Générale"))
    }

    @Test func latin1WithoutC1BytesKeepsItsName() {
        let bytes = Self.document(encoding: "latin1", [0x63, 0x61, 0x66, 0xE9])
        let result = EncodingDetector.decode(bytes)
        #expect(result.name == "iso-8859-1")
        #expect(Self.body(result) == "café")
    }

    // MARK: Double-encoded UTF-8

    @Test func doubleEncodedDocumentIsRepaired() {
        let result = EncodingDetector.decode(Self.document(encoding: "UTF-8", Array(Self.mojibake1252.utf8)))
        #expect(result.name == "utf-8")
        #expect(result.repairedMojibake)
        #expect(Self.body(result) == Self.arabic)
    }

    @Test func mojibakeRepairOfFields() {
        #expect(MojibakeRepair.repair("Ø§Ù„Ù…ØºØ±Ø¨") == "المغرب")
        #expect(MojibakeRepair.repair(Self.mojibake1252) == Self.arabic)
        #expect(MojibakeRepair.repair(Self.mojibake1256) == Self.arabic)
        // Python's cp1252 codec with errors="replace" loses 0x81: "في" → "Ù\u{FFFD}ÙŠ".
        #expect(MojibakeRepair.repair("Ù\u{FFFD}ÙŠ") == "في")
        #expect(MojibakeRepair.repair("Itâ€™s") == "It’s")
    }

    @Test(arguments: ["المغرب", "Société Générale", "Straße“", "Ã©tÃ©", "plain ASCII", "", "½ °C ±", "Ø"])
    func mojibakeRepairLeavesGenuineTextAlone(text: String) {
        #expect(MojibakeRepair.repair(text) == nil)
    }

    @Test func genuineArabicDocumentIsNotRepaired() {
        let result = EncodingDetector.decode(Self.document(encoding: "UTF-8", Array(Self.arabic.utf8)))
        #expect(!result.repairedMojibake)
        #expect(result.notes.isEmpty)
    }

    // MARK: CJK through libxml2/iconv

    @Test func transcoderDecodesCJK() {
        #expect(Transcoder.utf8(from: EncodingSamples.japaneseShiftJIS, encoding: "CP932") == Array(Self.japanese.utf8))
        #expect(Transcoder.utf8(from: EncodingSamples.japaneseShiftJIS, encoding: "Shift_JIS") == Array(Self.japanese.utf8))
        #expect(Transcoder.utf8(from: EncodingSamples.chineseGB18030, encoding: "GB18030") == Array(Self.chinese.utf8))
        #expect(Transcoder.utf8(from: EncodingSamples.chineseBig5, encoding: "BIG5") == Array(Self.traditional.utf8))
        #expect(Transcoder.utf8(from: EncodingSamples.koreanEUCKR, encoding: "EUC-KR") == Array(Self.korean.utf8))
        #expect(Transcoder.utf8(from: [0x41], encoding: "x-no-such-encoding") == nil)
        #expect(Transcoder.utf8(from: [0x41], encoding: "UTF-8\"; rm") == nil)
        #expect(Transcoder.supports("EUC-JP"))
    }

    struct LabelledText: Sendable, CustomTestStringConvertible {
        var label: String
        var name: String
        var bytes: [UInt8]
        var text: String
        var testDescription: String { label }
    }

    static let cjk: [LabelledText] = [
        LabelledText(label: "Shift_JIS", name: "shift_jis", bytes: EncodingSamples.japaneseShiftJIS, text: japanese),
        LabelledText(label: "GB18030", name: "gb18030", bytes: EncodingSamples.chineseGB18030, text: chinese),
        LabelledText(label: "GB2312", name: "gbk", bytes: EncodingSamples.chineseGB18030, text: chinese),
        LabelledText(label: "Big5", name: "big5", bytes: EncodingSamples.chineseBig5, text: traditional),
        LabelledText(label: "EUC-KR", name: "euc-kr", bytes: EncodingSamples.koreanEUCKR, text: korean),
    ]

    @Test(arguments: EncodingDetectionTests.cjk)
    func declaredCJK(_ sample: LabelledText) {
        let result = EncodingDetector.decode(Self.document(encoding: sample.label, sample.bytes))
        #expect(result.name == sample.name)
        #expect(Self.body(result) == sample.text)
        #expect(Self.declaresUTF8(result))
    }

    // MARK: HTTP charset

    @Test func httpCharsetBeatsTheDeclaration() {
        // Without the header the ISO-8859-6 bytes would be read as windows-1256.
        let arabic = EncodingDetector.decode(
            Self.document(encoding: "windows-1256", EncodingSamples.arabicISO88596),
            httpContentType: "application/rss+xml; charset=ISO-8859-6"
        )
        #expect(arabic.name == "iso-8859-6")
        #expect(Self.body(arabic) == Self.arabicISO)
        #expect(arabic.notes.contains { $0.contains("HTTP charset iso-8859-6 overrides XML declaration windows-1256") })

        let french = EncodingDetector.decode(
            Self.document(encoding: "windows-1256", EncodingSamples.frenchWindows1252),
            httpContentType: "text/xml;charset=\"windows-1252\""
        )
        #expect(french.name == "windows-1252")

        let mislabelled = EncodingDetector.decode(
            Self.document(encoding: "ISO-8859-1", EncodingSamples.arabicWindows1256),
            httpContentType: "text/xml; charset=windows-1256"
        )
        #expect(mislabelled.name == "windows-1256")
        #expect(Self.body(mislabelled) == Self.arabic)
    }

    @Test func textXMLWithoutCharsetDoesNotMeanASCII() {
        let result = EncodingDetector.decode(
            Self.document(encoding: "windows-1256", EncodingSamples.arabicWindows1256),
            httpContentType: "text/xml"
        )
        #expect(result.name == "windows-1256")
        #expect(Self.body(result) == Self.arabic)
    }

    @Test func charsetParameterParsing() {
        #expect(EncodingDetector.charsetParameter("text/xml; charset=windows-1256") == "windows-1256")
        #expect(EncodingDetector.charsetParameter("text/xml;CHARSET=\"UTF-8\"") == "UTF-8")
        #expect(EncodingDetector.charsetParameter("application/xml; q=1; charset = 'gbk' ") == "gbk")
        #expect(EncodingDetector.charsetParameter("text/xml") == nil)
        #expect(EncodingDetector.charsetParameter("text/xml; charset=") == nil)
        #expect(EncodingLabels.canonicalName("CP1256") == "windows-1256")
        #expect(EncodingLabels.canonicalName("Shift-JIS") == "shift_jis")
        #expect(EncodingLabels.canonicalName("x-unknown") == "x-unknown")
    }

    // MARK: Labels the bytes contradict

    @Test func utf16LabelOnEightBitBytesIsIgnored() {
        let result = EncodingDetector.decode(Self.document(encoding: "UTF-16", Array(Self.arabic.utf8)))
        #expect(result.name == "utf-8")
        #expect(Self.body(result) == Self.arabic)
        #expect(result.notes.contains { $0.contains("utf-16") })
    }

    @Test func unknownLabelFallsBackToTheBytes() {
        let result = EncodingDetector.decode(Self.document(encoding: "x-klingon", EncodingSamples.arabicWindows1256))
        #expect(result.name == "windows-1256")
        #expect(Self.body(result) == Self.arabic)
        #expect(result.notes.contains { $0.contains("x-klingon") })
    }

    @Test func unknownLabelOnASCIIIsNotReported() {
        let result = EncodingDetector.decode(Self.document(encoding: "x-klingon", Array("Hello".utf8)))
        #expect(result.name == "utf-8")
        #expect(Self.body(result) == "Hello")
        #expect(Self.declaresUTF8(result))
    }

    @Test func declarationRewrite() {
        var long = Array("<?xml version='1.0' encoding='windows-1256' standalone='yes'?><a/>".utf8)
        let count = long.count
        XMLDeclaration.rewriteEncodingAsUTF8(&long)
        #expect(long.count == count)
        #expect(String(decoding: long, as: UTF8.self) == "<?xml version='1.0' encoding='utf-8'        standalone='yes'?><a/>")

        var short = Array("<?xml version=\"1.0\" encoding = \"gbk\"?><a/>".utf8)
        XMLDeclaration.rewriteEncodingAsUTF8(&short)
        #expect(String(decoding: short, as: UTF8.self) == "<?xml version=\"1.0\" encoding = \"utf-8\"?><a/>")

        var none = Array("<?xml version=\"1.0\"?><a encoding=\"x\"/>".utf8)
        XMLDeclaration.rewriteEncodingAsUTF8(&none)
        #expect(String(decoding: none, as: UTF8.self) == "<?xml version=\"1.0\"?><a encoding=\"x\"/>")
    }

    // MARK: Invalid input

    @Test func strayBytesInUTF8BecomeReplacementCharacters() {
        // A UTF-8 Arabic feed with one pasted windows-1252 apostrophe (0x92)
        // and a truncated sequence stays UTF-8.
        let body = Array(Self.arabic.utf8) + [0x92] + Array(Self.arabic.utf8) + [0xD8]
        let result = EncodingDetector.decode(Self.document(encoding: "UTF-8", body))
        #expect(result.name == "utf-8")
        #expect(Self.body(result) == Self.arabic + "\u{FFFD}" + Self.arabic + "\u{FFFD}")
        #expect(result.notes.contains { $0.contains("U+FFFD") })
    }

    @Test func invalidBytesInOtherEncodingsBecomeReplacementCharacters() {
        // 0xFF is not a Shift_JIS lead byte; 0x82 at the end is truncated.
        let shiftJIS = Transcoder.utf8(from: [0x41, 0xFF] + EncodingSamples.japaneseShiftJIS + [0x82], encoding: "CP932")
        #expect(shiftJIS.map { String(decoding: $0, as: UTF8.self) } == "A\u{FFFD}" + Self.japanese + "\u{FFFD}")
        // A lone surrogate in UTF-16LE.
        let result = EncodingDetector.decode([0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x42, 0x00, 0x43])
        #expect(Self.string(result) == "A\u{FFFD}B\u{FFFD}")
        // 0xA1 is unassigned in ISO-8859-6 (and nothing suggests windows-1256).
        let iso = EncodingDetector.decode(Self.document(encoding: "ISO-8859-6", [0x41, 0xA1, 0x42]))
        #expect(iso.name == "iso-8859-6")
        #expect(Self.body(iso) == "A\u{FFFD}B")
    }

    @Test func emptyAndTinyInputs() {
        #expect(EncodingDetector.decode([]).utf8.isEmpty)
        #expect(EncodingDetector.decode([]).name == "utf-8")
        for byte in UInt8.min...UInt8.max {
            let result = EncodingDetector.decode([byte])
            #expect(String(validating: result.utf8, as: UTF8.self) != nil)
        }
    }

    @Test func randomBytesNeverCrashAndAlwaysGiveUTF8() {
        var generator = SeededRandom(seed: 0x6E61_7368_7261)
        let prefixes: [[UInt8]] = [
            [],
            [0xEF, 0xBB, 0xBF],
            [0xFF, 0xFE],
            [0xFE, 0xFF],
            [0xFF, 0xFE, 0x00, 0x00],
            [0x3C, 0x00, 0x3F, 0x00],
            Array("<?xml version=\"1.0\" encoding=\"windows-1256\"?>".utf8),
            Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".utf8),
            Array("<?xml version=\"1.0\" encoding=\"ISO-8859-6\"?>".utf8),
            Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>".utf8),
            Array("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>".utf8),
            Array("<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?>".utf8),
            Array("<?xml version=\"1.0\" encoding=\"UTF-16\"?>".utf8),
            Array("<?xml version=\"1.0\" encoding=\"".utf8),
        ]
        let contentTypes: [String?] = [nil, "text/xml; charset=windows-1256", "text/xml; charset=big5", "text/xml; charset=\""]
        for round in 0..<3000 {
            let length = Int(generator.next() % 300)
            var bytes = prefixes[round % prefixes.count]
            for _ in 0..<length {
                // Bias towards high bytes and markup so that every path is taken.
                let value = generator.next()
                bytes.append(value % 4 == 0 ? UInt8(ascii: "<") : UInt8(truncatingIfNeeded: value >> 8))
            }
            let result = EncodingDetector.decode(bytes, httpContentType: contentTypes[round % contentTypes.count])
            #expect(String(validating: result.utf8, as: UTF8.self) != nil, "round \(round)")
            let text = String(decoding: bytes, as: UTF8.self)
            if let repaired = MojibakeRepair.repair(text) {
                #expect(!repaired.isEmpty)
            }
        }
    }

    @Test func randomBytesThroughTheTranscoder() {
        var generator = SeededRandom(seed: 42)
        let encodings = ["CP932", "EUC-JP", "ISO-2022-JP", "GB18030", "BIG5-HKSCS", "CP949", "UTF-16LE", "UCS-4", "KOI8-R"]
        for round in 0..<900 {
            let length = Int(generator.next() % 200)
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let encoding = encodings[round % encodings.count]
            let output = Transcoder.utf8(from: bytes, encoding: encoding)
            #expect(output != nil, "\(encoding)")
            #expect(output.map { String(validating: $0, as: UTF8.self) != nil } ?? false, "\(encoding) round \(round)")
        }
    }
}

// MARK: - Helpers

extension EncodingDetectionTests {
    static let arabic = "المملكة المغربية: انعقاد الجمع السنوي في الرباط، فهل نجح الاجتماع؟"
    static let arabicISO = "افتتاح معرض الكتاب في الدار البيضاء، وسط إقبال كبير"
    static let french = "L’été de la Société Générale à Paris"
    static let japanese = "日本語のニュース：東京で会議"
    static let chinese = "中文新闻：北京举行会议"
    static let traditional = "中文新聞：臺北舉行會議"
    static let korean = "한국어 뉴스: 서울에서 회의"
    /// `arabic`'s UTF-8 read as windows-1252 (unassigned bytes as C1
    /// controls, like MySQL's latin1) and written out as UTF-8 again.
    static let mojibake1252 = String(
        decoding: SingleByteTable.windows1252.decode(Array(arabic.utf8)),
        as: UTF8.self
    )
    /// The same, read as windows-1256: "ط§ظ„…".
    static let mojibake1256 = String(
        decoding: SingleByteTable.windows1256.decode(Array(arabic.utf8)),
        as: UTF8.self
    )

    static func declaration(_ encoding: String) -> String {
        "<?xml version=\"1.0\" encoding=\"\(encoding)\"?>"
    }

    /// `<?xml … encoding="LABEL"?>` + `<t>` + body + `</t>`.
    static func document(encoding label: String, _ body: [UInt8]) -> [UInt8] {
        Array((declaration(label) + "\n<t>").utf8) + body + Array("</t>".utf8)
    }

    /// The output starts with an XML declaration whose encoding is UTF-8
    /// (padded with spaces when a longer name was overwritten in place).
    static func declaresUTF8(_ result: DetectedEncoding) -> Bool {
        string(result).hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"")
    }

    static func string(_ result: DetectedEncoding) -> String {
        String(decoding: result.utf8, as: UTF8.self)
    }

    /// The text between the first `<t>` and the last `</t>`.
    static func body(_ result: DetectedEncoding) -> String {
        let bytes = result.utf8
        let open = Array("<t>".utf8)
        let close = Array("</t>".utf8)
        guard
            let start = (0..<bytes.count).first(where: { bytes[$0...].starts(with: open) }),
            let end = (0..<bytes.count).reversed().first(where: { bytes[$0...].starts(with: close) }),
            start + open.count <= end
        else { return string(result) }
        return String(decoding: bytes[(start + open.count)..<end], as: UTF8.self)
    }
}

/// Inputs in legacy encodings, produced by Python 3.11's codecs.
private enum EncodingSamples {
    /// "المملكة المغربية: انعقاد الجمع السنوي في الرباط، فهل نجح الاجتماع؟" in windows-1256 (Python cp1256).
    static let arabicWindows1256: [UInt8] = [
            0xC7, 0xE1, 0xE3, 0xE3, 0xE1, 0xDF, 0xC9, 0x20, 0xC7, 0xE1, 0xE3, 0xDB, 0xD1, 0xC8, 0xED, 0xC9,
            0x3A, 0x20, 0xC7, 0xE4, 0xDA, 0xDE, 0xC7, 0xCF, 0x20, 0xC7, 0xE1, 0xCC, 0xE3, 0xDA, 0x20, 0xC7,
            0xE1, 0xD3, 0xE4, 0xE6, 0xED, 0x20, 0xDD, 0xED, 0x20, 0xC7, 0xE1, 0xD1, 0xC8, 0xC7, 0xD8, 0xA1,
            0x20, 0xDD, 0xE5, 0xE1, 0x20, 0xE4, 0xCC, 0xCD, 0x20, 0xC7, 0xE1, 0xC7, 0xCC, 0xCA, 0xE3, 0xC7,
            0xDA, 0xBF,
        ]
    /// "افتتاح معرض الكتاب في الدار البيضاء، وسط إقبال كبير" in ISO-8859-6 (Python iso8859_6).
    static let arabicISO88596: [UInt8] = [
            0xC7, 0xE1, 0xCA, 0xCA, 0xC7, 0xCD, 0x20, 0xE5, 0xD9, 0xD1, 0xD6, 0x20, 0xC7, 0xE4, 0xE3, 0xCA,
            0xC7, 0xC8, 0x20, 0xE1, 0xEA, 0x20, 0xC7, 0xE4, 0xCF, 0xC7, 0xD1, 0x20, 0xC7, 0xE4, 0xC8, 0xEA,
            0xD6, 0xC7, 0xC1, 0xAC, 0x20, 0xE8, 0xD3, 0xD7, 0x20, 0xC5, 0xE2, 0xC8, 0xC7, 0xE4, 0x20, 0xE3,
            0xC8, 0xEA, 0xD1,
        ]
    /// "L’été de la Société Générale à Paris" in windows-1252 (Python cp1252; ’ is 0x92).
    static let frenchWindows1252: [UInt8] = [
            0x4C, 0x92, 0xE9, 0x74, 0xE9, 0x20, 0x64, 0x65, 0x20, 0x6C, 0x61, 0x20, 0x53, 0x6F, 0x63, 0x69,
            0xE9, 0x74, 0xE9, 0x20, 0x47, 0xE9, 0x6E, 0xE9, 0x72, 0x61, 0x6C, 0x65, 0x20, 0xE0, 0x20, 0x50,
            0x61, 0x72, 0x69, 0x73,
        ]
    /// "日本語のニュース：東京で会議" in Shift_JIS.
    static let japaneseShiftJIS: [UInt8] = [
            0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA, 0x82, 0xCC, 0x83, 0x6A, 0x83, 0x85, 0x81, 0x5B, 0x83, 0x58,
            0x81, 0x46, 0x93, 0x8C, 0x8B, 0x9E, 0x82, 0xC5, 0x89, 0xEF, 0x8B, 0x63,
        ]
    /// "中文新闻：北京举行会议" in GB18030.
    static let chineseGB18030: [UInt8] = [
            0xD6, 0xD0, 0xCE, 0xC4, 0xD0, 0xC2, 0xCE, 0xC5, 0xA3, 0xBA, 0xB1, 0xB1, 0xBE, 0xA9, 0xBE, 0xD9,
            0xD0, 0xD0, 0xBB, 0xE1, 0xD2, 0xE9,
        ]
    /// "中文新聞：臺北舉行會議" in Big5.
    static let chineseBig5: [UInt8] = [
            0xA4, 0xA4, 0xA4, 0xE5, 0xB7, 0x73, 0xBB, 0x44, 0xA1, 0x47, 0xBB, 0x4F, 0xA5, 0x5F, 0xC1, 0x7C,
            0xA6, 0xE6, 0xB7, 0x7C, 0xC4, 0xB3,
        ]
    /// "한국어 뉴스: 서울에서 회의" in EUC-KR.
    static let koreanEUCKR: [UInt8] = [
            0xC7, 0xD1, 0xB1, 0xB9, 0xBE, 0xEE, 0x20, 0xB4, 0xBA, 0xBD, 0xBA, 0x3A, 0x20, 0xBC, 0xAD, 0xBF,
            0xEF, 0xBF, 0xA1, 0xBC, 0xAD, 0x20, 0xC8, 0xB8, 0xC0, 0xC7,
        ]
}

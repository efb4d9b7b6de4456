#!/usr/bin/env python3
"""Generate Fixtures/parse/encoding/: small RSS 2.0 feeds in many encodings.

Each NAME.xml comes with NAME.expected.json, a partial expectation in the
shape of INTERFACE.md "Parse output" (every key present must equal the
parser's output; arrays match element-wise), and, where the test needs an
HTTP header, NAME.http.json.

The bytes come from Python's codecs, not from Nashra's own tables, so the
fixtures check the Swift decoders against an independent implementation.

    python3 Scripts/make_encoding_fixtures.py   # rewrites the folder
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Fixtures", "parse", "encoding")


def rss(declaration, description, channel, items):
    """An RSS 2.0 document as text. `declaration` is the whole XML declaration
    line (or "" for none); the Description comment follows it."""
    lines = []
    if declaration:
        lines.append(declaration)
    lines.append("<!-- Description: %s -->" % description)
    lines.append('<rss version="2.0">')
    lines.append("  <channel>")
    lines.append("    <title>%s</title>" % channel["title"])
    lines.append("    <link>%s</link>" % channel["link"])
    lines.append("    <description>%s</description>" % channel["description"])
    lines.append("    <language>%s</language>" % channel["language"])
    for item in items:
        lines.append("    <item>")
        lines.append("      <title>%s</title>" % item["title"])
        lines.append("      <link>%s</link>" % item["link"])
        lines.append("      <description>%s</description>" % item["description"])
        lines.append("      <pubDate>%s</pubDate>" % item["pubDate"])
        lines.append('      <guid isPermaLink="true">%s</guid>' % item["link"])
        lines.append("    </item>")
    lines.append("  </channel>")
    lines.append("</rss>")
    return "\n".join(lines) + "\n"


def expected(encoding, channel, items):
    return {
        "version": "rss20",
        "bozo": False,
        "encoding": encoding,
        "feed": {"title": channel["title"], "link": channel["link"]},
        "entries": [{"title": item["title"], "link": item["link"]} for item in items],
    }


def cp1252_misread(data):
    """Read UTF-8 bytes as windows-1252 the way MySQL latin1 / Windows do:
    the five unassigned bytes pass through as C1 controls."""
    out = []
    for byte in data:
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


ARABIC = {
    "title": "مملكتنا - آخر الأخبار",
    "link": "https://example.ma/",
    "description": "أخبار المغرب والعالم على مدار الساعة",
    "language": "ar",
}
ARABIC_ITEMS = [
    {
        "title": "انعقاد الجمع السنوي للنواب الجهويين بالرباط",
        "link": "https://example.ma/2025/02/13/jam3-sanawi",
        "description": "انعقد اليوم الخميس بالرباط الجمع السنوي للنواب الجهويين، بحضور ممثلي القطاعات الحكومية.",
        "pubDate": "Thu, 13 Feb 2025 12:12:00 GMT",
    },
    {
        "title": "الفلاحة: موسم واعد رغم قلة التساقطات",
        "link": "https://example.ma/2025/02/13/falaha",
        "description": "قال وزير الفلاحة إن الموسم الفلاحي يبقى واعدا في عدد من الجهات.",
        "pubDate": "Thu, 13 Feb 2025 09:30:00 GMT",
    },
]

# ISO-8859-6 has no Persian letters, no tatweel-free extras; keep to the
# basic Arabic letters, the Arabic comma and question mark.
ARABIC_ISO = {
    "title": "جريدة الصباح",
    "link": "https://example.ma/sabah/",
    "description": "أخبار وطنية ودولية",
    "language": "ar",
}
ARABIC_ISO_ITEMS = [
    {
        "title": "افتتاح معرض الكتاب في الدار البيضاء",
        "link": "https://example.ma/sabah/2025/02/14/maarid",
        "description": "افتتح اليوم معرض الكتاب بمشاركة دور نشر من عدة دول، وسط إقبال كبير.",
        "pubDate": "Fri, 14 Feb 2025 10:00:00 GMT",
    },
    {
        "title": "هل تنخفض أسعار المحروقات؟",
        "link": "https://example.ma/sabah/2025/02/14/asaar",
        "description": "يتساءل المواطنون عن أسعار المحروقات في الأسابيع المقبلة.",
        "pubDate": "Fri, 14 Feb 2025 08:15:00 GMT",
    },
]

FRENCH = {
    "title": "Le Journal de l’Économie",
    "link": "https://example.fr/",
    "description": "L’actualité économique en français",
    "language": "fr",
}
FRENCH_ITEMS = [
    {
        "title": "Société Générale : résultats du troisième trimestre",
        "link": "https://example.fr/2025/02/13/societe-generale",
        "description": "La banque a publié des résultats supérieurs aux attentes cet été.",
        "pubDate": "Thu, 13 Feb 2025 12:12:00 GMT",
    },
    {
        "title": "L’été indien prolonge la saison des cafés en terrasse",
        "link": "https://example.fr/2025/02/13/ete-indien",
        "description": "Les cafetiers se réjouissent : « une fréquentation record », déjà.",
        "pubDate": "Thu, 13 Feb 2025 08:00:00 GMT",
    },
]

JAPANESE = {
    "title": "日本語ニュース",
    "link": "https://example.jp/",
    "description": "国内外の最新ニュース",
    "language": "ja",
}
JAPANESE_ITEMS = [
    {
        "title": "東京で国際会議が開幕",
        "link": "https://example.jp/2025/02/13/kaigi",
        "description": "東京で十三日、各国の代表が参加する国際会議が始まった。",
        "pubDate": "Thu, 13 Feb 2025 03:00:00 GMT",
    },
]

CHINESE_SIMPLIFIED = {
    "title": "新闻中心",
    "link": "https://example.cn/",
    "description": "国内国际要闻",
    "language": "zh-cn",
}
CHINESE_SIMPLIFIED_ITEMS = [
    {
        "title": "北京举行国际经济论坛",
        "link": "https://example.cn/2025/02/13/luntan",
        "description": "来自多个国家的代表出席了本次论坛。",
        "pubDate": "Thu, 13 Feb 2025 02:00:00 GMT",
    },
]

CHINESE_TRADITIONAL = {
    "title": "新聞中心",
    "link": "https://example.tw/",
    "description": "國內國際要聞",
    "language": "zh-tw",
}
CHINESE_TRADITIONAL_ITEMS = [
    {
        "title": "臺北舉行國際書展",
        "link": "https://example.tw/2025/02/13/shuzhan",
        "description": "今年書展吸引大批讀者參觀。",
        "pubDate": "Thu, 13 Feb 2025 02:00:00 GMT",
    },
]

KOREAN = {
    "title": "한국 뉴스",
    "link": "https://example.kr/",
    "description": "국내외 주요 소식",
    "language": "ko",
}
KOREAN_ITEMS = [
    {
        "title": "서울에서 국제 회의 개막",
        "link": "https://example.kr/2025/02/13/hoeui",
        "description": "각국 대표들이 참석한 가운데 회의가 시작되었다.",
        "pubDate": "Thu, 13 Feb 2025 01:00:00 GMT",
    },
]

ENGLISH = {
    "title": "Wire Service – World Headlines",
    "link": "https://example.com/",
    "description": "Headlines in UTF-16",
    "language": "en",
}
ENGLISH_ITEMS = [
    {
        "title": "Café owners in Zürich welcome the “warm winter”",
        "link": "https://example.com/2025/02/13/zurich",
        "description": "Terraces stayed open all season.",
        "pubDate": "Thu, 13 Feb 2025 12:00:00 GMT",
    },
]


def fixtures():
    """(name, bytes, expected, http-or-None) for every fixture."""
    out = []

    doc = rss(
        '<?xml version="1.0" encoding="windows-1256"?>',
        "Arabic feed in windows-1256, declared in the XML declaration.",
        ARABIC,
        ARABIC_ITEMS,
    )
    out.append(("windows1256_declared", doc.encode("cp1256"), expected("windows-1256", ARABIC, ARABIC_ITEMS), None))

    doc = rss(
        '<?xml version="1.0"?>',
        "Arabic feed in windows-1256 with no encoding declared anywhere; libxml2 alone would read it as UTF-8.",
        ARABIC,
        ARABIC_ITEMS,
    )
    out.append(("windows1256_undeclared", doc.encode("cp1256"), expected("windows-1256", ARABIC, ARABIC_ITEMS), None))

    doc = rss(
        '<?xml version="1.0" encoding="UTF-8"?>',
        "Arabic feed in windows-1256 that declares UTF-8; the bytes are not UTF-8.",
        ARABIC,
        ARABIC_ITEMS,
    )
    out.append(
        ("windows1256_mislabelled_utf8", doc.encode("cp1256"), expected("windows-1256", ARABIC, ARABIC_ITEMS), None)
    )

    doc = rss(
        '<?xml version="1.0" encoding="ISO-8859-6"?>',
        "Arabic feed in ISO-8859-6, declared; its letters sit at other positions than in windows-1256.",
        ARABIC_ISO,
        ARABIC_ISO_ITEMS,
    )
    out.append(("iso8859_6", doc.encode("iso8859_6"), expected("iso-8859-6", ARABIC_ISO, ARABIC_ISO_ITEMS), None))

    doc = rss(
        '<?xml version="1.0" encoding="UTF-16"?>',
        "Arabic feed in UTF-16 little-endian with a byte order mark.",
        ARABIC,
        ARABIC_ITEMS,
    )
    out.append(
        ("utf16le_bom", b"\xff\xfe" + doc.encode("utf-16-le"), expected("utf-16le", ARABIC, ARABIC_ITEMS), None)
    )

    doc = rss(
        '<?xml version="1.0" encoding="UTF-16BE"?>',
        "Feed in UTF-16 big-endian without a byte order mark; recognised from the bytes of <?xml.",
        ENGLISH,
        ENGLISH_ITEMS,
    )
    out.append(("utf16be_nobom", doc.encode("utf-16-be"), expected("utf-16be", ENGLISH, ENGLISH_ITEMS), None))

    doc = rss(
        '<?xml version="1.0" encoding="windows-1252"?>',
        "French feed in windows-1252 with curly apostrophes (0x92) and guillemets.",
        FRENCH,
        FRENCH_ITEMS,
    )
    out.append(("windows1252_french", doc.encode("cp1252"), expected("windows-1252", FRENCH, FRENCH_ITEMS), None))

    doc = rss(
        '<?xml version="1.0" encoding="UTF-8"?>',
        "Arabic feed whose UTF-8 was read as windows-1252 and written out as UTF-8 again "
        "(the article al- shows as O-slash, section sign, U-grave, low quote); repaired.",
        ARABIC,
        ARABIC_ITEMS,
    )
    mojibake = cp1252_misread(doc.encode("utf-8")).encode("utf-8")
    out.append(("double_encoded_utf8", mojibake, expected("utf-8", ARABIC, ARABIC_ITEMS), None))

    doc = rss(
        '<?xml version="1.0" encoding="Shift_JIS"?>',
        "Japanese feed in Shift_JIS, decoded through libxml2/iconv (CP932).",
        JAPANESE,
        JAPANESE_ITEMS,
    )
    out.append(("shift_jis", doc.encode("shift_jis"), expected("shift_jis", JAPANESE, JAPANESE_ITEMS), None))

    doc = rss(
        '<?xml version="1.0" encoding="GB18030"?>',
        "Simplified Chinese feed in GB18030, decoded through libxml2/iconv.",
        CHINESE_SIMPLIFIED,
        CHINESE_SIMPLIFIED_ITEMS,
    )
    out.append(
        ("gb18030", doc.encode("gb18030"), expected("gb18030", CHINESE_SIMPLIFIED, CHINESE_SIMPLIFIED_ITEMS), None)
    )

    doc = rss(
        '<?xml version="1.0" encoding="Big5"?>',
        "Traditional Chinese feed in Big5, decoded through libxml2/iconv (Big5-HKSCS).",
        CHINESE_TRADITIONAL,
        CHINESE_TRADITIONAL_ITEMS,
    )
    out.append(("big5", doc.encode("big5"), expected("big5", CHINESE_TRADITIONAL, CHINESE_TRADITIONAL_ITEMS), None))

    doc = rss(
        '<?xml version="1.0" encoding="EUC-KR"?>',
        "Korean feed in EUC-KR, decoded through libxml2/iconv (CP949).",
        KOREAN,
        KOREAN_ITEMS,
    )
    out.append(("euc_kr", doc.encode("euc_kr"), expected("euc-kr", KOREAN, KOREAN_ITEMS), None))

    doc = rss(
        '<?xml version="1.0" encoding="ISO-8859-1"?>',
        "Arabic feed in windows-1256 whose XML declaration says ISO-8859-1; the HTTP charset "
        "(NAME.http.json) says windows-1256 and wins (RFC 7303).",
        ARABIC,
        ARABIC_ITEMS,
    )
    out.append(
        (
            "http_charset_contradicts",
            doc.encode("cp1256"),
            expected("windows-1256", ARABIC, ARABIC_ITEMS),
            {"contentType": "text/xml; charset=windows-1256"},
        )
    )
    return out


# Bytes that contradict the document's own (or XML's default UTF-8) encoding make
# it not well-formed: these are read right but flagged bozo, so they live in illformed/.
ILLFORMED = {"windows1256_undeclared", "windows1256_mislabelled_utf8"}
ILLFORMED_OUT = os.path.join(HERE, "..", "Fixtures", "parse", "illformed")


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data, expectation, http in fixtures():
        folder = OUT
        if name in ILLFORMED:
            folder = ILLFORMED_OUT
            expectation = dict(expectation, bozo=True)
        with open(os.path.join(folder, name + ".xml"), "wb") as handle:
            handle.write(data)
        with open(os.path.join(folder, name + ".expected.json"), "w", encoding="utf-8") as handle:
            handle.write(json.dumps(expectation, ensure_ascii=False, indent=2) + "\n")
        if http is not None:
            with open(os.path.join(folder, name + ".http.json"), "w", encoding="utf-8") as handle:
                handle.write(json.dumps(http, indent=2) + "\n")
        print("wrote", name)


if __name__ == "__main__":
    main()

import Foundation
import NashraTestSupport
import Testing

@testable import NashraParse

/// One row of the sanitizer contract: input, base URL, expected output.
struct HTMLSanitizeCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: String
    let base: String?
    let expected: String

    init(_ name: String, _ input: String, base: String? = htmlSanitizerBaseURL, _ expected: String) {
        self.name = name
        self.input = input
        self.base = base
        self.expected = expected
    }

    var testDescription: String { name }
}

/// One row of the plain-text contract.
struct HTMLPlainTextCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: String
    let expected: String

    init(_ name: String, _ input: String, _ expected: String) {
        self.name = name
        self.input = input
        self.expected = expected
    }

    var testDescription: String { name }
}

let htmlSanitizerBaseURL = "https://example.ma/2025/02/13/"

let htmlSanitizeCases: [HTMLSanitizeCase] = [
    // Dropped with their content.
    HTMLSanitizeCase("script", "<p>a</p><script>alert(1)</script><p>b</p>", "<p>a</p><p>b</p>"),
    HTMLSanitizeCase("script uppercase with src", "<SCRIPT SRC=\"x.js\"></SCRIPT>ok", "ok"),
    HTMLSanitizeCase("script raw text", "<script>if (a<b) { document.write('<p>x</p>') }</script>ok", "ok"),
    HTMLSanitizeCase("style", "<style>p{color:red}</style><p>x</p>", "<p>x</p>"),
    HTMLSanitizeCase("iframe", "<iframe src=\"https://evil.example/\"><p>fallback</p></iframe>after", "after"),
    HTMLSanitizeCase(
        "object, param, embed",
        "<object data=\"x.swf\"><param name=\"movie\" value=\"x.swf\"><embed src=\"x.swf\">alt</object>text",
        "text"
    ),
    HTMLSanitizeCase("embed is void", "<embed src=\"x.swf\">after embed", "after embed"),
    HTMLSanitizeCase(
        "form and controls",
        "<form action=\"https://evil.example/\"><input name=\"q\"><button>Go</button></form>after",
        "after"
    ),
    HTMLSanitizeCase("input is void", "a<input value=\"v\">b", "ab"),
    HTMLSanitizeCase(
        "select, option, textarea",
        "<select><option>o</option></select><textarea><b>t</b></textarea>ok",
        "ok"
    ),
    HTMLSanitizeCase(
        "meta, base, link",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\"><base href=\"https://evil.example/\">"
            + "<link rel=\"stylesheet\" href=\"x.css\"><p>x</p>",
        "<p>x</p>"
    ),
    HTMLSanitizeCase("head and title", "<head><title>T</title></head><p>body</p>", "<p>body</p>"),
    HTMLSanitizeCase("noscript", "<noscript><p>enable JavaScript</p></noscript>x", "x"),
    HTMLSanitizeCase("svg and math", "<svg onload=\"alert(1)\"><circle r=\"4\"/></svg><math><mi>x</mi></math>y", "y"),
    HTMLSanitizeCase(
        "media, canvas, template",
        "<video src=\"v.mp4\"><track src=\"t.vtt\">no video</video><audio>a</audio><canvas>c</canvas>"
            + "<template><b>t</b></template>z",
        "z"
    ),
    HTMLSanitizeCase(
        "xml, applet, frameset",
        "<xml><x>1</x></xml><applet code=\"A.class\">ap</applet><frameset><frame src=\"f\"></frameset>ok",
        "ok"
    ),
    HTMLSanitizeCase("comments", "a<!-- secret --><!--[if IE]><script>x</script><![endif]-->b", "ab"),

    // Attributes.
    HTMLSanitizeCase(
        "on* handlers",
        "<p onclick=\"alert(1)\" onMouseOver=\"x()\">t</p><img src=\"a.png\" onerror=\"alert(1)\">",
        "<p>t</p><img src=\"https://example.ma/2025/02/13/a.png\">"
    ),
    HTMLSanitizeCase("style with CSS expression", "<p style=\"width: expression(alert(1))\">t</p>", "<p>t</p>"),
    HTMLSanitizeCase(
        "class, id, name, target, rel",
        "<a href=\"https://example.ma/x\" target=\"_blank\" rel=\"noopener\" class=\"c\" id=\"i\" name=\"n\">t</a>",
        "<a href=\"https://example.ma/x\">t</a>"
    ),
    HTMLSanitizeCase(
        "dir and lang on Arabic paragraph",
        "<p dir=\"rtl\" lang=\"ar\">الرباط – انعقدت</p>",
        "<p dir=\"rtl\" lang=\"ar\">الرباط – انعقدت</p>"
    ),
    HTMLSanitizeCase(
        "xml:lang becomes lang",
        "<span xml:lang=\"fr\">bonjour</span>",
        "<span lang=\"fr\">bonjour</span>"
    ),
    HTMLSanitizeCase("first of xml:lang and lang wins", "<p xml:lang=\"fr\" lang=\"ar\">x</p>", "<p lang=\"fr\">x</p>"),
    HTMLSanitizeCase(
        "ol start, not type",
        "<ol start=\"3\" type=\"a\"><li>x</li></ol>",
        "<ol start=\"3\"><li>x</li></ol>"
    ),
    HTMLSanitizeCase(
        "td colspan and rowspan, not align",
        "<table><tr><td colspan=\"2\" rowspan=\"1\" align=\"left\">c</td><th colspan=2 nowrap>h</th></tr></table>",
        "<table><tr><td colspan=\"2\" rowspan=\"1\">c</td><th colspan=\"2\">h</th></tr></table>"
    ),
    HTMLSanitizeCase(
        "time datetime",
        "<time datetime=\"2025-02-13T13:12:00+01:00\" pubdate>13 فبراير</time>",
        "<time datetime=\"2025-02-13T13:12:00+01:00\">13 فبراير</time>"
    ),
    HTMLSanitizeCase(
        "abbr title",
        "<abbr title=\"Maghreb Arabe Presse\">MAP</abbr>",
        "<abbr title=\"Maghreb Arabe Presse\">MAP</abbr>"
    ),
    HTMLSanitizeCase(
        "img keeps src alt width height only",
        "<img src=\"/img/a.jpg\" alt=\"صورة\" width=\"600\" height=\"400\" srcset=\"a-2x.jpg 2x\" loading=\"lazy\">",
        "<img src=\"https://example.ma/img/a.jpg\" alt=\"صورة\" width=\"600\" height=\"400\">"
    ),
    HTMLSanitizeCase("href not allowed on div", "<div href=\"https://example.ma/\" cite=\"x\">d</div>", "<div>d</div>"),
    HTMLSanitizeCase(
        "a hreflang",
        "<a href=\"https://example.ma/fr\" hreflang=\"fr\">fr</a>",
        "<a href=\"https://example.ma/fr\" hreflang=\"fr\">fr</a>"
    ),

    // Dangerous URLs.
    HTMLSanitizeCase("javascript: href", "<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
    HTMLSanitizeCase("javascript: mixed case", "<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>"),
    HTMLSanitizeCase("javascript: decimal entity", "<a href=\"&#106;avascript:alert(1)\">x</a>", "<a>x</a>"),
    HTMLSanitizeCase("javascript: hex entities", "<a href=\"&#x6A;avascript&#x3A;alert(1)\">x</a>", "<a>x</a>"),
    HTMLSanitizeCase("javascript: tab entity", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<a>x</a>"),
    HTMLSanitizeCase("javascript: newline entity", "<a href=\"javascript&#10;:alert(1)\">x</a>", "<a>x</a>"),
    HTMLSanitizeCase("javascript: leading space, uppercase", "<a href=\" JAVASCRIPT:alert(1)\">x</a>", "<a>x</a>"),
    HTMLSanitizeCase("javascript: literal newline", "<a href=\"java\nscript:alert(1)\">x</a>", "<a>x</a>"),
    HTMLSanitizeCase("javascript: NUL", "<a href=\"java\u{0}script:alert(1)\">x</a>", "<a>x</a>"),
    HTMLSanitizeCase("javascript: inner space", "<a href=\"java script:alert(1)\">x</a>", "<a>x</a>"),
    HTMLSanitizeCase("javascript: img src", "<img src=\"javascript:alert(1)\" alt=\"i\">", "<img alt=\"i\">"),
    HTMLSanitizeCase(
        "javascript: cite",
        "<blockquote cite=\"javascript:alert(1)\">q</blockquote>",
        "<blockquote>q</blockquote>"
    ),
    HTMLSanitizeCase("vbscript:", "<a href=\"vbscript:msgbox(1)\">x</a>", "<a>x</a>"),
    HTMLSanitizeCase("data: img", "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\" alt=\"d\">", "<img alt=\"d\">"),
    HTMLSanitizeCase(
        "data: href",
        "<a href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\">x</a>",
        "<a>x</a>"
    ),
    HTMLSanitizeCase(
        "file: and ftp:",
        "<a href=\"file:///etc/passwd\">f</a><a href=\"ftp://example.ma/x\">g</a>",
        "<a>f</a><a>g</a>"
    ),
    HTMLSanitizeCase(
        "mailto: href kept",
        "<a href=\"mailto:redaction@example.ma\">m</a>",
        "<a href=\"mailto:redaction@example.ma\">m</a>"
    ),
    HTMLSanitizeCase("mailto: src dropped", "<img src=\"mailto:redaction@example.ma\">", "<img>"),
    HTMLSanitizeCase("empty href dropped", "<a href=\"\">e</a><a href=\"  \">f</a>", "<a>e</a><a>f</a>"),

    // URL resolution.
    HTMLSanitizeCase(
        "relative a",
        "<a href=\"jam3-sanawi\">more</a>",
        "<a href=\"https://example.ma/2025/02/13/jam3-sanawi\">more</a>"
    ),
    HTMLSanitizeCase(
        "relative img",
        "<img src=\"img/photo.jpg\">",
        "<img src=\"https://example.ma/2025/02/13/img/photo.jpg\">"
    ),
    HTMLSanitizeCase(
        "dot segments",
        "<a href=\"../12/older\">o</a>",
        "<a href=\"https://example.ma/2025/02/12/older\">o</a>"
    ),
    HTMLSanitizeCase("root relative", "<a href=\"/about\">o</a>", "<a href=\"https://example.ma/about\">o</a>"),
    HTMLSanitizeCase(
        "protocol relative",
        "<img src=\"//cdn.example.ma/a.jpg\">",
        "<img src=\"https://cdn.example.ma/a.jpg\">"
    ),
    HTMLSanitizeCase(
        "relative cite",
        "<blockquote cite=\"/source\">q</blockquote>",
        "<blockquote cite=\"https://example.ma/source\">q</blockquote>"
    ),
    HTMLSanitizeCase(
        "Arabic path percent-encoded",
        "<a href=\"/وطني/مقال\">w</a>",
        "<a href=\"https://example.ma/%D9%88%D8%B7%D9%86%D9%8A/%D9%85%D9%82%D8%A7%D9%84\">w</a>"
    ),
    HTMLSanitizeCase(
        "space percent-encoded",
        "<img src=\"my photo.jpg\">",
        "<img src=\"https://example.ma/2025/02/13/my%20photo.jpg\">"
    ),
    HTMLSanitizeCase(
        "quote in URL cannot break out",
        "<a href='https://example.ma/a\"onmouseover=\"x'>q</a>",
        "<a href=\"https://example.ma/a%22onmouseover=%22x\">q</a>"
    ),
    HTMLSanitizeCase(
        "absolute with query, ampersand re-escaped",
        "<a href=\"http://example.com/a?b=1&amp;c=2\">q</a>",
        "<a href=\"http://example.com/a?b=1&amp;c=2\">q</a>"
    ),
    HTMLSanitizeCase(
        "fragment resolved",
        "<a href=\"#notes\">n</a>",
        "<a href=\"https://example.ma/2025/02/13/#notes\">n</a>"
    ),
    HTMLSanitizeCase(
        "relative without base stays relative",
        "<a href=\"/ar/x\">x</a>",
        base: nil,
        "<a href=\"/ar/x\">x</a>"
    ),
    HTMLSanitizeCase("relative without base, encoded", "<img src=\"a b.jpg\">", base: nil, "<img src=\"a%20b.jpg\">"),
    HTMLSanitizeCase("javascript: without base", "<a href=\"javascript:alert(1)\">x</a>", base: nil, "<a>x</a>"),

    // Structure.
    HTMLSanitizeCase(
        "unknown elements unwrapped",
        "<custom-tag data-x=\"1\"><p>a</p></custom-tag><font face=\"Arial\">f</font><nav>n</nav>",
        "<p>a</p>fn"
    ),
    HTMLSanitizeCase("html and body unwrapped", "<html><body><p>x</p></body></html>", "<p>x</p>"),
    HTMLSanitizeCase("unclosed tags closed", "<p>unclosed <b>bold <i>it", "<p>unclosed <b>bold <i>it</i></b></p>"),
    HTMLSanitizeCase("stray end tags ignored", "</div>a</b>b</p>", "ab"),
    HTMLSanitizeCase("misnested", "<b><i>x</b>y</i>", "<b><i>x</i></b>y"),
    HTMLSanitizeCase("div closes p", "<p>a<div>b</div>", "<p>a</p><div>b</div>"),
    HTMLSanitizeCase("void elements", "a<br>b<br/>c<hr><wbr>d", "a<br>b<br>c<hr><wbr>d"),
    HTMLSanitizeCase(
        "img end tag ignored",
        "<img src=\"https://example.ma/a.jpg\"></img>",
        "<img src=\"https://example.ma/a.jpg\">"
    ),
    HTMLSanitizeCase("uppercase tags", "<P><B>x</B></P>", "<p><b>x</b></p>"),
    HTMLSanitizeCase(
        "kept block elements",
        "<h2>T</h2><ul><li>a</li></ul><blockquote><p>q</p></blockquote>"
            + "<pre>  code\n</pre><figure><figcaption>c</figcaption></figure>",
        "<h2>T</h2><ul><li>a</li></ul><blockquote><p>q</p></blockquote>"
            + "<pre>  code\n</pre><figure><figcaption>c</figcaption></figure>"
    ),

    // Entities and escaping.
    HTMLSanitizeCase(
        "entities decoded",
        "<p>&eacute;t&eacute; &#1575;&#x644; &hellip; &nbsp;</p>",
        "<p>été ال … \u{00A0}</p>"
    ),
    HTMLSanitizeCase(
        "markup characters escaped",
        "<p>AT&amp;T &lt;b&gt; 3 &gt; 2</p>",
        "<p>AT&amp;T &lt;b&gt; 3 &gt; 2</p>"
    ),
    HTMLSanitizeCase("bare ampersand", "Tom & Jerry <b>x</b>", "Tom &amp; Jerry <b>x</b>"),
    HTMLSanitizeCase("unknown entity stays literal", "<p>&foo;</p>", "<p>&amp;foo;</p>"),
    HTMLSanitizeCase(
        "attribute value escaped",
        "<p title='say \"hi\" &amp; <bye>'>x</p>",
        "<p title=\"say &quot;hi&quot; &amp; &lt;bye&gt;\">x</p>"
    ),
    HTMLSanitizeCase("lone less-than", "a < b", "a &lt; b"),

    // Whitespace and the fast path.
    HTMLSanitizeCase("whitespace preserved", "  <p>a\n  b</p>\n", "  <p>a\n  b</p>\n"),
    HTMLSanitizeCase("fast path escapes >", "Plain text > no markup\n", "Plain text &gt; no markup\n"),
    HTMLSanitizeCase("fast path Arabic", "الرباط – انعقدت", "الرباط – انعقدت"),
    HTMLSanitizeCase("fast path control characters", "a\u{1}b\u{8}c\td", "abc\td"),
    HTMLSanitizeCase("byte order mark dropped", "\u{FEFF}  <b>x</b>", "  <b>x</b>"),
    HTMLSanitizeCase("byte order mark dropped, fast path", "\u{FEFF}abc", "abc"),
    HTMLSanitizeCase("meta charset cannot switch decoding", "<meta charset=\"iso-8859-1\"><p>é</p>", "<p>é</p>"),
    HTMLSanitizeCase("empty", "", ""),
]

let htmlPlainTextCases: [HTMLPlainTextCase] = [
    HTMLPlainTextCase("inline markup and entity", "<b>Foo</b> &amp; bar", "Foo & bar"),
    HTMLPlainTextCase("script dropped", "<script>alert(1)</script>Hi", "Hi"),
    HTMLPlainTextCase("style and title dropped", "<style>.x{}</style><title>T</title>Title", "Title"),
    HTMLPlainTextCase("fast path collapses", "  Plain   title\n with  spaces ", "Plain title with spaces"),
    HTMLPlainTextCase("br is a space", "Line<br>break", "Line break"),
    HTMLPlainTextCase("blocks are spaces", "<p>One</p><p>Two</p><div>Three</div>", "One Two Three"),
    HTMLPlainTextCase("inline is not a space", "<i>in</i>line", "inline"),
    HTMLPlainTextCase("entities", "Caf&eacute; &#x627;&#x644;&#x645;&#x63A;&#x631;&#x628;", "Café المغرب"),
    HTMLPlainTextCase("nbsp kept", "Bonjour&nbsp;! A&nbsp;&nbsp;B", "Bonjour\u{A0}! A\u{A0}\u{A0}B"),
    HTMLPlainTextCase("bare ampersand", "AT&T", "AT&T"),
    HTMLPlainTextCase("lone less-than", "a < b", "a < b"),
    HTMLPlainTextCase("Arabic title", "<p dir=\"rtl\">انعقاد   الجمع</p>", "انعقاد الجمع"),
    HTMLPlainTextCase("comment", "<div>x<!-- c --></div>y", "x y"),
    HTMLPlainTextCase("only whitespace", "<p>   </p>", ""),
    HTMLPlainTextCase(
        "Unicode spaces kept",
        "<b>A</b>\u{2003}B\u{3000}\u{A0}C\u{200B}D",
        "A\u{2003}B\u{3000}\u{A0}C\u{200B}D"
    ),
    HTMLPlainTextCase("line separators are spaces", "<b>A</b>\u{2028}B \u{2029} C", "A B C"),
    HTMLPlainTextCase("controls removed, NEL is a space", "<i>a\u{1}b\u{85}c\u{9F}d</i>", "ab cd"),
    HTMLPlainTextCase("fast path line breaks", "\u{2028}Foo\r\n\u{85}bar\u{A0}!\u{C}", "Foo bar\u{A0}!"),
    HTMLPlainTextCase("byte order mark", "\u{FEFF}<b>Title</b>", "Title"),
    HTMLPlainTextCase("empty", "", ""),
]

@Suite("HTMLSanitizer")
struct HTMLSanitizerTests {
    @Test(arguments: htmlSanitizeCases)
    func sanitize(_ row: HTMLSanitizeCase) {
        let base = row.base.flatMap { URL(string: $0) }
        #expect(HTMLSanitizer.sanitize(row.input, baseURL: base) == row.expected)
    }

    @Test(arguments: htmlPlainTextCases)
    func plainText(_ row: HTMLPlainTextCase) {
        #expect(HTMLText.plainText(row.input) == row.expected)
    }

    /// The shortcut for plain absolute URLs gives what Foundation gives.
    @Test(arguments: [
        "https://example.ma/2025/02/13/jam3-sanawi", "http://example.ma:8080/a/../b/./c?x=1&y=%D8%A7#top",
        "HTTPS://EXAMPLE.MA/A", "https://example.ma", "https://example.ma?q", "https://example.ma/a#b#c",
        "https://example.ma/%zz", "https://example.ma/a b", "https://example.ma/ص", "https://user@example.ma/",
        "http://[::1]/", "https://example.ma/a|b", "https:foo",
    ])
    func plainAbsoluteURLShortcut(_ url: String) throws {
        let base = try #require(URL(string: htmlSanitizerBaseURL))
        let expected = URL(string: url, relativeTo: base)?.absoluteString
        #expect(SafeURL.resolve(url, baseURL: base, allowsMailto: false) == expected)
    }

    /// A few thousand strings of random tag soup: nothing crashes, and the
    /// output only ever holds allowed tags, allowed attributes and safe URLs.
    @Test
    func randomTagSoup() throws {
        let base = try #require(URL(string: htmlSanitizerBaseURL))
        var random = SeededRandom(seed: 0x4E61_7368_7261)
        for _ in 0..<3000 {
            let count = Int(random.next() % 40) + 1
            var soup = ""
            for _ in 0..<count {
                soup += soupFragments[Int(random.next() % UInt64(soupFragments.count))]
            }
            let safe = HTMLSanitizer.sanitize(soup, baseURL: base)
            #expect(safeHTMLProblem(safe) == nil, "\(soup.debugDescription) → \(safe.debugDescription)")
            // Not always a fixed point (libxml2's auto-closing sees a
            // different tree once unknown wrappers are gone), but still safe.
            let again = HTMLSanitizer.sanitize(safe, baseURL: base)
            #expect(safeHTMLProblem(again) == nil, "\(safe.debugDescription) → \(again.debugDescription)")
            let relative = HTMLSanitizer.sanitize(soup, baseURL: nil)
            #expect(
                safeHTMLProblem(relative, absoluteURLs: false) == nil,
                "\(soup.debugDescription) → \(relative.debugDescription)"
            )
            let text = HTMLText.plainText(soup)
            #expect(!text.hasPrefix(" ") && !text.hasSuffix(" ") && !text.contains("  "))
        }
    }
}

// MARK: - Tag soup

private let soupFragments: [String] = [
    "<", ">", "</", "/>", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<?php x ?>",
    "<p>", "</p>", "<div dir=rtl>", "</div>", "<b>", "</b>", "<i>", "<table><tr><td>", "</table>", "<li>",
    "<script>", "</script>", "<style>", "</style>", "<iframe src=x>", "<svg>", "</svg>", "<embed>",
    "<textarea>", "<title>", "<noscript>", "<select><option>", "<form>", "<input>", "<meta charset=latin1>",
    "<a href=\"", "<a href='javascript:alert(1)'>", "<img src=", "<img src=\"data:x\">", "</a>",
    "javascript:", "JaVa\tScRiPt:", "&#106;", "&#x09;", "vbscript:", "data:", "mailto:x@y", "http://e.ma/",
    "onclick=\"x()\"", " style=\"expression(1)\" ", " lang=ar ", " xml:lang=fr ", " title='t\"' ",
    "\"", "'", "=", " ", "\n", "\t", "&", "&amp;", "&lt;", "&eacute;", "&#0;", "&#xD800;", "&bogus;",
    "text", "الرباط", "é", "\u{0}", "\u{1}", "\u{FEFF}", "<br>", "<hr/>", "<wbr>", "<custom-x>", "</custom-x>",
    "<html>", "<body>", "<head>", "</head>", "<font>", "<ol start=2>", "<time datetime=x>",
]

/// Why `html` breaks the output contract, or `nil`: every `<` starts an
/// allowed tag, attributes are allowed and quoted, URLs are http/https
/// (mailto for `href`), or relative when there was no base.
private func safeHTMLProblem(_ html: String, absoluteURLs: Bool = true) -> String? {
    let allowedAttributes: Set<String> = [
        "dir", "lang", "title", "href", "hreflang", "src", "alt", "width", "height", "cite", "colspan",
        "rowspan", "start", "datetime",
    ]
    let bytes = Array(html.utf8)
    var i = 0
    func name() -> String {
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: " "), bytes[i] != UInt8(ascii: ">"),
            bytes[i] != UInt8(ascii: "=")
        {
            i += 1
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }
    while i < bytes.count {
        guard bytes[i] == UInt8(ascii: "<") else {
            if bytes[i] == UInt8(ascii: ">") { return "raw > at \(i)" }
            i += 1
            continue
        }
        i += 1
        if i < bytes.count, bytes[i] == UInt8(ascii: "/") { i += 1 }
        let tag = name()
        guard HTMLAllowList.kept.contains(tag) else { return "tag \(tag)" }
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") {
            i += 1
            let attribute = name()
            guard allowedAttributes.contains(attribute) else { return "attribute \(attribute) on \(tag)" }
            guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "="), bytes[i + 1] == UInt8(ascii: "\"")
            else { return "unquoted \(attribute)" }
            i += 2
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += 1 }
            let value = String(decoding: bytes[start..<i], as: UTF8.self)
            i += 1
            if ["href", "src", "cite"].contains(attribute) {
                let safe =
                    value.hasPrefix("https://") || value.hasPrefix("http://")
                    || (attribute == "href" && value.hasPrefix("mailto:"))
                    || (!absoluteURLs && SafeURL.scheme(of: value.utf8, ignoringSpaces: true) == nil)
                if !safe { return "URL \(value)" }
            }
        }
        guard i < bytes.count, bytes[i] == UInt8(ascii: ">") else { return "unterminated \(tag)" }
        i += 1
    }
    return nil
}

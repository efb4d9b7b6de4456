/// The stored form of a `RelatedDocument`: compact tab-separated text that
/// reads back quickly when the index is rebuilt from the store.
///
/// ```
/// 1
/// key ⇥ url ⇥ title ⇥ published ⇥ offset ⇥ language ⇥ section ⇥ simhash
/// tag ⇥ tag …
/// place ⇥ place …
/// stem ⇥ display ⇥ weight ⇥ stem ⇥ display ⇥ weight …   (display empty when it is the stem)
/// ```
/// Tabs, newlines, carriage returns and backslashes inside values are
/// escaped as `\t`, `\n`, `\r`, `\\`. Reading and writing work on UTF-8
/// bytes: a pool of 100,000 articles is read back this way on every start.
extension RelatedDocument {
    /// The format version written in the first line.
    static let storedFormat: [UInt8] = Array("1".utf8)

    /// The stored text.
    public var stored: String {
        var out: [UInt8] = []
        out.reserveCapacity(64 + terms.count * 24)
        out += Self.storedFormat
        out.append(Self.newline)
        let header = [
            key, url, title, String(published), String(publishedOffsetSeconds), language.rawValue, section ?? "",
            simhash.map { String($0, radix: 16) } ?? "",
        ]
        Self.write(header.map { Array($0.utf8) }, to: &out)
        out.append(Self.newline)
        Self.write(tags.map { Array($0.utf8) }, to: &out)
        out.append(Self.newline)
        Self.write(places.map { Array($0.utf8) }, to: &out)
        out.append(Self.newline)
        var fields: [[UInt8]] = []
        fields.reserveCapacity(terms.count * 3)
        for term in terms {
            fields.append(term.stemBytes)
            fields.append(term.displayBytes == term.stemBytes ? [] : term.displayBytes)
            fields.append(Array(String(term.weight).utf8))
        }
        Self.write(fields, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads a stored document back; `nil` when the text is not in the current format.
    public init?(stored: String) {
        let bytes = Array(stored.utf8)
        let lines = bytes.split(separator: Self.newline, omittingEmptySubsequences: false)
        guard lines.count == 5, lines[0].elementsEqual(Self.storedFormat) else { return nil }
        let header = Self.fields(lines[1]).map { String(decoding: $0, as: UTF8.self) }
        guard header.count == 8, let published = Double(header[3]), let offset = Int(header[4]),
            let language = ArticleLanguage(rawValue: header[5])
        else { return nil }
        let termFields = Self.fields(lines[4])
        guard termFields.count % 3 == 0 else { return nil }
        var terms: [WeightedTerm] = []
        terms.reserveCapacity(termFields.count / 3)
        var position = 0
        while position < termFields.count {
            guard let weight = Float(String(decoding: termFields[position + 2], as: UTF8.self)) else { return nil }
            let stem = termFields[position]
            let display = termFields[position + 1]
            terms.append(WeightedTerm(stemBytes: stem, displayBytes: display.isEmpty ? stem : display, weight: weight))
            position += 3
        }
        self.init(
            key: header[0], url: header[1], title: header[2], published: published, publishedOffsetSeconds: offset, language: language,
            section: header[6].isEmpty ? nil : header[6], tags: Self.fields(lines[2]).map { String(decoding: $0, as: UTF8.self) },
            places: Self.fields(lines[3]).map { String(decoding: $0, as: UTF8.self) },
            simhash: header[7].isEmpty ? nil : UInt64(header[7], radix: 16), terms: terms)
    }

    static let newline = UInt8(ascii: "\n")
    static let tab = UInt8(ascii: "\t")
    static let backslash = UInt8(ascii: "\\")

    static func write(_ values: [[UInt8]], to out: inout [UInt8]) {
        for (position, value) in values.enumerated() {
            if position > 0 { out.append(tab) }
            for byte in value {
                switch byte {
                case backslash: out += [backslash, backslash]
                case tab: out += [backslash, UInt8(ascii: "t")]
                case newline: out += [backslash, UInt8(ascii: "n")]
                case UInt8(ascii: "\r"): out += [backslash, UInt8(ascii: "r")]
                default: out.append(byte)
                }
            }
        }
    }

    static func fields(_ line: ArraySlice<UInt8>) -> [[UInt8]] {
        guard !line.isEmpty else { return [] }
        return line.split(separator: tab, omittingEmptySubsequences: false).map { field in
            guard field.contains(backslash) else { return Array(field) }
            var value: [UInt8] = []
            var escaped = false
            for byte in field {
                if escaped {
                    switch byte {
                    case UInt8(ascii: "t"): value.append(tab)
                    case UInt8(ascii: "n"): value.append(newline)
                    case UInt8(ascii: "r"): value.append(UInt8(ascii: "\r"))
                    default: value.append(byte)
                    }
                    escaped = false
                } else if byte == backslash {
                    escaped = true
                } else {
                    value.append(byte)
                }
            }
            return value
        }
    }
}

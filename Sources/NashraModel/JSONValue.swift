/// A JSON value whose object keys keep the order they were given in, so that
/// everything Nashra prints (JSON Feed, parse output) is deterministic and
/// reads in a natural order.
public indirect enum JSONValue: Sendable, Hashable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(serialized())
    }

    /// The value as JSON text: compact on one line, or indented by two spaces.
    public func serialized(pretty: Bool = false) -> String {
        var out = ""
        write(to: &out, pretty: pretty, depth: 0)
        return out
    }

    /// Appends the JSON text of this value to `out`.
    public func write(to out: inout String, pretty: Bool, depth: Int) {
        switch self {
        case .string(let s): Self.writeString(s, to: &out)
        case .int(let n): out += String(n)
        case .double(let d): out += d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)") : "null"
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if pretty { Self.newline(&out, depth + 1) }
                item.write(to: &out, pretty: pretty, depth: depth + 1)
            }
            if pretty { Self.newline(&out, depth) }
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                if pretty { Self.newline(&out, depth + 1) }
                Self.writeString(key, to: &out)
                out += pretty ? ": " : ":"
                value.write(to: &out, pretty: pretty, depth: depth + 1)
            }
            if pretty { Self.newline(&out, depth) }
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ depth: Int) {
        out += "\n"
        out += String(repeating: "  ", count: depth)
    }

    /// Escapes quotes, backslashes, control characters and U+2028/U+2029
    /// (which break JavaScript string literals); everything else is literal
    /// UTF-8, copied in runs rather than scalar by scalar (HTML bodies are full of quotes).
    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        let bytes = s.utf8
        var runStart = bytes.startIndex
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            var escape: String?
            var next = bytes.index(after: i)
            switch b {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0x00..<0x20:
                let hex = String(b, radix: 16)
                escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            case 0xE2:
                // U+2028 / U+2029 are E2 80 A8 / E2 80 A9.
                let second = next < bytes.endIndex ? bytes[next] : 0
                let thirdIndex = next < bytes.endIndex ? bytes.index(after: next) : next
                let third = thirdIndex < bytes.endIndex ? bytes[thirdIndex] : 0
                if second == 0x80, third == 0xA8 || third == 0xA9 {
                    escape = third == 0xA8 ? "\\u2028" : "\\u2029"
                    next = bytes.index(after: thirdIndex)
                }
            default: break
            }
            if let escape {
                // Split points are ASCII bytes or a lead byte, so always scalar boundaries; the
                // scalar view does not round them to characters (a quote may carry a combining mark).
                out += Substring(s.unicodeScalars[runStart..<i])
                out += escape
                runStart = next
            }
            i = next
        }
        out += Substring(s.unicodeScalars[runStart..<bytes.endIndex])
        out += "\""
    }
}

extension JSONValue {
    /// Builds an object from members, leaving out `nil` values and empty arrays,
    /// so that a key is absent when there is nothing to say.
    public static func members(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        .object(
            pairs.compactMap { key, value in
                guard let value else { return nil }
                if case .array(let a) = value, a.isEmpty { return nil }
                if case .object(let o) = value, o.isEmpty { return nil }
                return (key, value)
            })
    }

    /// `.string(s)` or `nil`.
    public static func string(_ s: String?) -> JSONValue? { s.map(JSONValue.string) }
    /// `.int(n)` or `nil`.
    public static func int(_ n: Int?) -> JSONValue? { n.map(JSONValue.int) }
}

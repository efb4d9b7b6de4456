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
    /// (which break JavaScript string literals); everything else is literal UTF-8.
    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        var needsEscape = false
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 {
            needsEscape = true
            break
        }
        if !needsEscape {
            out += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{2028}": out += "\\u2028"
                case "\u{2029}": out += "\\u2029"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
        }
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

/// UTF-8 helpers on byte arrays: validation with statistics, scalar
/// decoding, and appending a scalar. Everything works on `[UInt8]` so that a
/// 100 MB feed is scanned without building `String`s or `Character`s.
enum UTF8Bytes {
    /// What one pass over the bytes found.
    struct Scan: Sendable {
        /// No byte above 0x7F.
        var isASCII = true
        /// Every byte belongs to a well-formed UTF-8 sequence.
        var isValid: Bool { invalid == 0 }
        /// Well-formed sequences of two to four bytes.
        var multibyte = 0
        /// Bytes that start no well-formed sequence (counted one by one).
        var invalid = 0
    }

    /// Scans `bytes[start...]` once.
    static func scan(_ bytes: [UInt8], from start: Int = 0) -> Scan {
        var result = Scan()
        let count = bytes.count
        var index = start
        while index < count {
            if bytes[index] < 0x80 {
                index &+= 1
                continue
            }
            result.isASCII = false
            let length = sequenceLength(bytes, at: index)
            if length == 0 {
                result.invalid &+= 1
                index &+= 1
            } else {
                result.multibyte &+= 1
                index &+= length
            }
        }
        return result
    }

    /// The length of the well-formed UTF-8 sequence at `index` (1 for ASCII),
    /// or 0 when none starts there (Unicode 15, table 3-7).
    static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let count = bytes.count
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        @inline(__always) func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            let position = index &+ offset
            guard position < count else { return false }
            let byte = bytes[position]
            return byte >= low && byte <= high
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0:
            return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xED:
            return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xE1...0xEF:
            return continuation(1) && continuation(2) ? 3 : 0
        case 0xF0:
            return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4:
            return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default:
            return 0
        }
    }

    /// Decodes the scalar at `index`. An ill-formed byte decodes as U+FFFD
    /// with length 1, so callers can walk any input without trapping.
    static func decodeScalar(_ bytes: [UInt8], at index: Int) -> (value: UInt32, length: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length = sequenceLength(bytes, at: index)
        switch length {
        case 2:
            return ((UInt32(lead & 0x1F) << 6) | UInt32(bytes[index &+ 1] & 0x3F), 2)
        case 3:
            return (
                (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index &+ 1] & 0x3F) << 6)
                    | UInt32(bytes[index &+ 2] & 0x3F), 3
            )
        case 4:
            return (
                (UInt32(lead & 0x07) << 18) | (UInt32(bytes[index &+ 1] & 0x3F) << 12)
                    | (UInt32(bytes[index &+ 2] & 0x3F) << 6) | UInt32(bytes[index &+ 3] & 0x3F), 4
            )
        default:
            return (0xFFFD, 1)
        }
    }

    /// Appends the UTF-8 form of `value`; surrogates and values above
    /// U+10FFFF become U+FFFD.
    @inline(__always)
    static func append(_ value: UInt32, to output: inout [UInt8]) {
        switch value {
        case 0..<0x80:
            output.append(UInt8(truncatingIfNeeded: value))
        case 0x80..<0x800:
            output.append(UInt8(truncatingIfNeeded: 0xC0 | (value >> 6)))
            output.append(UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F)))
        case 0xD800...0xDFFF:
            output.append(contentsOf: replacementCharacter)
        case 0x800..<0x10000:
            output.append(UInt8(truncatingIfNeeded: 0xE0 | (value >> 12)))
            output.append(UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F)))
            output.append(UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F)))
        case 0x10000...0x10FFFF:
            output.append(UInt8(truncatingIfNeeded: 0xF0 | (value >> 18)))
            output.append(UInt8(truncatingIfNeeded: 0x80 | ((value >> 12) & 0x3F)))
            output.append(UInt8(truncatingIfNeeded: 0x80 | ((value >> 6) & 0x3F)))
            output.append(UInt8(truncatingIfNeeded: 0x80 | (value & 0x3F)))
        default:
            output.append(contentsOf: replacementCharacter)
        }
    }

    /// U+FFFD REPLACEMENT CHARACTER in UTF-8.
    static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// `bytes[start...]` with every ill-formed sequence replaced by U+FFFD
    /// (the standard library's maximal-subpart policy, as in WHATWG).
    static func replacingInvalid(_ bytes: [UInt8], from start: Int = 0) -> [UInt8] {
        Array(String(decoding: bytes[start...], as: UTF8.self).utf8)
    }
}

/// UTF-16 and UTF-32 to UTF-8, in pure Swift. Unpaired surrogates, values
/// above U+10FFFF and a truncated final code unit become U+FFFD.
enum WideUnicode {
    static func decodeUTF16(_ bytes: [UInt8], from start: Int, bigEndian: Bool) -> [UInt8] {
        var output: [UInt8] = []
        let count = bytes.count
        output.reserveCapacity((count - start) / 2 * 3)
        @inline(__always) func unit(_ index: Int) -> UInt32 {
            bigEndian
                ? UInt32(bytes[index]) << 8 | UInt32(bytes[index &+ 1])
                : UInt32(bytes[index &+ 1]) << 8 | UInt32(bytes[index])
        }
        var index = start
        while index &+ 1 < count {
            let first = unit(index)
            index &+= 2
            if first < 0x80 {
                output.append(UInt8(truncatingIfNeeded: first))
            } else if first < 0xD800 || first > 0xDFFF {
                UTF8Bytes.append(first, to: &output)
            } else if first <= 0xDBFF, index &+ 1 < count {
                let second = unit(index)
                if second >= 0xDC00 && second <= 0xDFFF {
                    index &+= 2
                    UTF8Bytes.append(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), to: &output)
                } else {
                    output.append(contentsOf: UTF8Bytes.replacementCharacter)
                }
            } else {
                output.append(contentsOf: UTF8Bytes.replacementCharacter)
            }
        }
        if index < count { output.append(contentsOf: UTF8Bytes.replacementCharacter) }
        return output
    }

    static func decodeUTF32(_ bytes: [UInt8], from start: Int, bigEndian: Bool) -> [UInt8] {
        var output: [UInt8] = []
        let count = bytes.count
        output.reserveCapacity(count - start)
        var index = start
        while index &+ 3 < count {
            let value =
                bigEndian
                ? UInt32(bytes[index]) << 24 | UInt32(bytes[index &+ 1]) << 16 | UInt32(bytes[index &+ 2]) << 8
                    | UInt32(bytes[index &+ 3])
                : UInt32(bytes[index &+ 3]) << 24 | UInt32(bytes[index &+ 2]) << 16 | UInt32(bytes[index &+ 1]) << 8
                    | UInt32(bytes[index])
            index &+= 4
            UTF8Bytes.append(value, to: &output)
        }
        if index < count { output.append(contentsOf: UTF8Bytes.replacementCharacter) }
        return output
    }
}

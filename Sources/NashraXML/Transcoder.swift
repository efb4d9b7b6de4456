private import CLibXML2

#if canImport(Glibc)
    private import Glibc
#elseif canImport(Musl)
    private import Musl
#elseif canImport(Darwin)
    private import Darwin
#endif

/// Converts bytes in a named character encoding to UTF-8 with libxml2's
/// encoding handlers (built-in tables, else the iconv converters libxml2 opens).
///
/// `NashraParse` decides *which* encoding a feed is in (RFC 7303 order, BOM,
/// declaration, sniffing) and handles the common single-byte encodings itself;
/// this is the back end for everything else: Shift_JIS, EUC-JP, ISO-2022-JP,
/// GB18030/GBK, Big5, EUC-KR, KOI8-R, the other ISO-8859 parts, and so on.
///
/// Conversion never fails part-way: a byte sequence that is not valid in the
/// source encoding becomes U+FFFD, one byte is skipped and conversion goes on
/// (the WHATWG decoders do the same for a bad lead byte). A truncated sequence
/// at the end becomes one U+FFFD.
public enum Transcoder {
    /// Converts `bytes`, encoded as `encoding`, to UTF-8.
    ///
    /// - Parameters:
    ///   - bytes: the input; it may contain invalid sequences.
    ///   - encoding: an encoding name libxml2 or iconv knows (`"SHIFT_JIS"`,
    ///     `"CP932"`, `"GB18030"`, `"BIG5-HKSCS"`, `"EUC-KR"`, …). Case does
    ///     not matter.
    /// - Returns: UTF-8 bytes with invalid input replaced by U+FFFD, or `nil`
    ///   when libxml2 has no handler for `encoding` (or the name is not a
    ///   plausible encoding name).
    public static func utf8(from bytes: [UInt8], encoding: String) -> [UInt8]? {
        guard isPlausibleName(encoding) else { return nil }
        let upper = encoding.uppercased()
        if upper == "UTF-8" || upper == "UTF8" {
            // libxml2's UTF-8 "handler" copies bytes without validating them.
            return Array(String(decoding: bytes, as: UTF8.self).utf8)
        }
        guard let handler = findHandler(encoding) else { return nil }
        defer { xmlCharEncCloseFunc(handler) }
        let unit = codeUnitSize(handler)
        if let converter = handler.pointee.iconv_in {
            return validated(convertWithIconv(bytes, converter, unit: unit))
        }
        if let input = handler.pointee.input {
            return validated(convertWithInputFunction(bytes, input, unit: unit))
        }
        // A handler without an input side (libxml2 has none today) means
        // "already UTF-8".
        return Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    /// Whether libxml2 can decode `encoding` on this machine.
    ///
    /// - Parameter encoding: an encoding name, as for ``utf8(from:encoding:)``.
    /// - Returns: `true` when ``utf8(from:encoding:)`` would not return `nil`.
    public static func supports(_ encoding: String) -> Bool {
        guard isPlausibleName(encoding) else { return false }
        let upper = encoding.uppercased()
        if upper == "UTF-8" || upper == "UTF8" { return true }
        guard let handler = findHandler(encoding) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }
}

// MARK: - Implementation

extension Transcoder {
    /// U+FFFD in UTF-8.
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Input is converted in slices so that the scratch output buffer stays
    /// small for 100 MB feeds.
    private static let chunkSize = 64 * 1024

    /// Encoding names are short ASCII tokens (`ISO-8859-6`, `x-mac-arabic`,
    /// `ISO_8859-1:1987`). Anything else never reaches libxml2/iconv.
    private static func isPlausibleName(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard !utf8.isEmpty, utf8.count <= 64 else { return false }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"),
                UInt8(ascii: "+"):
                continue
            default:
                return false
            }
        }
        return true
    }

    /// Bytes to skip after an invalid sequence: one code unit, so that UTF-16
    /// and UTF-32 stay aligned.
    private static func codeUnitSize(_ handler: xmlCharEncodingHandlerPtr) -> Int {
        guard let cName = handler.pointee.name else { return 1 }
        let name = String(cString: cName).uppercased()
        if name.hasPrefix("UTF-16") || name.hasPrefix("UTF16") || name.hasPrefix("UCS-2") || name.hasPrefix("UCS2") {
            return 2
        }
        if name.hasPrefix("UTF-32") || name.hasPrefix("UTF32") || name.hasPrefix("UCS-4") || name.hasPrefix("UCS4") {
            return 4
        }
        return 1
    }

    /// libxml2's built-in UTF-16/UCS-4 functions let lone surrogates and
    /// values above U+10FFFF through as ill-formed UTF-8; callers are promised
    /// valid UTF-8, so re-check (one fast pass) and replace what is not.
    private static func validated(_ bytes: [UInt8]) -> [UInt8] {
        if String(validating: bytes, as: UTF8.self) != nil { return bytes }
        return Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    private static func findHandler(_ name: String) -> xmlCharEncodingHandlerPtr? {
        // why: libxml2 2.9 fills its handler table lazily and without a lock;
        // xmlInitParser does it once under libxml2's global mutex, so calling
        // it first makes concurrent lookups safe. It returns at once after
        // the first call.
        xmlInitParser()
        return name.withCString { xmlFindCharEncodingHandler($0) }
    }

    /// Drives an iconv converter (`handler.iconv_in`, opened by libxml2 as
    /// `iconv_open("UTF-8", name)`) over the whole input.
    private static func convertWithIconv(_ bytes: [UInt8], _ converter: iconv_t, unit: Int) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 2 + 16)
        let scratchSize = chunkSize * 4 + 16
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchSize)
        defer { scratch.deallocate() }

        bytes.withUnsafeBufferPointer { input in
            guard let base = input.baseAddress, input.count > 0 else { return }
            var position = 0
            while position < input.count {
                let sliceEnd = min(input.count, position + chunkSize)
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(
                    mutating: base + position
                ).assumingMemoryBound(to: CChar.self)
                var inLeft = sliceEnd - position
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(scratch)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = scratchSize
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                let failure = result == -1 ? errno : 0
                output.append(contentsOf: UnsafeBufferPointer(start: scratch, count: scratchSize - outLeft))
                let consumed = (sliceEnd - position) - inLeft
                position += consumed
                guard result == -1 else { continue }
                switch failure {
                case E2BIG:
                    // The scratch buffer filled up; the next round continues.
                    continue
                case EINVAL:
                    // Incomplete sequence at the end of the slice. If more input
                    // follows, the next slice starts at that sequence; at the real
                    // end it is a truncated character.
                    if sliceEnd < input.count && consumed > 0 { continue }
                    output.append(contentsOf: replacement)
                    // A character longer than a whole slice cannot be: treat
                    // it as invalid and resynchronise.
                    position = sliceEnd < input.count ? min(input.count, position + unit) : input.count
                default:
                    // EILSEQ (or anything unexpected): replace one code unit
                    // (one byte for everything but UTF-16/32) and resync.
                    output.append(contentsOf: replacement)
                    position = min(input.count, position + unit)
                }
            }
            // Flush a stateful decoder (ISO-2022-JP returning to ASCII).
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(scratch)
                .assumingMemoryBound(to: CChar.self)
            var outLeft = scratchSize
            _ = iconv(converter, nil, nil, &outPointer, &outLeft)
            output.append(contentsOf: UnsafeBufferPointer(start: scratch, count: scratchSize - outLeft))
        }
        return output
    }

    /// Drives one of libxml2's built-in input functions (UTF-16, Latin-1,
    /// ASCII, the ISO-8859-x tables).
    private static func convertWithInputFunction(
        _ bytes: [UInt8],
        _ function: xmlCharEncodingInputFunc,
        unit: Int
    ) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 2 + 16)
        let scratchSize = chunkSize * 4 + 16
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchSize)
        defer { scratch.deallocate() }

        bytes.withUnsafeBufferPointer { input in
            guard let base = input.baseAddress, input.count > 0 else { return }
            var position = 0
            while position < input.count {
                let sliceLength = min(input.count - position, chunkSize)
                var inLength = Int32(sliceLength)
                var outLength = Int32(scratchSize)
                let result = function(scratch, &outLength, base + position, &inLength)
                let written = max(0, min(Int(outLength), scratchSize))
                let consumed = max(0, min(Int(inLength), sliceLength))
                output.append(contentsOf: UnsafeBufferPointer(start: scratch, count: written))
                position += consumed
                guard consumed == 0 else { continue }
                // No progress. A negative result is an invalid sequence at
                // `position` (libxml2 2.9 returns -1 or -2 for that); a
                // non-negative one in the last slice is a truncated character
                // (odd UTF-16 byte, lone high surrogate) that ends the text.
                output.append(contentsOf: replacement)
                if result >= 0 && position + sliceLength == input.count {
                    position = input.count
                } else {
                    position = min(input.count, position + unit)
                }
            }
        }
        return output
    }
}

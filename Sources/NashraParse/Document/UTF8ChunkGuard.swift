/// Keeps a UTF-8 stream valid chunk by chunk before libxml2 sees it.
///
/// libxml2, on meeting a byte that is not UTF-8 in a document read as UTF-8,
/// switches the rest of the document to ISO-8859-1, garbling every later
/// Arabic letter. A stray byte in a 100 MB feed must cost one character, so
/// invalid bytes become U+FFFD here and are counted (the document is then bozo).
struct UTF8ChunkGuard {
    /// Bytes of a sequence cut by the end of the previous chunk.
    private var carry: [UInt8] = []
    /// Invalid bytes replaced so far.
    private(set) var replaced = 0

    /// The chunk, with the carry of the previous one in front and an incomplete tail held back.
    mutating func pass(_ chunk: [UInt8]) -> [UInt8] {
        var bytes = carry.isEmpty ? chunk : carry + chunk
        carry.removeAll(keepingCapacity: true)
        // Hold back a sequence that the chunk boundary cut.
        var tail = bytes.count
        var back = 0
        while back < 3, tail > 0, bytes[tail - 1] & 0xC0 == 0x80 {
            tail -= 1
            back += 1
        }
        if tail > 0 {
            let lead = bytes[tail - 1]
            let needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            if needed > 1, needed > back + 1, lead < 0xF5 {
                carry = Array(bytes[(tail - 1)...])
                bytes.removeSubrange((tail - 1)...)
            }
        }
        // The common case, valid UTF-8, takes one tight pass; counting what is wrong only when something is.
        if DocumentSniffer.isValidUTF8Prefix(bytes[...]) { return bytes }
        replaced += UTF8Bytes.scan(bytes).invalid
        return UTF8Bytes.replacingInvalid(bytes)
    }

    /// What is left at the end of the input (a cut sequence is invalid).
    mutating func finish() -> [UInt8] {
        guard !carry.isEmpty else { return [] }
        defer { carry = [] }
        replaced += 1
        return UTF8Bytes.replacingInvalid(carry)
    }
}

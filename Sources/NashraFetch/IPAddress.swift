/// An IPv4 or IPv6 address as its bytes, read from text in pure Swift.
///
/// The address guard classifies what the resolver returned and matches allow
/// rules against it; neither needs the C library's `inet_pton`.
struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6, in network order.
    let bytes: [UInt8]

    /// Why an address is not public, in the words of the address guard.
    enum Category: String, Sendable {
        case loopback
        case `private` = "private"
        case linkLocal = "link-local"
        case multicast, unspecified, broadcast
    }

    init(v4 a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        self.bytes = [a, b, c, d]
    }

    init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Reads `a.b.c.d` or an IPv6 address (`::1`, `fe80::1%eth0`, `::ffff:10.0.0.1`); `nil` for anything else.
    init?(_ text: some StringProtocol) {
        var text = Substring(text)
        // A zone (`%eth0`) says which interface, not which address.
        if let percent = text.firstIndex(of: "%") { text = text[..<percent] }
        if text.contains(":") {
            guard let bytes = Self.parseV6(text) else { return nil }
            self.bytes = bytes
        } else {
            guard let bytes = Self.parseV4(text) else { return nil }
            self.bytes = bytes
        }
    }

    var isV4: Bool { bytes.count == 4 }

    /// The IPv4 address carried inside an IPv4-mapped (`::ffff:0:0/96`) or NAT64 (`64:ff9b::/96`)
    /// IPv6 address, else `self`. Both reach an IPv4 host, so they are judged as that host.
    var unmapped: IPAddress {
        guard bytes.count == 16 else { return self }
        let mapped: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]
        let nat64: [UInt8] = [0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]
        let head = Array(bytes[0..<12])
        guard head == mapped || head == nat64 else { return self }
        return IPAddress(v4: bytes[12], bytes[13], bytes[14], bytes[15])
    }

    /// True when the first `length` bits equal those of `network` (same family only).
    func isIn(_ network: IPAddress, prefixLength length: Int) -> Bool {
        guard bytes.count == network.bytes.count, length >= 0, length <= bytes.count * 8 else { return false }
        var remaining = length
        for index in bytes.indices where remaining > 0 {
            let bits = min(8, remaining)
            let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if bytes[index] & mask != network.bytes[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    /// The reason this address is not a public unicast one, or `nil` when it is.
    var category: Category? {
        let address = unmapped
        for (network, length, category) in address.isV4 ? Self.v4Ranges : Self.v6Ranges
        where address.isIn(network, prefixLength: length) {
            return category
        }
        return nil
    }

    var description: String {
        if isV4 { return bytes.map(String.init).joined(separator: ".") }
        var groups: [String] = []
        for index in stride(from: 0, to: 16, by: 2) {
            groups.append(String(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]), radix: 16))
        }
        return groups.joined(separator: ":")
    }
}

// MARK: - Private

extension IPAddress {
    // RFC 6890 special-purpose ranges a feed has no business living in.
    private static let v4Ranges: [(IPAddress, Int, Category)] = [
        (IPAddress(v4: 0, 0, 0, 0), 8, .unspecified),  // "this network"; 0.0.0.0 reaches the local host on Linux
        (IPAddress(v4: 127, 0, 0, 0), 8, .loopback),
        (IPAddress(v4: 10, 0, 0, 0), 8, .private),
        (IPAddress(v4: 172, 16, 0, 0), 12, .private),
        (IPAddress(v4: 192, 168, 0, 0), 16, .private),
        // RFC 6598 shared address space: carrier NAT and some cloud metadata services (100.100.100.200).
        (IPAddress(v4: 100, 64, 0, 0), 10, .private),
        (IPAddress(v4: 169, 254, 0, 0), 16, .linkLocal),  // includes the 169.254.169.254 metadata service
        (IPAddress(v4: 224, 0, 0, 0), 4, .multicast),
        (IPAddress(v4: 255, 255, 255, 255), 32, .broadcast),
    ]

    private static let v6Ranges: [(IPAddress, Int, Category)] = [
        (IPAddress(bytes: Array(repeating: 0, count: 16))!, 128, .unspecified),
        (IPAddress(bytes: Array(repeating: 0, count: 15) + [1])!, 128, .loopback),
        (IPAddress(bytes: [0xFC] + Array(repeating: 0, count: 15))!, 7, .private),
        (IPAddress(bytes: [0xFE, 0xC0] + Array(repeating: 0, count: 14))!, 10, .private),  // deprecated site-local
        (IPAddress(bytes: [0xFE, 0x80] + Array(repeating: 0, count: 14))!, 10, .linkLocal),
        (IPAddress(bytes: [0xFF] + Array(repeating: 0, count: 15))!, 8, .multicast),
    ]

    /// Strict dotted quad: four decimal parts 0–255 without leading zeros (`010` is octal to some parsers).
    private static func parseV4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                part == "0" || part.first != "0", let value = UInt8(part)
            else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    /// RFC 4291 text forms: eight groups, one `::`, and an optional dotted quad at the end.
    private static func parseV6(_ text: Substring) -> [UInt8]? {
        guard let gap = text.firstRange(of: "::") else {
            guard let bytes = parseGroups(text, allowV4Tail: true), bytes.count == 16 else { return nil }
            return bytes
        }
        let right = text[gap.upperBound...]
        guard right.firstRange(of: "::") == nil,
            let head = parseGroups(text[..<gap.lowerBound], allowV4Tail: false),
            let tail = parseGroups(right, allowV4Tail: true), head.count + tail.count <= 14
        else { return nil }
        return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    private static func parseGroups(_ text: Substring, allowV4Tail: Bool) -> [UInt8]? {
        if text.isEmpty { return [] }
        let groups = text.split(separator: ":", omittingEmptySubsequences: false)
        var bytes: [UInt8] = []
        for (index, group) in groups.enumerated() {
            if group.contains(".") {
                guard allowV4Tail, index == groups.count - 1, let v4 = parseV4(group) else { return nil }
                bytes += v4
                continue
            }
            guard (1...4).contains(group.count), group.allSatisfy(\.isHexDigit), let value = UInt16(group, radix: 16) else {
                return nil
            }
            bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
        }
        return bytes
    }
}

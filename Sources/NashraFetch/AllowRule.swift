/// One entry of the address guard's allow-list: an address or CIDR block, and optionally a port.
///
/// Written as in INTERFACE.md: `127.0.0.1:8080`, `127.0.0.1`, `10.0.0.0/8`, `[::1]:9000`,
/// and also `::1`, `fc00::/7`, `[fc00::/7]:443`, `10.0.0.0/8:8080`.
struct AllowRule: Sendable, Hashable, CustomStringConvertible {
    let network: IPAddress
    let prefixLength: Int
    /// `nil`: any port.
    let port: Int?
    /// The rule as written, for messages.
    let description: String

    /// Reads one rule.
    /// - Throws: `FetchError.Code.invalidAllowRule`, naming the rule and what is wrong with it.
    init(parsing text: String) throws(FetchError) {
        let rule = text.trimmingASCIIWhitespace()
        description = rule
        func fail(_ reason: String) -> FetchError {
            FetchError(code: .invalidAllowRule, message: "allow rule \"\(rule)\": \(reason)")
        }

        var addressPart: Substring
        var portPart: Substring?
        if rule.hasPrefix("[") {
            guard let close = rule.firstIndex(of: "]") else { throw fail("missing \"]\"") }
            addressPart = rule[rule.index(after: rule.startIndex)..<close]
            let rest = rule[rule.index(after: close)...]
            if !rest.isEmpty {
                guard rest.first == ":" else { throw fail("expected \":port\" after \"]\"") }
                portPart = rest.dropFirst()
            }
        } else if rule.filter({ $0 == ":" }).count == 1, let colon = rule.firstIndex(of: ":") {
            addressPart = rule[..<colon]
            portPart = rule[rule.index(after: colon)...]
        } else {
            // No colon (IPv4) or several (a bare IPv6 address, which cannot carry a port without brackets).
            addressPart = Substring(rule)
        }

        var length: Int?
        if let slash = addressPart.firstIndex(of: "/") {
            guard let value = Int(addressPart[addressPart.index(after: slash)...]) else {
                throw fail("the prefix length after \"/\" is not a number")
            }
            length = value
            addressPart = addressPart[..<slash]
        }
        guard let address = IPAddress(addressPart) else {
            throw fail("\"\(addressPart)\" is not an IP address (host names are not allowed in rules)")
        }
        let maximum = address.bytes.count * 8
        if let length, !(0...maximum).contains(length) {
            throw fail("prefix length \(length) is outside 0...\(maximum)")
        }
        if let portPart {
            guard let value = Int(portPart), (1...65535).contains(value) else {
                throw fail("\"\(portPart)\" is not a port number")
            }
            port = value
        } else {
            port = nil
        }
        network = address.unmapped
        if let length {
            // `::ffff:10.0.0.0/104` is written over 128 bits but matched as the IPv4 block it maps.
            prefixLength = network.isV4 && !address.isV4 ? max(0, length - 96) : length
        } else {
            prefixLength = network.bytes.count * 8
        }
    }

    /// True when the rule lets `address` (on `port`) through.
    func permits(_ address: IPAddress, port: Int) -> Bool {
        if let rulePort = self.port, rulePort != port { return false }
        return address.unmapped.isIn(network, prefixLength: prefixLength)
    }
}

// MARK: - Private

extension String {
    fileprivate func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}

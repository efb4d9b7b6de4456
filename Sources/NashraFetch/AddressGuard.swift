public import Foundation
import NIOPosix

/// Keeps subscriptions, and every redirect hop, on the public internet.
///
/// Refuses schemes other than `http` and `https` (and `file`, unless enabled), and any host
/// that resolves to a loopback, private, link-local, multicast or unspecified address, unless
/// an allow rule permits that address (and port, when the rule names one). INTERFACE.md
/// describes the rules: `127.0.0.1:8080`, `127.0.0.1`, `10.0.0.0/8`, `[::1]:9000`.
///
/// The check runs before each request, and ``Fetcher`` checks the connected peer again, so a
/// host whose DNS answer changes between the two (DNS rebinding) is still refused.
public struct AddressGuard: Sendable {
    /// The parsed allow-list.
    let rules: [AllowRule]
    /// Whether `file:` subscriptions may be read from disk (`NASHRA_ALLOW_FILE=1`, `allowFileURLs`).
    public var allowFileURLs: Bool

    /// A guard with no allow rules and `file:` URLs refused.
    public init() {
        rules = []
        allowFileURLs = false
    }

    /// A guard that lets the listed addresses through.
    /// - Parameters:
    ///   - allow: Rules such as `127.0.0.1:8080`, `127.0.0.1`, `10.0.0.0/8`, `[::1]:9000`;
    ///     surrounding spaces and empty entries (from `"a, b,"`) are ignored.
    ///   - allowFileURLs: Whether `file:` URLs may be read.
    /// - Throws: ``FetchError`` with code `invalidAllowRule`, naming the first rule that cannot be read.
    public init(allow: [String], allowFileURLs: Bool = false) throws {
        var rules: [AllowRule] = []
        for text in allow where !text.allSatisfy({ $0 == " " || $0 == "\t" }) {
            rules.append(try AllowRule(parsing: text))
        }
        self.rules = rules
        self.allowFileURLs = allowFileURLs
    }

    /// The allow rules as written, for `feeds list` and logs.
    public var allowList: [String] { rules.map(\.description) }

    /// Checks the scheme, then resolves the host and checks every address it resolves to.
    /// - Throws: ``FetchError`` with code `refusedScheme`, `fileURLsDisabled`, `invalidURL`,
    ///   `refusedAddress`, or `connection` when the host does not resolve.
    public func check(_ url: URL) async throws(FetchError) {
        let scheme = url.scheme?.lowercased()
        switch scheme {
        case "http", "https":
            break
        case "file":
            guard allowFileURLs else {
                throw FetchError(code: .fileURLsDisabled, message: "file: URLs are not enabled (NASHRA_ALLOW_FILE=1)", url: url)
            }
            return
        case nil:
            throw FetchError(code: .invalidURL, message: "the URL has no scheme", url: url)
        case let scheme?:
            throw FetchError(code: .refusedScheme, message: "\"\(scheme):\" URLs are not fetched; use http or https", url: url)
        }
        guard let host = Self.host(of: url) else {
            throw FetchError(code: .invalidURL, message: "the URL has no host", url: url)
        }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        for address in try await Self.resolve(host, url: url) {
            try check(address, port: port, host: host, url: url)
        }
    }

    /// Refuses `address` unless it is public or an allow rule permits it on `port`.
    func check(_ address: IPAddress, port: Int, host: String, url: URL?) throws(FetchError) {
        guard let category = address.category, !rules.contains(where: { $0.permits(address, port: port) }) else { return }
        let shown = host == address.description ? host : "\(host) (\(address))"
        throw FetchError(
            code: .refusedAddress,
            message: "\(shown) is a \(category.rawValue) address; an allow rule (fetchAllow, NASHRA_FETCH_ALLOW) can permit it",
            url: url
        )
    }
}

// MARK: - Private

extension AddressGuard {
    /// The host without IPv6 brackets; `nil` when empty.
    static func host(of url: URL) -> String? {
        guard var host = url.host, !host.isEmpty else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : host
    }

    /// Every address `host` resolves to. An IP literal is taken as is; a name goes through
    /// `getaddrinfo` (Foundation's `Host`) on NIO's thread pool, since it blocks.
    private static func resolve(_ host: String, url: URL) async throws(FetchError) -> [IPAddress] {
        if let literal = IPAddress(host) { return [literal] }
        let texts: [String]
        do {
            texts = try await NIOThreadPool.singleton.runIfActive { Host(name: host).addresses }
        } catch {
            throw FetchError(code: .connection, message: "could not resolve \(host): \(error)", url: url)
        }
        let addresses = texts.compactMap { IPAddress($0) }
        guard !addresses.isEmpty else {
            throw FetchError(code: .connection, message: "could not resolve \(host)", url: url)
        }
        return addresses
    }
}

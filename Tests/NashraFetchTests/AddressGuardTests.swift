import Foundation
import NashraFetch
import Testing

/// The address guard on its own: literal addresses need no network, so these run anywhere.
@Suite("Address guard")
struct AddressGuardTests {
    @Test(arguments: [
        "http://127.0.0.1/", "http://127.1.2.3:8080/", "http://0.0.0.0/", "http://10.0.0.1/", "http://172.16.0.1/",
        "http://172.31.255.254/", "http://192.168.1.1/", "http://100.100.100.200/", "http://169.254.169.254/latest/meta-data/",
        "http://224.0.0.251/", "http://255.255.255.255/", "http://[::1]/", "http://[::]/", "http://[fe80::1]/",
        "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://[ff02::1]/", "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:a00:1]/", "https://localhost/", "http://2130706433/",
    ])
    func refusesNonPublicAddresses(_ text: String) async throws {
        let url = try #require(URL(string: text))
        let error = await #expect(throws: FetchError.self) { try await AddressGuard().check(url) }
        #expect(error?.code == .refusedAddress, "\(text): \(error.map(String.init(describing:)) ?? "no error")")
    }

    @Test(arguments: [
        "http://93.184.216.34/", "https://8.8.8.8:8443/feed", "http://172.32.0.1/", "http://11.0.0.1/",
        "https://[2606:4700:4700::1111]/", "http://[2a00:1450::1]:8080/rss",
    ])
    func letsPublicAddressesThrough(_ text: String) async throws {
        let url = try #require(URL(string: text))
        try await AddressGuard().check(url)
    }

    @Test func refusesOtherSchemes() async throws {
        for text in ["ftp://example.ma/feed.xml", "gopher://example.ma/", "javascript:alert(1)", "data:text/plain,hi"] {
            let url = try #require(URL(string: text))
            let error = await #expect(throws: FetchError.self) { try await AddressGuard().check(url) }
            #expect(error?.code == .refusedScheme, "\(text)")
        }
    }

    @Test func fileURLsNeedToBeEnabled() async throws {
        let url = URL(fileURLWithPath: "/tmp/feed.xml")
        let error = await #expect(throws: FetchError.self) { try await AddressGuard().check(url) }
        #expect(error?.code == .fileURLsDisabled)
        try await AddressGuard(allow: [], allowFileURLs: true).check(url)
    }

    @Test func allowRulesMatchAddressAndPort() async throws {
        let allowed = try AddressGuard(
            allow: ["127.0.0.1:8080", "10.0.0.0/8", "[::1]:9000", " fc00::/7 ", "", "192.168.1.10"]
        )
        for text in [
            "http://127.0.0.1:8080/", "http://10.1.2.3/", "http://10.255.0.1:8443/", "http://[::1]:9000/",
            "http://[fd00::5]/", "http://192.168.1.10/", "http://[::ffff:127.0.0.1]:8080/",
        ] {
            await #expect(throws: Never.self, "\(text)") { try await allowed.check(URL(string: text)!) }
        }
        for text in [
            "http://127.0.0.1/", "http://127.0.0.1:8081/", "http://[::1]:9001/", "http://192.168.1.11/", "http://172.16.0.1/",
        ] {
            let error = await #expect(throws: FetchError.self, "\(text)") { try await allowed.check(URL(string: text)!) }
            #expect(error?.code == .refusedAddress, "\(text)")
        }
        #expect(allowed.allowList == ["127.0.0.1:8080", "10.0.0.0/8", "[::1]:9000", "fc00::/7", "192.168.1.10"])
    }

    @Test(arguments: [
        "localhost", "10.0.0.0/33", "127.0.0.1:99999", "127.0.0.1:http", "[::1", "[::1]9000", "1.2.3", "01.2.3.4", "::1::2",
    ])
    func badRulesAreNamed(_ rule: String) throws {
        let error = #expect(throws: FetchError.self) { try AddressGuard(allow: ["127.0.0.1", rule]) }
        #expect(error?.code == .invalidAllowRule)
        #expect(error?.message.contains("\"\(rule)\"") == true, "\(error?.message ?? "")")
    }

    @Test func errorDescriptionsHideCredentials() {
        let error = FetchError(code: .timeout, message: "slow", url: URL(string: "https://editor:s3cret@example.ma/feed")!)
        #expect(!error.description.contains("s3cret"))
        #expect(error.description.contains("example.ma/feed"))
        #expect(error.description.hasPrefix("timeout: slow"))
    }
}

import Foundation
import Testing

@testable import NashraFetch
import NashraModel

/// `Retry-After`, `Cache-Control` and IP text, read without Foundation formatters or the C library.
@Suite("Header and address parsing")
struct HeaderParsingTests {
    // RFC 9110 §5.6.7's example, in its three forms.
    @Test(arguments: ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"])
    func httpDates(_ text: String) {
        #expect(HTTPDate.parse(text) == Date(timeIntervalSince1970: 784_111_777))
    }

    @Test(arguments: ["", "tomorrow", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT", "06 1994"])
    func notHTTPDates(_ text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }

    @Test func retryAfter() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(CachingHeaders.retryAfter("120", now: now) == now.addingTimeInterval(120))
        #expect(CachingHeaders.retryAfter(" 0 ", now: now) == now)
        #expect(CachingHeaders.retryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == Date(timeIntervalSince1970: 784_111_777))
        #expect(CachingHeaders.retryAfter("-5", now: now) == nil)
        #expect(CachingHeaders.retryAfter("soon", now: now) == nil)
    }

    @Test func maxAge() {
        #expect(CachingHeaders.maxAge("max-age=600") == 600)
        #expect(CachingHeaders.maxAge("public, MAX-AGE = 300, must-revalidate") == 300)
        #expect(CachingHeaders.maxAge("s-maxage=60, max-age=\"90\"") == 90)
        #expect(CachingHeaders.maxAge("no-cache") == nil)
        #expect(CachingHeaders.maxAge("max-age=-1") == nil)
    }

    @Test func ipAddressText() throws {
        #expect(IPAddress("1.2.3.4")?.bytes == [1, 2, 3, 4])
        #expect(IPAddress("::")?.bytes == Array(repeating: 0, count: 16))
        #expect(IPAddress("::1")?.bytes == Array(repeating: 0, count: 15) + [1])
        #expect(IPAddress("fe80::1%eth0")?.category == .linkLocal)
        #expect(IPAddress("::ffff:10.0.0.1")?.unmapped == IPAddress("10.0.0.1"))
        #expect(IPAddress("64:ff9b::7f00:1")?.category == .loopback)
        #expect(IPAddress("1:2:3:4:5:6:7:8")?.description == "1:2:3:4:5:6:7:8")
        #expect(IPAddress("2001:db8::1")?.category == nil)
        for bad in [
            "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "g::1",
            "::1.2.3",
        ] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
    }
}

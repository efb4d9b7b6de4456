import NIOCore
import NIOEmbedded
import Testing

@testable import NashraFetch

/// The second look at the connected peer, which catches a name whose DNS answer changed after
/// the guard checked it (DNS rebinding). Driven with an `EmbeddedChannel` standing in for AHC's.
@Suite("Peer check on new connections")
struct PeerCheckTests {
    @Test func refusesAPrivatePeerAndClosesTheChannel() throws {
        let channel = EmbeddedChannel()
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
        channel.remoteAddress = try SocketAddress(ipAddress: "127.0.0.1", port: 8080)
        let error = #expect(throws: FetchError.self) { try AddressGuard().peerCheck()(channel).wait() }
        #expect(error?.code == .refusedAddress)
        #expect(!channel.isActive)
    }

    @Test func letsAllowedAndPublicPeersThrough() throws {
        let addressGuard = try AddressGuard(allow: ["127.0.0.1:8080"])
        for (ip, port) in [("127.0.0.1", 8080), ("93.184.216.34", 443), ("2606:4700:4700::1111", 443)] {
            let channel = EmbeddedChannel()
            channel.remoteAddress = try SocketAddress(ipAddress: ip, port: port)
            #expect(throws: Never.self, "\(ip)") { try addressGuard.peerCheck()(channel).wait() }
            _ = try? channel.finish()
        }
        let other = EmbeddedChannel()
        other.remoteAddress = try SocketAddress(ipAddress: "127.0.0.1", port: 8081)
        #expect(throws: FetchError.self) { try addressGuard.peerCheck()(other).wait() }
    }
}

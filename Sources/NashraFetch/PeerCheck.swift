import NIOCore

extension AddressGuard {
    /// A hook for AHC's connection initializers: refuses a freshly connected peer that the guard
    /// would refuse, closing the channel. The name was checked before the request; this catches
    /// a DNS answer that changed between that check and AHC's own lookup.
    func peerCheck() -> @Sendable (any Channel) -> EventLoopFuture<Void> {
        let addressGuard = self
        return { channel in
            // Only IP peers reach here: the guard already refused every scheme but http and https.
            guard let remote = channel.remoteAddress, let text = remote.ipAddress, let address = IPAddress(text),
                let port = remote.port
            else {
                return channel.eventLoop.makeSucceededVoidFuture()
            }
            do {
                try addressGuard.check(address, port: port, host: text, url: nil)
                return channel.eventLoop.makeSucceededVoidFuture()
            } catch {
                channel.close(promise: nil)
                return channel.eventLoop.makeFailedFuture(error)
            }
        }
    }
}

import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1 child channel with a `CachedFeedHandler` added right
/// after its connection-state handler, so idle time-outs and graceful
/// shutdown still see every request and answer.
struct CachedFeedChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http1: HTTP1Channel
    let responder: CachedFeedResponder

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let responder = responder
        return http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let pipeline = channel.pipeline.syncOperations
            let connectionState = try pipeline.handler(type: HTTPConnectionStateHandler.self)
            try pipeline.addHandler(CachedFeedHandler(responder: responder), position: .after(connectionState))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

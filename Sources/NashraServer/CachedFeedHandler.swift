import Foundation
import HTTPTypes
import NashraModel
import NIOCore
import NIOHTTPTypes

/// Sits in each connection's pipeline in front of the router and answers
/// GETs and HEADs of cached feeds on the event loop (`CachedFeedResponder`):
/// no task, no hop to the concurrency pool, for the requests that are most
/// of the load. Any other request passes through to the router untouched.
///
/// Answers keep the order of the requests: while a request handed to the
/// router is not answered yet, later ones follow it there.
final class CachedFeedHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum State {
        /// Between requests.
        case idle
        /// Answering this request; its remaining parts are dropped, the answer goes out at its end.
        case answering(CachedFeedResponder.Decision)
        /// Passing this request's parts to the router.
        case forwarding
    }

    private let responder: CachedFeedResponder
    private var state = State.idle
    /// Requests handed to the router whose answers have not ended yet.
    private var unanswered = 0
    private var needsFlush = false
    /// The fields of the last answer written, with its `Date`: a client asking again for the
    /// same feed within the second gets them as they are.
    private var lastHeaders: (etag: String, status: HTTPResponse.Status, method: HTTPRequest.Method, second: Int, fields: HTTPFields)?

    init(responder: CachedFeedResponder) {
        self.responder = responder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            if unanswered == 0, let decision = responder.decide(request) {
                state = .answering(decision)
                return
            }
            state = .forwarding
            unanswered += 1
            context.fireChannelRead(data)
        case .body:
            if case .answering = state { return }
            context.fireChannelRead(data)
        case .end:
            if case .answering(let decision) = state {
                state = .idle
                write(decision, context: context)
                return
            }
            state = .idle
            context.fireChannelRead(data)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { unanswered = max(0, unanswered - 1) }
        context.write(data, promise: promise)
    }

    private func write(_ decision: CachedFeedResponder.Decision, context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(.head(HTTPResponse(status: decision.status, headerFields: headers(for: decision)))), promise: nil)
        if let body = responder.body(for: decision) { context.write(wrapOutboundOut(.body(body)), promise: nil) }
        context.write(wrapOutboundOut(.end(nil)), promise: nil)
        needsFlush = true
        responder.written(decision)
    }

    private func headers(for decision: CachedFeedResponder.Decision) -> HTTPFields {
        let now = Date()
        let second = Int(now.timeIntervalSince1970)
        if let last = lastHeaders, last.second == second, last.status == decision.status, last.method == decision.method,
            last.etag == decision.etag
        {
            return last.fields
        }
        var fields = responder.headers(for: decision)
        fields[.date] = HTTPDate.format(now)
        lastHeaders = (decision.etag, decision.status, decision.method, second, fields)
        return fields
    }
}

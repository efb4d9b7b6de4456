import Foundation
import Hummingbird
import HTTPTypes
import Logging

/// Public routes answer GET and HEAD only: anything else is 405 with `Allow`.
struct PublicMethodsMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            throw HTTPError(.methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        return try await next(request, context)
    }
}

/// One log line per request (method, path, status, milliseconds) and its metrics.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status.code, elapsed: ContinuousClock.now - started)
            return response
        } catch {
            record(request, context, status: (error as? any HTTPResponseError)?.status.code ?? 500, elapsed: ContinuousClock.now - started)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, status: Int, elapsed: Duration) {
        let route = context.endpointPath ?? "unmatched"
        metrics.request(route: route, status: status, duration: elapsed)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info(
            "request",
            metadata: [
                "http.method": "\(request.method.rawValue)", "http.path": "\(request.uri.path)", "http.status": "\(status)",
                "duration.ms": "\(String(format: "%.2f", milliseconds))",
            ])
    }
}

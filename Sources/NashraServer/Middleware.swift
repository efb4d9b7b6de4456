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

/// Logs and counts every request the router answers.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let log: RequestLog

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
        log.record(
            method: request.method.rawValue, path: request.uri.path, route: context.endpointPath ?? "unmatched", status: status,
            elapsed: elapsed, logger: context.logger)
    }
}

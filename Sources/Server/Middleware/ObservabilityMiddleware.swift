import Foundation
import Hummingbird
import Logging

/// The outermost middleware: gives the request its id, turns every error into the error envelope,
/// writes one structured access-log line, and counts the request in the metrics.
struct ObservabilityMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let logger: Logger
    let metrics: ServerMetrics

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var context = context
        context.requestId = RequestId.make(from: request.headers[.requestId])
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let apiError = APIError.from(error)
            if apiError.status.code >= 500 {
                logger.error("request failed", metadata: ["request_id": "\(context.requestId)", "error": "\(error)"])
            }
            response = Reply.error(apiError, requestId: context.requestId)
        }
        response.headers[.requestId] = context.requestId
        let elapsed = ContinuousClock.now - started
        let route = context.endpointPath ?? "unmatched"
        metrics.record(method: request.method.rawValue, route: route, status: response.status.code, duration: elapsed)
        // Only the non-secret key prefix is logged; the Authorization header never is.
        logger.info("request", metadata: [
            "request_id": "\(context.requestId)",
            "method": "\(request.method.rawValue)",
            "path": "\(request.uri.path)",
            "status": "\(response.status.code)",
            "duration_ms": "\(Self.milliseconds(elapsed))",
            "key_prefix": "\(context.annotations.keyPrefix ?? "-")",
        ])
        return response
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.3f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}

/// Request ids: the caller's, when it is short and printable, else a fresh one; always `req_`-prefixed.
enum RequestId {
    static func make(from header: String?) -> String {
        if let header, (1...128).contains(header.utf8.count),
           header.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") }) {
            return header.hasPrefix("req_") ? header : "req_" + header
        }
        var rng = SystemRandomNumberGenerator()
        return "req_" + (0..<12).map { _ in String(UInt8.random(in: 0...255, using: &rng), radix: 16).leftPadded() }.joined()
    }
}

private extension String {
    func leftPadded() -> String { count == 1 ? "0" + self : self }
}

import Foundation
import Hummingbird

/// A per-key fixed-window limit of requests a minute, as the vendor documents (`X-RateLimit-*`, 429 with `Retry-After`).
public actor RateLimiter {
    /// Requests allowed per key per minute.
    public let limit: Int
    private var windows: [String: (start: Int, used: Int)] = [:]
    /// The window the map was last swept in: old windows are dropped once a minute, never per request.
    private var sweptWindow = Int.min
    private let clock: @Sendable () -> Date

    /// The outcome for one request: whether it may proceed, and what the headers say.
    struct Decision {
        var allowed: Bool
        var remaining: Int
        /// Unix seconds when the window resets.
        var reset: Int
        /// Seconds until the window resets, for `Retry-After`.
        var retryAfter: Int
    }

    /// Creates a limiter of `limit` requests a minute per key.
    public init(limit: Int, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.limit = limit
        self.clock = clock
    }

    func take(_ key: String) -> Decision {
        let now = Int(clock().timeIntervalSince1970)
        let start = now - now % 60
        if start != sweptWindow {
            // Keys of past minutes have nothing left to limit; one pass a minute keeps the map to this minute's keys.
            sweptWindow = start
            if !windows.isEmpty { windows = windows.filter { $0.value.start == start } }
        }
        var window: (start: Int, used: Int) = windows[key].flatMap { $0.start == start ? $0 : nil } ?? (start, 0)
        let allowed = window.used < limit
        if allowed { window.used += 1 }
        windows[key] = window
        return Decision(allowed: allowed, remaining: limit - window.used, reset: start + 60, retryAfter: max(1, start + 60 - now))
    }
}

/// Applies the rate limiter to authenticated requests and adds its headers to every answer.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let limiter: RateLimiter

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        _ = try context.requirePrincipal()
        let decision = await limiter.take(context.callerKey)
        let headers: HTTPFields = [
            .rateLimitLimit: String(limiter.limit),
            .rateLimitRemaining: String(decision.remaining),
            .rateLimitReset: String(decision.reset),
        ]
        guard decision.allowed else {
            var error = APIError(.tooManyRequests, "rate_limited",
                                 "this key made more than \(limiter.limit) requests this minute; retry after the reset")
            error.headers = headers
            error.headers[.retryAfter] = String(decision.retryAfter)
            throw error
        }
        do {
            var response = try await next(request, context)
            for field in headers { response.headers[field.name] = field.value }
            return response
        } catch {
            var apiError = APIError.from(error)
            for field in headers { apiError.headers[field.name] = field.value }
            throw apiError
        }
    }
}

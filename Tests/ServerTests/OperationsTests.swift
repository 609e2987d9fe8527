import Foundation
import Hummingbird
import Testing

/// Request ids, health, metrics and the per-key rate limit.
@Suite struct OperationsTests {
    @Test func requestIdsHealthAndMetrics() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let echoed = try await api.call(.get, "/api/v1/environments", headers: [HTTPField.Name("X-Request-Id")!: "req_abc123"])
            #expect(echoed.headers[HTTPField.Name("X-Request-Id")!] == "req_abc123")
            #expect(echoed.meta["request_id"] as? String == "req_abc123")
            let made = try await api.call(.get, "/api/v1/nowhere")
            #expect(made.status == .notFound)
            #expect(made.headers[HTTPField.Name("X-Request-Id")!]?.hasPrefix("req_") == true)
            #expect(made.error["request_id"] as? String == made.headers[HTTPField.Name("X-Request-Id")!])

            #expect(try await api.call(.get, "/healthz", as: nil).status == .ok)
            #expect(try await api.call(.get, "/readyz", as: nil).status == .ok)
            let metrics = try await api.call(.get, "/metrics", as: nil)
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("govctl_http_requests_total"))
            #expect(metrics.text.contains("govctl_http_request_duration_seconds_bucket"))
            #expect(metrics.text.contains("govctl_http_request_errors_total"))
            #expect(metrics.text.contains(#"route="/api/v1/environments""#))
            #expect(!metrics.text.contains(fixture.keys["owner", default: "-"]))
        }
    }

    @Test func rateLimitPerKey() async throws {
        let fixture = try await ServerFixture(rateLimit: 3)
        try await fixture.run { api in
            for expected in [2, 1, 0] {
                let ok = try await api.call(.get, "/api/v1/environments")
                #expect(ok.status == .ok)
                #expect(ok.headers[HTTPField.Name("X-RateLimit-Limit")!] == "3")
                #expect(ok.headers[HTTPField.Name("X-RateLimit-Remaining")!] == String(expected))
                #expect(Int(ok.headers[HTTPField.Name("X-RateLimit-Reset")!] ?? "") ?? 0 > Int(Date().timeIntervalSince1970) - 1)
            }
            let limited = try await api.call(.get, "/api/v1/environments")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.code == "rate_limited")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            // Another key has its own budget.
            #expect(try await api.call(.get, "/api/v1/environments", as: "viewer").status == .ok)
        }
    }
}

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
        // The limiter's windows are minutes of the wall clock: a run that straddles a minute's end (a loaded machine)
        // starts a fresh budget halfway, so such a run is played again in the next minute, whose budget is whole.
        for attempt in 1...2 {
            let fixture = try await ServerFixture(rateLimit: 3)
            let answers = try await fixture.run { api in
                var out: [API.Answer] = []
                for _ in 0..<4 { out.append(try await api.call(.get, "/api/v1/environments")) }
                out.append(try await api.call(.get, "/api/v1/environments", as: "viewer"))
                return out
            }
            let resets = Set(answers.prefix(4).map { $0.headers[HTTPField.Name("X-RateLimit-Reset")!] ?? "" })
            if resets.count > 1 && attempt == 1 { continue }
            for (answer, expected) in zip(answers, [2, 1, 0]) {
                #expect(answer.status == .ok)
                #expect(answer.headers[HTTPField.Name("X-RateLimit-Limit")!] == "3")
                #expect(answer.headers[HTTPField.Name("X-RateLimit-Remaining")!] == String(expected))
                #expect(Int(answer.headers[HTTPField.Name("X-RateLimit-Reset")!] ?? "") ?? 0 > Int(Date().timeIntervalSince1970) - 61)
            }
            let limited = answers[3]
            #expect(limited.status == .tooManyRequests)
            #expect(limited.code == "rate_limited")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            // Another key has its own budget.
            #expect(answers[4].status == .ok)
            return
        }
    }

    /// The spec's rule: limits are per key, so exactly the answers to requests whose key authenticated carry the headers.
    @Test func rateLimitHeadersAreOnEveryAuthenticatedAnswerOnly() async throws {
        let fixture = try await ServerFixture(rateLimit: 100)
        try await fixture.run { api in
            let limit = HTTPField.Name("X-RateLimit-Limit")!
            let keyed: [(String, API.Answer)] = [
                ("200", try await api.call(.get, "/api/v1/environments")),
                ("201", try await api.call(.post, "/api/v1/policies", json: policyJSON("deny-db", environment: "env_staging"))),
                ("204", try await api.call(.delete, "/api/v1/environments/env_staging")),
                ("400", try await api.call(.post, "/api/v1/policies", json: #"{"priority": 1.5}"#)),
                ("403", try await api.call(.patch, "/api/v1/settings", as: "viewer", json: #"{"prune": true}"#)),
                ("404", try await api.call(.get, "/api/v1/environments/env_nowhere")),
                ("409", try await api.call(.delete, "/api/v1/environments/env_production")),
            ]
            for (name, answer) in keyed {
                #expect(answer.headers[limit] == "100", "\(name): \(answer.text)")
                #expect(answer.headers[HTTPField.Name("X-RateLimit-Remaining")!] != nil, "\(name)")
                #expect(answer.headers[HTTPField.Name("X-RateLimit-Reset")!] != nil, "\(name)")
            }
            let keyless: [(String, API.Answer)] = [
                ("401", try await api.call(.get, "/api/v1/environments", as: nil)),
                ("401 wrong key", try await api.call(.get, "/api/v1/environments", as: "mk_" + String(repeating: "0", count: 64))),
                ("400 key in URL", try await api.call(.get, "/api/v1/environments?api_key=x")),
                ("404 no route", try await api.call(.get, "/api/v1/nowhere")),
                ("405", try await api.call(.put, "/api/v1/environments", json: "{}")),
                ("healthz", try await api.call(.get, "/healthz", as: nil)),
                ("readyz", try await api.call(.get, "/readyz", as: nil)),
                ("metrics", try await api.call(.get, "/metrics", as: nil)),
            ]
            for (name, answer) in keyless { #expect(answer.headers[limit] == nil, "\(name)") }
        }
    }

    /// The spec's rule: the header is this exchange's id; the body's is the id of the request that produced the body.
    @Test func requestIdHeaderIsThisExchangeAndAReplayBodyIsTheFirstAnswer() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let requestId = HTTPField.Name("X-Request-Id")!
            let prefixed = try await api.call(.get, "/api/v1/environments", headers: [requestId: "abc-123"])
            #expect(prefixed.headers[requestId] == "req_abc-123")
            #expect(prefixed.meta["request_id"] as? String == "req_abc-123")
            let unusable = try await api.call(.get, "/api/v1/environments", headers: [requestId: "has \"quotes\""])
            #expect(unusable.headers[requestId]?.hasPrefix("req_") == true && unusable.headers[requestId] != "req_has \"quotes\"")
            #expect(unusable.meta["request_id"] as? String == unusable.headers[requestId])

            let body = policyJSON("deny-db", environment: "env_staging")
            let key = HTTPField.Name("Idempotency-Key")!
            let first = try await api.call(.post, "/api/v1/policies", json: body, headers: [key: "k-1", requestId: "req_first"])
            let replay = try await api.call(.post, "/api/v1/policies", json: body, headers: [key: "k-1", requestId: "req_retry"])
            #expect(first.headers[requestId] == "req_first" && first.meta["request_id"] as? String == "req_first")
            #expect(replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(replay.headers[requestId] == "req_retry")
            #expect(replay.text == first.text)
            #expect(replay.meta["request_id"] as? String == "req_first")
            #expect(replay.etag == first.etag)
        }
    }
}

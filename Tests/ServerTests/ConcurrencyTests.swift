import Foundation
import Hummingbird
@testable import Server
import Testing

/// `ETag` / `If-Match` and `Idempotency-Key`.
@Suite struct ConcurrencyTests {
    @Test func staleIfMatchIs412() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let first = try await api.call(.get, "/api/v1/environments/env_staging")
            let stale = try #require(first.etag)
            let changed = try await api.call(.patch, "/api/v1/environments/env_staging", json: #"{"name": "One"}"#,
                                             headers: [.ifMatch: stale])
            #expect(changed.status == .ok)
            let refused = try await api.call(.patch, "/api/v1/environments/env_staging", json: #"{"name": "Two"}"#,
                                             headers: [.ifMatch: stale])
            #expect(refused.status == .preconditionFailed)
            #expect(refused.code == "precondition_failed")
            #expect(try await api.call(.delete, "/api/v1/environments/env_staging", headers: [.ifMatch: stale]).status == .preconditionFailed)
            #expect(try await api.call(.get, "/api/v1/environments/env_staging").data["name"] as? String == "One")
            let fresh = try #require(changed.etag)
            #expect(try await api.call(.delete, "/api/v1/environments/env_staging", headers: [.ifMatch: fresh]).status == .noContent)
            let garbage = try await api.call(.patch, "/api/v1/environments/env_production", json: "{}", headers: [.ifMatch: "\"abc\""])
            #expect(garbage.status == .badRequest)
        }
    }

    @Test("an Idempotency-Key outside the spec's pattern is 400 and creates nothing", arguments: ["caf\u{E9}", "tab\tinside", "\u{7F}"])
    func idempotencyKeyPattern(key: String) async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let answer = try await api.call(.post, "/api/v1/policies", json: policyJSON("deny-db", environment: "env_staging"),
                                            headers: [HTTPField.Name("Idempotency-Key")!: key])
            #expect(answer.status == .badRequest, "\(answer.text)")
            #expect(try await api.call(.get, "/api/v1/policies?environment_id=env_staging").meta["total"] as? Int == 0)
        }
    }

    @Test func idempotentReplayMismatchAndInFlight() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let body = policyJSON("deny-db", environment: "env_staging")
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "create-deny-db-1"]
            let first = try await api.call(.post, "/api/v1/policies", json: body, headers: key)
            #expect(first.status == .created)
            let replay = try await api.call(.post, "/api/v1/policies", json: body, headers: key)
            #expect(replay.status == .created)
            #expect(replay.text == first.text)
            #expect(replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let list = try await api.call(.get, "/api/v1/policies?environment_id=env_staging")
            #expect(list.meta["total"] as? Int == 1)

            let other = try await api.call(.post, "/api/v1/policies", json: policyJSON("deny-other", environment: "env_staging"), headers: key)
            #expect(other.status == .unprocessableContent)
            #expect(other.rule == "idempotency-key-reused")

            // A key whose first request is still running: claim it as that request would, then retry over HTTP.
            let inFlightBody = policyJSON("deny-slow", environment: "env_staging")
            let caller = AuthMiddleware.callerKey(fixture.keys["owner", default: ""])
            let claim = await fixture.dependencies.idempotency.claim(
                "slow-1", principal: caller, bodyHash: IdempotencyStore.hash(ByteBuffer(string: inFlightBody)))
            guard case .proceed = claim else {
                Issue.record("a fresh key was not claimable")
                return
            }
            let running = try await api.call(.post, "/api/v1/policies", json: inFlightBody,
                                             headers: [HTTPField.Name("Idempotency-Key")!: "slow-1"])
            #expect(running.status == .conflict)
            #expect(running.rule == "idempotency-key-in-use")

            // Another key of the same name is another principal's: no replay across keys.
            let managerReplay = try await api.call(.post, "/api/v1/policies", as: "manager", json: body, headers: key)
            #expect(managerReplay.status == .conflict)
            #expect(managerReplay.rule == "name-taken")
        }
    }
}

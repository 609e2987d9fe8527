import Foundation
import Hummingbird
import Testing

/// Bearer keys only; every refused key gets the same 401; keys are issued once and never listed with their secret.
@Suite struct AuthTests {
    /// The body with its request id removed: the only part allowed to differ.
    static func withoutRequestId(_ answer: API.Answer) -> String {
        answer.text.replacingOccurrences(of: answer.error["request_id"] as? String ?? "", with: "")
    }

    @Test func everyRefusedKeyGetsTheSame401() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let issued = try await api.call(.post, "/api/v1/api-keys", json: #"{"name": "short-lived", "role": "viewer"}"#)
            let secret = try #require(issued.data["secret"] as? String)
            let id = try #require(issued.data["id"] as? String)
            #expect(try await api.call(.get, "/api/v1/environments", as: secret).status == .ok)
            #expect(try await api.call(.delete, "/api/v1/api-keys/\(id)").status == .noContent)

            let wrong = "mk_" + String(repeating: "ab", count: 32)
            let answers = [
                try await api.call(.get, "/api/v1/environments", as: nil),
                try await api.call(.get, "/api/v1/environments", as: "not-a-key"),
                try await api.call(.get, "/api/v1/environments", as: nil, headers: [.authorization: "Basic dXNlcjpwYXNz"]),
                try await api.call(.get, "/api/v1/environments", as: wrong),
                try await api.call(.get, "/api/v1/environments", as: secret),
            ]
            for answer in answers {
                #expect(answer.status == .unauthorized)
                #expect(answer.code == "unauthorized")
            }
            let bodies = Set(answers.map(Self.withoutRequestId))
            #expect(bodies.count == 1, "401 bodies differ: \(bodies)")
        }
    }

    @Test func bearerSchemeIsCaseInsensitive() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let key = fixture.keys["owner", default: ""]
            for scheme in ["bearer", "BEARER", "bEaReR", "Bearer  "] {
                let answer = try await api.call(.get, "/api/v1/environments", as: nil, headers: [.authorization: "\(scheme) \(key)"])
                #expect(answer.status == .ok, "'\(scheme) <key>': \(answer.text)")
            }
            // Only the scheme is case-insensitive; everything else stays the one 401.
            let refused = [
                try await api.call(.get, "/api/v1/environments", as: nil, headers: [.authorization: "bearer \(key.uppercased())"]),
                try await api.call(.get, "/api/v1/environments", as: nil, headers: [.authorization: "Bearerx \(key)"]),
                try await api.call(.get, "/api/v1/environments", as: nil, headers: [.authorization: "bearer"]),
                try await api.call(.get, "/api/v1/environments", as: nil, headers: [.authorization: "bearer "]),
                try await api.call(.get, "/api/v1/environments", as: nil, headers: [.authorization: key]),
                try await api.call(.get, "/api/v1/environments", as: nil),
            ]
            #expect(refused.allSatisfy { $0.status == .unauthorized && $0.code == "unauthorized" })
            #expect(Set(refused.map(Self.withoutRequestId)).count == 1)
        }
    }

    @Test func keyInQueryStringIsRefused() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let key = fixture.keys["owner", default: ""]
            let answer = try await api.call(.get, "/api/v1/environments?api_key=\(key)", as: nil)
            #expect(answer.status == .badRequest)
            #expect(!answer.text.contains(key))
            let withBoth = try await api.call(.get, "/api/v1/environments?token=\(key)")
            #expect(withBoth.status == .badRequest)
        }
    }

    @Test func secretIsShownOnceAndNeverListed() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let issued = try await api.call(.post, "/api/v1/api-keys",
                                             json: #"{"name": "ci", "role": "manager", "environment_id": "env_staging"}"#)
            #expect(issued.status == .created)
            let secret = try #require(issued.data["secret"] as? String)
            #expect(secret.hasPrefix("mk_") && secret.count == 67)
            #expect(issued.data["prefix"] as? String == String(secret.prefix(8)))
            let list = try await api.call(.get, "/api/v1/api-keys")
            #expect(list.status == .ok)
            #expect(!list.text.contains(secret))
            #expect(list.list.allSatisfy { $0["secret"] == nil })
            let state = try await api.call(.get, "/api/v1/state")
            #expect(!state.text.contains(secret))
            let broader = try await api.call(.post, "/api/v1/api-keys", as: "manager", json: #"{"name": "escalate", "role": "owner"}"#)
            #expect(broader.status == .forbidden)
        }
    }

    @Test func credentialValuesAreWriteOnly() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let value = "s3cr3t-value-\(UUID().uuidString)"
            let created = try await api.call(.post, "/api/v1/credentials",
                                             json: #"{"name": "crm-token", "type": "api_key", "value": "\#(value)", "environment_id": "env_staging"}"#)
            #expect(created.status == .created)
            #expect(created.data["value"] == nil && created.data["fingerprint"] == nil)
            let id = try #require(created.data["id"] as? String)
            for path in ["/api/v1/credentials", "/api/v1/credentials/\(id)", "/api/v1/state", "/api/v1/audit-events"] {
                let answer = try await api.call(.get, path)
                #expect(answer.status == .ok, "\(path)")
                #expect(!answer.text.contains(value), "\(path) shows the value")
            }
        }
    }
}

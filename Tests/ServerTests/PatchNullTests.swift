import Foundation
import Hummingbird
import Testing

/// In a PATCH, null clears a field that can be cleared and is a 400 naming any other field, never a silent "keep".
@Suite struct PatchNullTests {
    @Test func nullIsRefusedForFieldsThatCannotBeCleared() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let agent = try await api.call(.post, "/api/v1/agents", json: #"{"name": "bot", "environment_id": "env_staging"}"#)
            let policy = try await api.call(.post, "/api/v1/policies", json: policyJSON("deny-db", environment: "env_staging"))
            let credential = try await api.call(.post, "/api/v1/credentials",
                                                json: #"{"name": "crm", "type": "api_key", "value": "v", "environment_id": "env_staging"}"#)
            let key = try await api.call(.post, "/api/v1/api-keys", json: #"{"name": "ci", "role": "viewer"}"#)
            let ids = try [agent, policy, credential, key].map { try #require($0.data["id"] as? String) }
            let cases: [(String, [String])] = [
                ("/api/v1/environments/env_staging", ["name", "is_production", "enforcement_mode", "labels"]),
                ("/api/v1/agents/\(ids[0])", ["environment_id", "status", "labels"]),
                ("/api/v1/policies/\(ids[1])", ["name", "type", "action_pattern", "priority", "constraints", "labels"]),
                ("/api/v1/credentials/\(ids[2])", ["type", "value", "labels"]),
                ("/api/v1/api-keys/\(ids[3])", ["role", "labels"]),
                ("/api/v1/settings", ["mfa_required", "default_role", "notification_channels", "prune"]),
            ]
            for (path, fields) in cases {
                let before = try await api.call(.get, path)
                for field in fields {
                    let answer = try await api.call(.patch, path, json: #"{"\#(field)": null}"#)
                    #expect(answer.status == .badRequest, "\(path) \(field): \(answer.text)")
                    #expect(answer.code == "invalid_request")
                    let message = answer.error["message"] as? String ?? ""
                    #expect(message.contains("'\(field)'") && message.contains("not null"), "\(path): \(message)")
                }
                #expect(try await api.call(.get, path).etag == before.etag, "\(path) changed")
            }
            let renamed = try await api.call(.patch, "/api/v1/environments/env_staging", json: #"{"labels": {"team": null}}"#)
            #expect((renamed.error["message"] as? String)?.contains("'labels.team' must be a string, not null") == true, "\(renamed.text)")
        }
    }

    @Test func nullClearsWhatCanBeCleared() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let agent = try await api.call(.post, "/api/v1/agents",
                                           json: #"{"name": "bot", "environment_id": "env_staging", "description": "d", "mission_scope": "m"}"#)
            let agentId = try #require(agent.data["id"] as? String)
            let cleared = try await api.call(.patch, "/api/v1/agents/\(agentId)", json: #"{"description": null, "mission_scope": null}"#)
            #expect(cleared.status == .ok, "\(cleared.text)")
            #expect(cleared.data["description"] == nil && cleared.data["mission_scope"] == nil)

            let policy = try await api.call(.post, "/api/v1/policies",
                                            json: #"{"name": "p", "type": "deny", "action_pattern": "db.*", "environment_id": "env_staging", "description": "d"}"#)
            let policyId = try #require(policy.data["id"] as? String)
            let unset = try await api.call(.patch, "/api/v1/policies/\(policyId)", json: #"{"description": null}"#)
            #expect(unset.status == .ok && unset.data["description"] == nil, "\(unset.text)")

            // On a create, null for a clearable field is the same as leaving it out.
            let created = try await api.call(.post, "/api/v1/environments", json: #"{"slug": "qa-eu", "name": "QA", "description": null}"#)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.data["description"] == nil)
        }
    }
}

import Foundation
import Hummingbird
import Testing

/// `PUT /credentials/{id}/grants` and `PATCH /api-keys/{id}`: the two writes the reconciler needs beyond the vendor's documented routes.
@Suite struct GrantAndKeyRoleRouteTests {
    private static func grants(_ agents: [(environment: String, agent: String)]) -> String {
        let items = agents.map { #"{"environment_id": "env_\#($0.environment)", "agent": "\#($0.agent)"}"# }
        return #"{"grants": [\#(items.joined(separator: ", "))]}"#
    }

    private static func granted(_ answer: API.Answer) -> [String] {
        (answer.data["grants"] as? [[String: Any]] ?? []).compactMap { $0["agent"] as? String }.sorted()
    }

    @Test func grantsAreReplacedWholeConditionallyAndAudited() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            for agent in ["crm-bot", "etl-bot"] {
                try await api.call(.post, "/api/v1/agents", json: #"{"name": "\#(agent)", "environment_id": "env_staging"}"#)
            }
            let created = try await api.call(.post, "/api/v1/credentials",
                                             json: #"{"name": "crm", "type": "oauth_token", "value": "v", "environment_id": "env_staging"}"#)
            let id = try #require(created.data["id"] as? String)
            let path = "/api/v1/credentials/\(id)/grants"

            let both = try await api.call(.put, path, json: Self.grants([("staging", "crm-bot"), ("staging", "etl-bot")]),
                                          headers: [.ifMatch: try #require(created.etag)])
            #expect(both.status == .ok, "\(both.text)")
            #expect(Self.granted(both) == ["crm-bot", "etl-bot"])
            #expect(both.etag != created.etag)

            let stale = try await api.call(.put, path, json: Self.grants([]), headers: [.ifMatch: try #require(created.etag)])
            #expect(stale.status == .preconditionFailed)

            let one = try await api.call(.put, path, json: Self.grants([("staging", "etl-bot")]))
            #expect(Self.granted(one) == ["etl-bot"])
            #expect(Self.granted(try await api.call(.get, "/api/v1/credentials/\(id)")) == ["etl-bot"])

            let revoked = try await api.call(.get, "/api/v1/audit-events?action=grant.revoke")
            #expect(revoked.list.count == 1)
            #expect((revoked.list.first?["resource"] as? String)?.contains("crm-bot") == true)
        }
    }

    @Test func grantsRefuseWhatTheRulesForbid() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            try await api.call(.post, "/api/v1/agents", json: #"{"name": "prod-bot", "environment_id": "env_production"}"#)
            let scoped = try await api.call(.post, "/api/v1/credentials",
                                            json: #"{"name": "crm", "type": "oauth_token", "value": "v", "environment_id": "env_staging"}"#)
            let scopedId = try #require(scoped.data["id"] as? String)
            let tenant = try await api.call(.post, "/api/v1/credentials", json: #"{"name": "shared", "type": "api_key", "value": "v"}"#)
            let tenantId = try #require(tenant.data["id"] as? String)

            let crossEnvironment = try await api.call(.put, "/api/v1/credentials/\(scopedId)/grants",
                                                      json: Self.grants([("production", "prod-bot")]))
            #expect(crossEnvironment.status == .conflict, "\(crossEnvironment.text)")
            #expect(crossEnvironment.error["message"] as? String ?? "" != "")

            let unknownAgent = try await api.call(.put, "/api/v1/credentials/\(tenantId)/grants", json: Self.grants([("production", "ghost")]))
            #expect(unknownAgent.status == .notFound)

            let otherEnvironment = try await api.call(.put, "/api/v1/credentials/\(tenantId)/grants", as: "staging-manager",
                                                      json: Self.grants([("production", "prod-bot")]))
            #expect(otherEnvironment.status == .forbidden)
            #expect(try await api.call(.put, "/api/v1/credentials/\(scopedId)/grants", as: "member", json: Self.grants([])).status == .forbidden)

            let malformed = try await api.call(.put, "/api/v1/credentials/\(tenantId)/grants", json: #"{"grants": [{"agent": "prod-bot"}]}"#)
            #expect(malformed.status == .badRequest)
            #expect((malformed.error["message"] as? String)?.contains("environment_id") == true)
            let badId = try await api.call(.put, "/api/v1/credentials/\(tenantId)/grants", json: #"{"grants": [{"environment_id": "production", "agent": "prod-bot"}]}"#)
            #expect(badId.status == .badRequest, "\(badId.text)")
        }
    }

    @Test func keyRoleChangesKeepTheSecretAndNeverWiden() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let listed = try await api.call(.get, "/api/v1/api-keys?environment_id=env_staging")
            let id = try #require(listed.list.first?["id"] as? String)
            let current = try await api.call(.get, "/api/v1/api-keys/\(id)")

            let lowered = try await api.call(.patch, "/api/v1/api-keys/\(id)", json: #"{"role": "viewer", "labels": {"team": "crm"}}"#,
                                             headers: [.ifMatch: try #require(current.etag)])
            #expect(lowered.status == .ok, "\(lowered.text)")
            #expect(lowered.data["role"] as? String == "viewer")
            #expect((lowered.data["labels"] as? [String: String])?["team"] == "crm")
            #expect(lowered.data["secret"] == nil)
            // The same secret still authenticates, now with the lower role.
            #expect(try await api.call(.get, "/api/v1/environments", as: "staging-manager").status == .ok)
            #expect(try await api.call(.post, "/api/v1/policies", as: "staging-manager", json: policyJSON("deny-db")).status == .forbidden)

            let stale = try await api.call(.patch, "/api/v1/api-keys/\(id)", json: #"{"role": "manager"}"#,
                                           headers: [.ifMatch: try #require(current.etag)])
            #expect(stale.status == .preconditionFailed)

            let ownerKey = try await api.call(.get, "/api/v1/api-keys").list.first { $0["name"] as? String == "test-owner" }
            let ownerId = try #require(ownerKey?["id"] as? String)
            #expect(try await api.call(.patch, "/api/v1/api-keys/\(id)", as: "manager", json: #"{"role": "owner"}"#).status == .forbidden)
            #expect(try await api.call(.patch, "/api/v1/api-keys/\(ownerId)", as: "manager", json: #"{"role": "viewer"}"#).status == .forbidden)
            #expect(try await api.call(.patch, "/api/v1/api-keys/\(id)", as: "viewer", json: #"{"role": "viewer"}"#).status == .forbidden)
            let badRole = try await api.call(.patch, "/api/v1/api-keys/\(id)", json: #"{"role": "admin"}"#)
            #expect(badRole.status == .badRequest)
            #expect((badRole.error["message"] as? String)?.contains("owner, manager, member, viewer") == true)

            let audited = try await api.call(.get, "/api/v1/audit-events?action=apikey.update")
            #expect(audited.list.count == 1)
        }
    }

    @Test func keyRefusalsNameTheActionAndTheRole() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let keys = try await api.call(.get, "/api/v1/api-keys").list
            let ownerId = try #require(keys.first { $0["name"] as? String == "test-owner" }?["id"] as? String)
            let viewerId = try #require(keys.first { $0["name"] as? String == "test-viewer" }?["id"] as? String)
            let refusals: [(API.Answer, String)] = [
                (try await api.call(.post, "/api/v1/api-keys", as: "manager", json: #"{"name": "root", "role": "owner"}"#),
                 "a manager cannot issue an owner key; ask an owner"),
                (try await api.call(.patch, "/api/v1/api-keys/\(ownerId)", as: "manager", json: #"{"role": "viewer"}"#),
                 "a manager cannot change an owner key; ask an owner"),
                (try await api.call(.patch, "/api/v1/api-keys/\(viewerId)", as: "manager", json: #"{"role": "owner"}"#),
                 "a manager cannot give a key the owner role; ask an owner"),
                (try await api.call(.delete, "/api/v1/api-keys/\(ownerId)", as: "manager"),
                 "a manager cannot revoke an owner key; ask an owner"),
            ]
            for (answer, message) in refusals {
                #expect(answer.status == .forbidden)
                #expect(answer.code == "forbidden")
                #expect(answer.error["message"] as? String == message)
            }
        }
    }
}

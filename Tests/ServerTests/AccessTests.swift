import Foundation
import Hummingbird
import Testing

/// Scoped keys, roles, and the owner-only production-flag removal, as the control plane decides and the server maps.
@Suite struct AccessTests {
    @Test func scopedKeySeesOnlyItsEnvironment() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            try await api.call(.post, "/api/v1/policies", json: policyJSON("deny-prod", environment: "env_production"))
            let list = try await api.call(.get, "/api/v1/environments", as: "staging-manager")
            #expect(list.list.map { $0["id"] as? String } == ["env_staging"])
            #expect(list.meta["total"] as? Int == 1)

            let other = try await api.call(.get, "/api/v1/environments/env_production", as: "staging-manager")
            #expect(other.status == .forbidden)
            #expect(other.code == "forbidden")

            let created = try await api.call(.post, "/api/v1/policies", as: "staging-manager", json: policyJSON("deny-db"))
            #expect(created.status == .created)
            #expect(created.data["environment_id"] as? String == "env_staging")

            let elsewhere = try await api.call(.post, "/api/v1/policies", as: "staging-manager",
                                               json: policyJSON("deny-x", environment: "env_production"))
            #expect(elsewhere.status == .forbidden)

            let policies = try await api.call(.get, "/api/v1/policies", as: "staging-manager")
            #expect(policies.list.map { $0["name"] as? String } == ["deny-db"])
            let prodPolicies = try await api.call(.get, "/api/v1/policies?environment_id=env_production", as: "staging-manager")
            #expect(prodPolicies.status == .forbidden)

            let prodPolicy = try await api.call(.get, "/api/v1/policies?environment_id=env_production").list.first
            let id = try #require(prodPolicy?["id"] as? String)
            #expect(try await api.call(.get, "/api/v1/policies/\(id)", as: "staging-manager").status == .forbidden)
            #expect(try await api.call(.delete, "/api/v1/policies/\(id)", as: "staging-manager").status == .forbidden)

            let state = try await api.call(.get, "/api/v1/state", as: "staging-manager")
            #expect((state.data["environments"] as? [[String: Any]])?.map { $0["slug"] as? String } == ["staging"])
            #expect((state.data["policies"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test func memberAndViewerCannotWrite() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            for role in ["member", "viewer"] {
                let policy = try await api.call(.post, "/api/v1/policies", as: role, json: policyJSON("deny-\(role)", environment: "env_staging"))
                #expect(policy.status == .forbidden, "\(role) created a policy")
                let env = try await api.call(.patch, "/api/v1/environments/env_staging", as: role, json: #"{"name": "Renamed"}"#)
                #expect(env.status == .forbidden, "\(role) renamed an environment")
                let settings = try await api.call(.patch, "/api/v1/settings", as: role, json: #"{"mfa_required": true}"#)
                #expect(settings.status == .forbidden, "\(role) changed settings")
                #expect(try await api.call(.get, "/api/v1/environments", as: role).status == .ok)
            }
        }
    }

    @Test func onlyOwnerRemovesProductionFlagAndItIsAudited() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let manager = try await api.call(.patch, "/api/v1/environments/env_production", as: "manager", json: #"{"is_production": false}"#)
            #expect(manager.status == .forbidden)
            #expect(manager.rule == "owner-required")

            let owner = try await api.call(.patch, "/api/v1/environments/env_production", json: #"{"is_production": false}"#)
            #expect(owner.status == .ok)
            #expect(owner.data["is_production"] as? Bool == false)

            let audit = try await api.call(.get, "/api/v1/audit-events?action=environment.production-flag.remove&environment_id=env_production")
            #expect(audit.status == .ok)
            #expect(audit.meta["total"] as? Int == 1)
            let event = try #require(audit.list.first)
            #expect(event["environment_id"] as? String == "env_production")
            #expect(event["principal"] as? String == String(fixture.keys["owner", default: ""].prefix(8)))
        }
    }
}

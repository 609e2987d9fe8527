import Foundation
import Hummingbird
import Testing

/// The other resource routes end to end: agents, policies, credentials, API keys, settings, audit filters and state.
@Suite struct ResourceRouteTests {
    @Test func agentsPatchMoveAndDeregister() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            try await api.call(.post, "/api/v1/environments", json: #"{"slug": "qa-eu", "name": "QA"}"#)
            let created = try await api.call(.post, "/api/v1/agents",
                                             json: #"{"name": "crm-bot", "environment_id": "env_staging", "mission_scope": "crm"}"#)
            #expect(created.status == .created)
            let id = try #require(created.data["id"] as? String)
            let suspended = try await api.call(.patch, "/api/v1/agents/\(id)", json: #"{"status": "suspended", "labels": {"team": "crm"}}"#)
            #expect(suspended.status == .ok)
            #expect(suspended.data["status"] as? String == "suspended")
            #expect(suspended.data["mission_scope"] as? String == "crm")
            let moved = try await api.call(.patch, "/api/v1/agents/\(id)", json: #"{"environment_id": "env_qa-eu"}"#)
            #expect(moved.data["environment_id"] as? String == "env_qa-eu", "\(moved.text)")
            #expect(try await api.call(.get, "/api/v1/agents?environment_id=env_qa-eu").meta["total"] as? Int == 1)
            #expect(try await api.call(.get, "/api/v1/agents/\(id)", as: "staging-manager").status == .forbidden)
            #expect(try await api.call(.delete, "/api/v1/agents/\(id)").status == .noContent)
            #expect(try await api.call(.get, "/api/v1/agents/\(id)").status == .notFound)
        }
    }

    @Test func policiesPatchAndDelete() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let created = try await api.call(.post, "/api/v1/policies", json: policyJSON("deny-db", environment: "env_staging"))
            let id = try #require(created.data["id"] as? String)
            let listed = try await api.call(.get, "/api/v1/policies?environment_id=env_staging")
            #expect(listed.list.first?["id"] as? String == id, "the create answer's id is not the one the list shows")
            let patched = try await api.call(.patch, "/api/v1/policies/\(id)",
                                             json: #"{"name": "deny-database", "priority": 10, "constraints": {"hours": [9, 17]}}"#)
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(patched.data["name"] as? String == "deny-database")
            #expect(patched.data["priority"] as? Int == 10)
            #expect(patched.data["action_pattern"] as? String == "db.*")
            #expect((patched.data["constraints"] as? [String: Any])?["hours"] as? [Int] == [9, 17])
            let got = try await api.call(.get, "/api/v1/policies/\(id)")
            #expect(got.etag == patched.etag)
            #expect(try await api.call(.delete, "/api/v1/policies/\(id)").status == .noContent)
            #expect(try await api.call(.get, "/api/v1/policies/\(id)").status == .notFound)
        }
    }

    @Test func credentialsKeysAndSettings() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let created = try await api.call(.post, "/api/v1/credentials", json: #"{"name": "db", "type": "db_password", "value": "one"}"#)
            #expect(created.status == .created)
            #expect(created.data["environment_id"] == nil)
            let id = try #require(created.data["id"] as? String)
            let patched = try await api.call(.patch, "/api/v1/credentials/\(id)", json: #"{"value": "two", "labels": {"rotated": "yes"}}"#)
            #expect(patched.status == .ok)
            #expect(patched.data["type"] as? String == "db_password")
            #expect(try await api.call(.delete, "/api/v1/credentials/\(id)").status == .noContent)

            let key = try await api.call(.get, "/api/v1/api-keys?environment_id=env_staging")
            #expect(key.meta["total"] as? Int == 1)
            let keyId = try #require(key.list.first?["id"] as? String)
            let one = try await api.call(.get, "/api/v1/api-keys/\(keyId)")
            #expect(one.data["name"] as? String == "staging-manager")
            #expect(one.data["environment_id"] as? String == "env_staging")

            let settings = try await api.call(.get, "/api/v1/settings", as: "viewer")
            #expect(settings.data["mfa_required"] as? Bool == false)
            let changed = try await api.call(.patch, "/api/v1/settings",
                                             json: ##"{"mfa_required": true, "notification_channels": [{"type": "slack", "target": "#gov"}]}"##,
                                             headers: [.ifMatch: settings.etag ?? ""])
            #expect(changed.status == .ok)
            #expect(changed.data["mfa_required"] as? Bool == true)
            #expect(changed.data["default_role"] as? String == "viewer")
            let unknownChannel = try await api.call(.patch, "/api/v1/settings", json: #"{"notification_channels": [{"type": "fax", "target": "1"}]}"#)
            #expect(unknownChannel.status == .unprocessableContent)
            #expect(try await api.call(.patch, "/api/v1/settings", as: "staging-manager", json: #"{"prune": true}"#).status == .forbidden)
        }
    }

    @Test func auditFiltersAndState() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            try await api.call(.post, "/api/v1/policies", json: policyJSON("deny-db", environment: "env_staging"))
            let creates = try await api.call(.get, "/api/v1/audit-events?action=policy.create")
            #expect(creates.meta["total"] as? Int == 1)
            #expect(creates.list.first?["resource"] as? String == "policy/staging/deny-db")
            let scoped = try await api.call(.get, "/api/v1/audit-events", as: "staging-manager")
            #expect(scoped.list.allSatisfy { $0["environment_id"] as? String == "env_staging" })
            let future = try await api.call(.get, "/api/v1/audit-events?since=2100-01-01T00:00:00Z")
            #expect(future.meta["total"] as? Int == 0)
            let past = try await api.call(.get, "/api/v1/audit-events?until=2000-01-01T00:00:00Z")
            #expect(past.meta["total"] as? Int == 0)
            #expect(try await api.call(.get, "/api/v1/audit-events?since=yesterday").status == .badRequest)

            let state = try await api.call(.get, "/api/v1/state")
            #expect(state.status == .ok)
            let revision = try #require(state.data["revision"] as? Int)
            #expect(state.etag == "\"\(revision)\"")
            #expect((state.data["environments"] as? [Any])?.count == 2)
            #expect((state.data["api_keys"] as? [Any])?.count == 5)
            #expect(state.data["settings"] is [String: Any])
        }
    }
}

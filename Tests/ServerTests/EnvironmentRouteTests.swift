import Foundation
import Hummingbird
import Testing

/// The seed's stories over real HTTP: create staging, list with total, patch, and the delete rules with their statuses.
@Suite struct EnvironmentRouteTests {
    @Test func createListGetPatch() async throws {
        let fixture = try await ServerFixture(withStaging: false)
        try await fixture.run { api in
            let created = try await api.call(.post, "/api/v1/environments",
                                             json: #"{"slug": "staging", "name": "Staging", "description": "pre-prod"}"#)
            #expect(created.status == .created)
            #expect(created.data["id"] as? String == "env_staging")
            #expect(created.data["is_production"] as? Bool == false)
            #expect(created.data["enforcement_mode"] as? String == "monitor")
            #expect(created.etag == "\"\(created.data["revision"] as? Int ?? -1)\"")
            #expect((created.meta["request_id"] as? String)?.hasPrefix("req_") == true)

            let list = try await api.call(.get, "/api/v1/environments")
            #expect(list.status == .ok)
            #expect(list.meta["total"] as? Int == 2)
            #expect(list.list.map { $0["id"] as? String } == ["env_production", "env_staging"])
            #expect(list.meta.keys.contains("next_cursor"))

            let patched = try await api.call(.patch, "/api/v1/environments/env_staging",
                                             json: #"{"name": "Staging EU", "description": "the EU pre-production"}"#)
            #expect(patched.status == .ok)
            #expect(patched.data["name"] as? String == "Staging EU")
            #expect(patched.data["description"] as? String == "the EU pre-production")
            #expect(patched.etag != created.etag)

            let got = try await api.call(.get, "/api/v1/environments/env_staging")
            #expect(got.data["name"] as? String == "Staging EU")
            #expect(got.etag == patched.etag)

            let cleared = try await api.call(.patch, "/api/v1/environments/env_staging", json: #"{"description": null}"#)
            #expect(cleared.data["description"] == nil)
            #expect(cleared.data["name"] as? String == "Staging EU")

            let missing = try await api.call(.get, "/api/v1/environments/env_nowhere")
            #expect(missing.status == .notFound)
            #expect(missing.code == "not_found")
            let taken = try await api.call(.post, "/api/v1/environments", json: #"{"slug": "staging", "name": "Again"}"#)
            #expect(taken.status == .conflict)
            #expect(taken.rule == "slug-taken")
            let badSlug = try await api.call(.post, "/api/v1/environments", json: #"{"slug": "No", "name": "Bad"}"#)
            #expect(badSlug.status == .unprocessableContent)
            #expect(badSlug.rule == "invalid-slug")
        }
    }

    @Test func deleteRules() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            try await api.call(.post, "/api/v1/environments", json: #"{"slug": "prod-eu", "name": "EU", "is_production": true}"#)
            let protected = try await api.call(.delete, "/api/v1/environments/env_prod-eu")
            #expect(protected.status == .conflict)
            #expect(protected.code == "conflict")
            #expect(protected.rule == "production-protected")

            try await api.call(.post, "/api/v1/environments", json: #"{"slug": "busy", "name": "Busy"}"#)
            let agent = try await api.call(.post, "/api/v1/agents", json: #"{"name": "crm-bot", "environment_id": "env_busy"}"#)
            #expect(agent.status == .created)
            let busy = try await api.call(.delete, "/api/v1/environments/env_busy")
            #expect(busy.status == .conflict)
            #expect(busy.rule == "active-agents")

            let defaultEnvironment = try await api.call(.delete, "/api/v1/environments/env_production")
            #expect(defaultEnvironment.status == .conflict)
            #expect(["default-environment", "production-protected"].contains(defaultEnvironment.rule ?? ""))

            let deleted = try await api.call(.delete, "/api/v1/environments/env_staging")
            #expect(deleted.status == .noContent)
            #expect(try await api.call(.get, "/api/v1/environments/env_staging").status == .notFound)
        }
    }
}

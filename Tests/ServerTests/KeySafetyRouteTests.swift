import Foundation
import Testing

/// Changes to API keys reach exactly the key named by the id, and never lock the caller out.
@Suite struct KeySafetyRouteTests {
    @Test("a revoked key's id never reaches the live key that took its name")
    func revokedIdIsNotItsNamesake() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let first = try await api.call(.post, "/api/v1/api-keys", json: #"{"name": "ci", "role": "viewer"}"#)
            let oldId = try #require(first.data["id"] as? String)
            #expect(try await api.call(.delete, "/api/v1/api-keys/\(oldId)").status == .noContent)
            let second = try await api.call(.post, "/api/v1/api-keys", json: #"{"name": "ci", "role": "member"}"#)
            let newId = try #require(second.data["id"] as? String)
            let newSecret = try #require(second.data["secret"] as? String)

            let revokeAgain = try await api.call(.delete, "/api/v1/api-keys/\(oldId)")
            #expect(revokeAgain.status == .conflict)
            #expect(revokeAgain.rule == "key-revoked")
            let patchOld = try await api.call(.patch, "/api/v1/api-keys/\(oldId)", json: #"{"role": "viewer"}"#)
            #expect(patchOld.status == .conflict)

            let live = try await api.call(.get, "/api/v1/api-keys/\(newId)")
            #expect(live.data["role"] as? String == "member")
            #expect(live.data["revoked_at"] == nil || live.data["revoked_at"] is NSNull)
            #expect(try await api.call(.get, "/api/v1/environments", as: newSecret).status == .ok)
        }
    }

    @Test("a key cannot revoke itself or lower its own role; labels and other keys stay its to change")
    func noSelfLockout() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            let keys = try await api.call(.get, "/api/v1/api-keys").list
            let ownerId = try #require(keys.first { $0["name"] as? String == "test-owner" }?["id"] as? String)
            let managerId = try #require(keys.first { $0["name"] as? String == "test-manager" }?["id"] as? String)

            let demote = try await api.call(.patch, "/api/v1/api-keys/\(ownerId)", json: #"{"role": "viewer"}"#)
            #expect(demote.status == .forbidden)
            #expect(demote.error["message"] as? String == "apikey/test-owner is the key making this request, and a key cannot lower its own role; use another key with the right to")
            let revoke = try await api.call(.delete, "/api/v1/api-keys/\(ownerId)")
            #expect(revoke.status == .forbidden)
            #expect((revoke.error["message"] as? String)?.contains("cannot revoke itself") == true)
            #expect(try await api.call(.get, "/api/v1/environments").status == .ok)

            #expect(try await api.call(.patch, "/api/v1/api-keys/\(ownerId)", json: #"{"labels": {"team": "platform"}}"#).status == .ok)
            #expect(try await api.call(.patch, "/api/v1/api-keys/\(managerId)", as: "manager", json: #"{"role": "member"}"#).status == .forbidden)
            #expect(try await api.call(.patch, "/api/v1/api-keys/\(managerId)", json: #"{"role": "member"}"#).status == .ok)
            #expect(try await api.call(.delete, "/api/v1/api-keys/\(managerId)").status == .noContent)
        }
    }
}

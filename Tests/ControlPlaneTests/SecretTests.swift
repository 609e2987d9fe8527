import Foundation
import Governance
import Testing
@testable import ControlPlane

@Suite struct ApiKeyTests {
    @Test func aSecretIsMkAnd64HexReturnedOnceAndStoredOnlyAsAHash() async throws {
        let f = try Fixture()
        let issued = try await f.plane.createApiKey("ci", in: "production", role: .manager, as: .cli)
        #expect(issued.secret.wholeMatch(of: /mk_[0-9a-f]{64}/) != nil)
        #expect(issued.key.prefix == String(issued.secret.prefix(8)))
        let other = try await f.plane.createApiKey("ci-2", in: "production", role: .manager, as: .cli)
        #expect(other.secret != issued.secret)

        let raw = try f.rawBytes()
        #expect(raw.range(of: Data(issued.secret.utf8)) == nil)
        #expect(raw.range(of: Data(issued.secret.dropFirst(8).utf8)) == nil)
        let stored = try await f.plane.read { db in
            try Data.fetchOne(db, sql: "SELECT secret_hash FROM api_key WHERE name = 'ci'")
        }
        #expect(stored == ApiKeySecret.hash(issued.secret))
        let events = try await f.plane.auditEvents(as: .cli)
        #expect(!events.contains { "\(String(describing: $0.after))".contains(issued.secret) })
    }

    @Test func aKeyAuthenticatesAsItsRoleAndScope() async throws {
        let f = try Fixture()
        let issued = try await f.plane.createApiKey("ci", in: "production", role: .member, as: .cli)
        let principal = try await f.plane.authenticate(issued.secret)
        #expect(principal.role == .member)
        #expect(principal.scope == .environment("production"))
        #expect(principal.name == issued.key.prefix)
        var wrong = issued.secret
        wrong.removeLast()
        wrong.append(issued.secret.last == "0" ? "1" : "0")
        await expectCode(.unauthorized) { try await f.plane.authenticate(wrong) }
        await expectCode(.unauthorized) { try await f.plane.authenticate("mk_nothex") }
    }

    @Test func constantTimeComparisonComparesEveryByte() {
        let a = Data(repeating: 7, count: 32)
        var first = a
        first[0] = 8
        var last = a
        last[31] = 8
        #expect(ApiKeySecret.constantTimeEquals(a, a))
        #expect(!ApiKeySecret.constantTimeEquals(a, first))
        #expect(!ApiKeySecret.constantTimeEquals(a, last))
        #expect(!ApiKeySecret.constantTimeEquals(a, a.prefix(31)))
    }

    @Test func rotatingReplacesTheSecretAndRevokingEndsIt() async throws {
        let f = try Fixture()
        let issued = try await f.plane.createApiKey("ci", in: nil, role: .manager, as: .cli)
        let rotated = try await f.plane.rotateApiKey("ci", in: nil, as: .cli)
        #expect(rotated.secret != issued.secret)
        await expectCode(.unauthorized) { try await f.plane.authenticate(issued.secret) }
        #expect(try await f.plane.authenticate(rotated.secret).scope == .tenant)
        try await f.plane.revokeApiKey("ci", in: nil, as: .cli)
        await expectCode(.unauthorized) { try await f.plane.authenticate(rotated.secret) }
        let keys = try await f.plane.apiKeys(as: .cli)
        #expect(keys.count == 1)
        #expect(keys.first?.revokedAt != nil)
        let actions = try await f.plane.auditEvents(as: .cli).map(\.action)
        #expect(actions.suffix(3) == ["apikey.create", "apikey.rotate", "apikey.revoke"])
        // The name is free again once the key is revoked.
        _ = try await f.plane.createApiKey("ci", in: nil, role: .manager, as: .cli)
    }
}

@Suite struct CredentialTests {
    @Test func theValueIsNeverReadableNotEvenFromTheFile() async throws {
        let f = try Fixture()
        let value = "plaintext-db-password-4711"
        let created = try await f.plane.createCredential("db", in: "production", type: .dbPassword, value: value, as: .cli)
        #expect(!"\(created)".contains(value))
        let raw = try f.rawBytes()
        #expect(raw.range(of: Data(value.utf8)) == nil)
        let audit = try await f.plane.auditEvents(as: .cli)
        #expect(!audit.contains { "\($0)".contains(value) })
        #expect(created.fingerprint == f.plane.credentialFingerprint(of: value))
        #expect(created.fingerprint.hasPrefix("hmac-sha256:"))
        // The sealed value opens with the store's key: it is encrypted, not lost.
        let sealed = try await f.plane.read { db in try Data.fetchOne(db, sql: "SELECT sealed_value FROM credential") }
        #expect(try f.plane.secrets.open(try #require(sealed)) == value)
    }

    @Test func theFingerprintChangesWithTheValue() async throws {
        let f = try Fixture()
        let a = try await f.plane.createCredential("db", in: "production", type: .dbPassword, value: "one", as: .cli)
        let same = try await f.plane.updateCredential("db", in: "production", type: .dbPassword, value: "one", as: .cli)
        let b = try await f.plane.updateCredential("db", in: "production", type: .dbPassword, value: "two", as: .cli)
        let kept = try await f.plane.updateCredential("db", in: "production", type: .oauthToken, value: nil, as: .cli)
        #expect(a.fingerprint == same.fingerprint)
        #expect(a.fingerprint != b.fingerprint)
        #expect(kept.fingerprint == b.fingerprint)
        #expect(kept.type == .oauthToken)
        await expectCode(.invalidValue) { try await f.plane.createCredential("empty", in: nil, type: .apiKey, value: "", as: .cli) }
    }

    @Test func deletingACredentialRevokesItsGrants() async throws {
        let f = try Fixture()
        _ = try await f.plane.createAgent("bot", in: "production", as: .cli)
        let bot = AgentReference(environment: "production", name: "bot")
        _ = try await f.plane.createCredential("db", in: "production", type: .dbPassword, value: "v", as: .cli)
        let granted = try await f.plane.grantCredential("db", in: "production", to: bot, as: .cli)
        #expect(granted.grants == [bot])
        try await f.plane.deleteCredential("db", in: "production", as: .cli)
        let grants = try await f.plane.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM credential_grant") ?? -1 }
        #expect(grants == 0)
        let recreated = try await f.plane.createCredential("db", in: "production", type: .dbPassword, value: "v", as: .cli)
        #expect(recreated.grants.isEmpty)
        #expect(try await f.plane.auditEvents(as: .cli).contains { $0.action == "grant.revoke" && $0.resource == "grant/db/production/bot" })
    }

    @Test func anEnvironmentsCredentialGoesOnlyToItsAgents() async throws {
        let f = try Fixture()
        try await f.plane.env("staging")
        _ = try await f.plane.createAgent("bot", in: "staging", as: .cli)
        _ = try await f.plane.createCredential("db", in: "production", type: .dbPassword, value: "v", as: .cli)
        await expectCode(.conflict) {
            try await f.plane.grantCredential("db", in: "production", to: AgentReference(environment: "staging", name: "bot"), as: .cli)
        }
    }

    @Test func aKeyFileIsMadeOnceWithMode0600AndKeepsFingerprintsStable() async throws {
        let f = try Fixture(masterKey: nil)
        let first = f.plane.credentialFingerprint(of: "v")
        let attributes = try FileManager.default.attributesOfItem(atPath: f.path + ".key")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let reopened = try ControlPlane(.init(path: f.path))
        #expect(reopened.credentialFingerprint(of: "v") == first)
    }
}

@Suite struct ConvergeTests {
    @Test func aKeysRoleAndLabelsChangeWithoutANewSecret() async throws {
        let f = try Fixture()
        let issued = try await f.plane.createApiKey("ci", in: "production", role: .viewer, as: .cli)
        let updated = try await f.plane.updateApiKey("ci", in: "production", role: .manager, labels: ["managed-by": "govctl"], as: .cli)
        #expect(updated.role == .manager)
        #expect(updated.labels == ["managed-by": "govctl"])
        #expect(try await f.plane.authenticate(issued.secret).role == .manager)
        await expectCode(.forbidden) { try await f.plane.updateApiKey("ci", in: "production", role: .owner, as: .key(.manager)) }
        await expectCode(.revisionMismatch) {
            try await f.plane.updateApiKey("ci", in: "production", role: .viewer, expectedRevision: issued.key.revision, as: .cli)
        }
    }

    @Test func grantsConvergeToExactlyTheWantedAgents() async throws {
        let f = try Fixture()
        for name in ["a", "b", "c"] { _ = try await f.plane.createAgent(name, in: "production", as: .cli) }
        let ref = { (name: String) in AgentReference(environment: "production", name: name) }
        _ = try await f.plane.createCredential("db", in: "production", type: .dbPassword, value: "v", as: .cli)
        _ = try await f.plane.setCredentialGrants("db", in: "production", to: [ref("a"), ref("b")], as: .cli)
        let after = try await f.plane.setCredentialGrants("db", in: "production", to: [ref("c"), ref("b")], as: .cli)
        #expect(after.grants == [ref("b"), ref("c")])
        let actions = try await f.plane.auditEvents(as: .cli).suffix(2).map { "\($0.action) \($0.resource)" }
        #expect(actions == ["grant.revoke grant/db/production/a", "grant.create grant/db/production/c"])
        try await f.plane.env("staging")
        _ = try await f.plane.createAgent("s", in: "staging", as: .cli)
        await expectCode(.conflict) {
            try await f.plane.setCredentialGrants("db", in: "production", to: [AgentReference(environment: "staging", name: "s")], as: .cli)
        }
    }
}

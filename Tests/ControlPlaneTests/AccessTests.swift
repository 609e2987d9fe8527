import Foundation
import Governance
import Testing
@testable import ControlPlane

@Suite struct AccessTests {
    /// A tenant with two environments, each with an agent and a policy.
    func twoEnvironments() async throws -> Fixture {
        let f = try Fixture()
        for slug in ["staging", "development"] {
            try await f.plane.env(slug)
            _ = try await f.plane.createAgent("bot-\(slug)", in: slug, as: .cli)
            _ = try await f.plane.createPolicy(glob("deny-\(slug)"), in: slug, as: .cli)
        }
        return f
    }

    @Test func aScopedKeySeesOnlyItsEnvironment() async throws {
        let f = try await twoEnvironments()
        let staging = Principal.key(.manager, "staging")
        #expect(try await f.plane.environments(as: staging).map(\.slug) == ["staging"])
        #expect(try await f.plane.agents(as: staging).map(\.name) == ["bot-staging"])
        #expect(try await f.plane.policies(as: staging).map(\.policy.name) == ["deny-staging"])
        let events = try await f.plane.auditEvents(as: staging)
        #expect(!events.isEmpty)
        #expect(events.allSatisfy { $0.environment == "staging" })
        let state = try await f.plane.snapshot(as: staging)
        #expect(state.environments.map(\.slug) == ["staging"])
        #expect(state.policies.map(\.environment) == ["staging"])
    }

    @Test func aScopedKeyCreatesInItsEnvironmentAndIsForbiddenElsewhere() async throws {
        let f = try await twoEnvironments()
        let staging = Principal.key(.manager, "staging")
        let created = try await f.plane.createPolicy(glob("new-one"), in: nil, as: staging)
        #expect(created.environment == "staging")
        await expectCode(.forbidden) { try await f.plane.createPolicy(glob("x"), in: "development", as: staging) }
        await expectCode(.forbidden) { try await f.plane.agents(in: "development", as: staging) }
        await expectCode(.forbidden) { try await f.plane.deletePolicy("deny-development", in: "development", as: staging) }
        await expectCode(.forbidden) { try await f.plane.environment("development", as: staging) }
        await expectCode(.forbidden) { try await f.plane.auditEvents(in: "development", as: staging) }
        await expectCode(.forbidden) {
            try await f.plane.createEnvironment(slug: "other", EnvironmentFields(name: "Other"), as: staging)
        }
        let key = try await f.plane.createApiKey("ci", in: nil, role: .member, as: staging)
        #expect(key.key.environment == "staging")
    }

    @Test(arguments: [Role.member, Role.viewer])
    func membersAndViewersCannotChangeConfiguration(role: Role) async throws {
        let f = try await twoEnvironments()
        let p = Principal.key(role)
        await expectCode(.forbidden) { try await f.plane.createPolicy(glob("x"), in: "staging", as: p) }
        await expectCode(.forbidden) { try await f.plane.createAgent("x", in: "staging", as: p) }
        await expectCode(.forbidden) {
            try await f.plane.createEnvironment(slug: "other", EnvironmentFields(name: "Other"), as: p)
        }
        await expectCode(.forbidden) { try await f.plane.deletePolicy("deny-staging", in: "staging", as: p) }
        await expectCode(.forbidden) { try await f.plane.createApiKey("k", in: "staging", role: .viewer, as: p) }
        await expectCode(.forbidden) { try await f.plane.createCredential("c", in: nil, type: .apiKey, value: "v", as: p) }
        await expectCode(.forbidden) { try await f.plane.updateSettings(SettingsSpec(mfaRequired: true), as: p) }
        // Reading is everyone's.
        #expect(try await f.plane.policies(as: p).count == 2)
    }

    @Test func aManagerCannotIssueAnOwnerKey() async throws {
        let f = try Fixture()
        await expectCode(.forbidden) { try await f.plane.createApiKey("root", in: nil, role: .owner, as: .key(.manager)) }
        _ = try await f.plane.createApiKey("ops", in: nil, role: .manager, as: .key(.manager))
        _ = try await f.plane.createApiKey("root", in: nil, role: .owner, as: .cli)
        await expectCode(.forbidden) { try await f.plane.revokeApiKey("root", in: nil, as: .key(.manager)) }
        await expectCode(.forbidden) { try await f.plane.rotateApiKey("root", in: nil, as: .key(.manager)) }
        let refusal = await #expect(throws: ControlPlaneError.self) { try await f.plane.rotateApiKey("root", in: nil, as: .key(.manager)) }
        #expect(refusal?.message == "a manager cannot rotate an owner key; ask an owner")
    }
}

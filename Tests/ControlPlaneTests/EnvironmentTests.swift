import Foundation
import Governance
import Testing
@testable import ControlPlane

@Suite struct EnvironmentTests {
    @Test func newStoreHoldsTheDefaultProductionEnvironment() async throws {
        let f = try Fixture()
        let envs = try await f.plane.environments(as: .cli)
        #expect(envs.map(\.slug) == ["production"])
        #expect(envs.first?.name == "Production")
        #expect(envs.first?.isProduction == true)
        #expect(envs.first?.isDefault == true)
        #expect(envs.first?.id == "env_production")
    }

    @Test func slugsFollowTheRuleAndAreUnique() async throws {
        let f = try Fixture()
        await expectCode(.invalidSlug) { try await f.plane.env("qa") }
        await expectCode(.invalidSlug) { try await f.plane.env("Staging") }
        try await f.plane.env("staging")
        await expectCode(.slugTaken) { try await f.plane.env("staging") }
        await expectCode(.invalidName) {
            try await f.plane.createEnvironment(slug: "blank", EnvironmentFields(name: "  "), as: .cli)
        }
    }

    @Test func theDefaultEnvironmentCanBeRenamedButNeverDeleted() async throws {
        let f = try Fixture()
        let renamed = try await f.plane.updateEnvironment("production", to: EnvironmentFields(name: "Prod EU", isProduction: false), as: .cli)
        #expect(renamed.name == "Prod EU")
        #expect(renamed.slug == "production")
        try await f.plane.env("staging")
        await expectCode(.defaultEnvironment) { try await f.plane.deleteEnvironment("production", as: .cli) }
    }

    @Test func deletingAProductionFlaggedEnvironmentIsRefused() async throws {
        let f = try Fixture()
        try await f.plane.env("eu-production", production: true)
        await expectCode(.productionProtected) { try await f.plane.deleteEnvironment("eu-production", as: .cli) }
        _ = try await f.plane.updateEnvironment("eu-production", to: EnvironmentFields(name: "EU"), as: .cli)
        try await f.plane.deleteEnvironment("eu-production", as: .cli)
        #expect(try await f.plane.environments(as: .cli).map(\.slug) == ["production"])
    }

    @Test func deletingAnEnvironmentWithActiveAgentsIsRefusedNamingThem() async throws {
        let f = try Fixture()
        try await f.plane.env("staging")
        _ = try await f.plane.createAgent("crm-bot", in: "staging", as: .cli)
        do {
            try await f.plane.deleteEnvironment("staging", as: .cli)
            Issue.record("delete succeeded")
        } catch let error as ControlPlaneError {
            #expect(error.code == .activeAgents)
            #expect(error.message.contains("crm-bot"))
            #expect(error.resource == "environment/staging")
        }
        _ = try await f.plane.updateAgent("crm-bot", in: "staging", to: AgentFields(status: .suspended), as: .cli)
        try await f.plane.deleteEnvironment("staging", as: .cli)
    }

    @Test func deleteCascadesToPoliciesCredentialsKeysAgentsAndGrants() async throws {
        let f = try Fixture()
        try await f.plane.env("staging")
        _ = try await f.plane.createPolicies((0..<5).map { PolicyDraft(environment: "staging", policy: glob("p\($0)")) }, as: .cli)
        _ = try await f.plane.createAgent("old-bot", in: "staging", AgentFields(status: .suspended), as: .cli)
        _ = try await f.plane.createCredential("db", in: "staging", type: .dbPassword, value: "s3cret-value", as: .cli)
        _ = try await f.plane.grantCredential("db", in: "staging", to: AgentReference(environment: "staging", name: "old-bot"), as: .cli)
        _ = try await f.plane.createCredential("shared", in: nil, type: .apiKey, value: "tenant-value", as: .cli)
        _ = try await f.plane.grantCredential("shared", in: nil, to: AgentReference(environment: "staging", name: "old-bot"), as: .cli)
        _ = try await f.plane.createApiKey("ci", in: "staging", role: .manager, as: .cli)
        #expect(try await f.plane.environment("staging", as: .cli).policyCount == 5)

        try await f.plane.deleteEnvironment("staging", as: .cli)

        let state = try await f.plane.snapshot(as: .cli)
        #expect(state.environments.map(\.slug) == ["production"])
        #expect(state.policies.isEmpty)
        #expect(state.agents.isEmpty)
        #expect(state.apiKeys.isEmpty)
        #expect(state.credentials.map(\.name) == ["shared"])
        #expect(state.credentials.first?.grants == [])
        let grants = try await f.plane.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM credential_grant") ?? -1 }
        #expect(grants == 0)
        let deletion = try await f.plane.auditEvents(in: "staging", as: .cli).first { $0.action == "environment.delete" }
        guard case .object(let before)? = deletion?.before, case .object(let cascade)? = before["cascade"] else {
            Issue.record("the deletion event does not record its cascade")
            return
        }
        #expect(cascade["policies"] == .int(5))
        #expect(cascade["agents"] == .array([.string("agent/staging/old-bot")]))
        #expect(cascade["credentials"] == .array([.string("credential/staging/db")]))
        #expect(cascade["api_keys"] == .array([.string("apikey/staging/ci")]))
    }

    @Test func countsAreDerivedFromTheRows() async throws {
        let f = try Fixture()
        try await f.plane.env("staging")
        _ = try await f.plane.createAgent("a1", in: "staging", as: .cli)
        _ = try await f.plane.createAgent("a2", in: "staging", AgentFields(status: .suspended), as: .cli)
        _ = try await f.plane.createPolicy(glob("p1"), in: "staging", as: .cli)
        try await f.plane.deleteAgent("a1", in: "staging", as: .cli)
        let staging = try await f.plane.environment("staging", as: .cli)
        #expect(staging.agentCount == 1)
        #expect(staging.policyCount == 1)
    }

    @Test func removingTheProductionFlagNeedsAnOwnerAndIsAudited() async throws {
        let f = try Fixture()
        try await f.plane.env("eu-production", production: true)
        await expectCode(.ownerRequired) {
            try await f.plane.updateEnvironment("eu-production", to: EnvironmentFields(name: "EU"), as: .key(.manager))
        }
        #expect(try await f.plane.environment("eu-production", as: .cli).isProduction)
        let ownerKey = Principal(role: .owner, scope: .tenant, name: "mk_0wner")
        _ = try await f.plane.updateEnvironment("eu-production", to: EnvironmentFields(name: "EU"), as: ownerKey)
        let events = try await f.plane.auditEvents(in: "eu-production", as: .cli)
        let removal = events.first { $0.action == "environment.production-flag.remove" }
        #expect(removal?.principal == "mk_0wner")
        #expect(removal?.resource == "environment/eu-production")
        // A manager may still set the flag: only removing it is the owner's.
        _ = try await f.plane.updateEnvironment("eu-production", to: EnvironmentFields(name: "EU", isProduction: true), as: .key(.manager))
    }
}

import Foundation
import Governance
import Testing
@testable import ControlPlane

@Suite struct PolicyTests {
    @Test func namesAreUniquePerEnvironmentAndPatternsAreChecked() async throws {
        let f = try Fixture()
        try await f.plane.env("staging")
        _ = try await f.plane.createPolicy(glob("deny-db"), in: "staging", as: .cli)
        _ = try await f.plane.createPolicy(glob("deny-db"), in: "production", as: .cli)
        await expectCode(.nameTaken) { try await f.plane.createPolicy(glob("deny-db"), in: "staging", as: .cli) }
        await expectCode(.invalidPattern) {
            try await f.plane.createPolicy(Policy(name: "bad", type: .deny, actionPattern: .regex("(")), in: "staging", as: .cli)
        }
        await expectCode(.invalidPattern) { try await f.plane.createPolicy(glob("sp", "db drop"), in: "staging", as: .cli) }
        await expectCode(.invalidName) { try await f.plane.createPolicy(glob("has space"), in: "staging", as: .cli) }
        await expectCode(.notFound) { try await f.plane.createPolicy(glob("x"), in: "nowhere", as: .cli) }
        await expectCode(.invalidValue) { try await f.plane.createPolicy(glob("x"), in: nil, as: .cli) }
    }

    @Test func aBatchIsAllOrNothing() async throws {
        let f = try Fixture()
        let drafts = [PolicyDraft(environment: "production", policy: glob("a")), PolicyDraft(environment: "production", policy: glob("a"))]
        await expectCode(.nameTaken) { try await f.plane.createPolicies(drafts, as: .cli) }
        #expect(try await f.plane.policies(as: .cli).isEmpty)
    }

    @Test func constraintsAndLabelsRoundTrip() async throws {
        let f = try Fixture()
        let policy = Policy(name: "hold-export", type: .hold, actionPattern: .regex("^export_.*"), priority: 800,
                            constraints: ["rate": .object(["per_minute": .int(5)]), "ok": .bool(true), "ratio": .double(0.5)],
                            description: "holds \"bulk\" exports")
        _ = try await f.plane.createPolicy(policy, in: "production", labels: [ManagedLabels.managedByKey: ManagedLabels.managedByValue], as: .cli)
        let read = try #require(try await f.plane.policies(in: "production", as: .cli).first)
        #expect(read.policy == policy)
        #expect(ManagedLabels.isManaged(read.labels))
        #expect(read.address == "policy/production/hold-export")
    }
}

@Suite struct AgentTests {
    @Test func namesAreUniquePerEnvironmentAndMovingIsAnUpdate() async throws {
        let f = try Fixture()
        try await f.plane.env("staging")
        _ = try await f.plane.createAgent("bot", in: "staging", as: .cli)
        await expectCode(.nameTaken) { try await f.plane.createAgent("bot", in: "staging", as: .cli) }
        _ = try await f.plane.createAgent("bot", in: "production", as: .cli)
        await expectCode(.nameTaken) {
            try await f.plane.updateAgent("bot", in: "staging", to: AgentFields(), moveTo: "production", as: .cli)
        }
        try await f.plane.deleteAgent("bot", in: "production", as: .cli)
        let moved = try await f.plane.updateAgent("bot", in: "staging", to: AgentFields(description: "moved"), moveTo: "production", as: .cli)
        #expect(moved.environment == "production")
        #expect(try await f.plane.agents(in: "staging", as: .cli).isEmpty)
        #expect(try await f.plane.auditEvents(as: .cli).last?.action == "agent.move")
    }
}

@Suite struct SettingsTests {
    @Test func settingsAreReplacedAndAudited() async throws {
        let f = try Fixture()
        let spec = SettingsSpec(mfaRequired: true, defaultRole: .member,
                                notificationChannels: [NotificationChannel(type: "slack", target: "#gov")], prune: true)
        let updated = try await f.plane.updateSettings(spec, as: .cli)
        #expect(updated.settings == spec)
        #expect(try await f.plane.settings(as: .cli).settings == spec)
        await expectCode(.invalidValue) {
            try await f.plane.updateSettings(SettingsSpec(notificationChannels: [NotificationChannel(type: "fax", target: "1")]), as: .cli)
        }
        await expectCode(.forbidden) { try await f.plane.updateSettings(spec, as: .key(.manager, "production")) }
        #expect(try await f.plane.auditEvents(as: .cli).last?.action == "settings.update")
    }
}

@Suite struct PolicyBatchTests {
    @Test func mixedChangesApplyInOrderInOneTransaction() async throws {
        let f = try Fixture()
        let a = try await f.plane.createPolicy(glob("a"), in: "production", as: .cli)
        _ = try await f.plane.createPolicy(glob("b"), in: "production", as: .cli)
        let revision = try await f.plane.revision()
        let results = try await f.plane.applyPolicyChanges([
            .delete(environment: "production", name: "b", expectedRevision: nil),
            .create(PolicyDraft(environment: "production", policy: glob("b", "tool.*"))),
            .update(environment: "production", name: "a", policy: glob("a2"), labels: ["managed-by": "govctl"], expectedRevision: a.revision),
        ], as: .cli)
        #expect(results.map { $0?.policy.name } == [nil, "b", "a2"])
        #expect(try await f.plane.revision() == revision + 1)
        let names = try await f.plane.policies(as: .cli).map(\.policy.name)
        #expect(names == ["a2", "b"])
    }

    @Test func oneFailingChangeRollsBackTheBatch() async throws {
        let f = try Fixture()
        let a = try await f.plane.createPolicy(glob("a"), in: "production", as: .cli)
        _ = try await f.plane.updatePolicy("a", in: "production", to: glob("a", "x.*"), as: .cli)
        await expectCode(.revisionMismatch) {
            try await f.plane.applyPolicyChanges([
                .create(PolicyDraft(environment: "production", policy: glob("new"))),
                .delete(environment: "production", name: "a", expectedRevision: a.revision),
            ], as: .cli)
        }
        #expect(try await f.plane.policies(as: .cli).map(\.policy.name) == ["a"])
        await expectCode(.forbidden) {
            try await f.plane.applyPolicyChanges([.delete(environment: "production", name: "a", expectedRevision: nil)],
                                                 as: .key(.manager, "staging"))
        }
    }

    @Test func grantsLostToAMoveOrADeregistrationAreAuditedWhereTheAgentWasAndMoveTheCredential() async throws {
        let f = try Fixture()
        try await f.plane.env("staging")
        try await f.plane.env("sandbox")
        _ = try await f.plane.createAgent("bot", in: "staging", as: .cli)
        _ = try await f.plane.createAgent("helper", in: "staging", as: .cli)
        _ = try await f.plane.createCredential("crm", in: "staging", type: .oauthToken, value: "v", as: .cli)
        _ = try await f.plane.createCredential("shared", in: nil, type: .apiKey, value: "v", as: .cli)
        let bot = AgentReference(environment: "staging", name: "bot"), helper = AgentReference(environment: "staging", name: "helper")
        let granted = try await f.plane.setCredentialGrants("crm", in: "staging", to: [bot, helper], as: .cli)
        let shared = try await f.plane.setCredentialGrants("shared", in: nil, to: [bot], as: .cli)

        _ = try await f.plane.updateAgent("bot", in: "staging", to: AgentFields(), moveTo: "sandbox", as: .cli)
        let crm = try #require(try await f.plane.credentials(in: "staging", as: .cli).first { $0.name == "crm" })
        #expect(crm.grants == [helper])
        #expect(crm.revision > granted.revision, "the credential's grants changed, so its revision moved")
        let stagingLog = try await f.plane.auditEvents(as: .key(.manager, "staging")).map { "\($0.action) \($0.resource)" }
        #expect(stagingLog.contains("grant.revoke grant/crm/staging/bot"))
        #expect(stagingLog.contains("agent.move agent/staging/bot"), "the environment it left sees it leave")
        let movedShared = try await f.plane.credentials(in: nil, as: .cli).first { $0.name == "shared" }
        #expect(movedShared?.revision == shared.revision, "a tenant-wide grant is not withdrawn by the move")
        #expect(movedShared?.grants == [AgentReference(environment: "sandbox", name: "bot")], "it follows the agent")

        try await f.plane.deleteAgent("helper", in: "staging", as: .cli)
        let after = try #require(try await f.plane.credentials(in: "staging", as: .cli).first { $0.name == "crm" })
        #expect(after.grants.isEmpty)
        #expect(after.revision > crm.revision)
        #expect(try await f.plane.auditEvents(as: .key(.manager, "staging")).contains { $0.action == "grant.revoke" && $0.resource == "grant/crm/staging/helper" })
    }
}


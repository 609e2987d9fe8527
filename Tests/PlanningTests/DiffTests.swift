import Governance
import Testing
@testable import Planning

/// The diff's semantics, one story each: what is created, changed, deleted, refused, left alone.
@Suite("diff")
struct DiffTests {
    static let production = Desired.env("production", "Production", production: true, mode: .enforce,
                                        policies: [Desired.policy("deny-drop"), Desired.policy("hold-export", .hold, pattern: "*_export_*")])

    @Test("a fresh tenant: environments first, then agents, then policies; production policies need confirmation")
    func freshTenant() {
        let desired = DesiredState(
            environments: [Self.production, Desired.env("staging", "Staging", mode: .alert, policies: Self.production.policies)],
            agents: [AgentSpec(environment: "staging", name: "sales-bot")])
        let plan = diff(desired, LiveBuilder.fresh().state)
        #expect(plan.changes.map(\.address.description) == [
            "environment/staging",
            "agent/staging/sales-bot",
            "policy/production/deny-drop", "policy/production/hold-export",
            "policy/staging/deny-drop", "policy/staging/hold-export",
        ])
        #expect(plan.changes.first { $0.address == .policy("production", "deny-drop") }?.needs == [.confirmation])
        #expect(plan.changes.first { $0.address == .policy("staging", "deny-drop") }?.needs == [])
        #expect(plan.unchanged == 1, "the default production environment already matches")
        #expect(plan.isApplicable)
    }

    @Test("equal states give an empty plan, whatever the input order")
    func noChanges() {
        var live = LiveBuilder.fresh()
        for p in Self.production.policies.reversed() { live.policy("production", p) }
        let plan = diff(DesiredState(environments: [Self.production]), live.state)
        #expect(plan.isEmpty)
        #expect(plan.unchanged == 3)
    }

    @Test("a changed field is an update with before and after; a policy the manifests lack is deleted")
    func updateAndAuthoritativeDelete() throws {
        var live = LiveBuilder.fresh()
        live.policy("production", Desired.policy("deny-drop", priority: 5))
        live.policy("production", Desired.policy("hold-export", .hold, pattern: "*_export_*"))
        live.policy("production", Desired.policy("legacy-rule", .alert))
        let plan = diff(DesiredState(environments: [Self.production]), live.state)
        let update = try #require(plan.changes.first { $0.action == .update })
        #expect(update.address == .policy("production", "deny-drop"))
        #expect(update.fields == [FieldChange(field: "priority", before: .value(.int(5)), after: .value(.int(100)))])
        #expect(update.revision == 1)
        let delete = try #require(plan.changes.first { $0.action == .delete })
        #expect(delete.address == .policy("production", "legacy-rule"))
        #expect(plan.changes.last?.action == .delete, "scoped deletes after creates and updates")
    }

    @Test("an environment not in the manifests is unmanaged and left alone without pruning")
    func unmanagedEnvironment() {
        var live = LiveBuilder.fresh()
        live.environment("sandbox-ops", name: "Sandbox ops")
        live.agent("sandbox-ops", "tinker-bot")
        let plan = diff(DesiredState(environments: [Desired.env("production", "Production", production: true, mode: .enforce)]), live.state)
        #expect(plan.isEmpty)
        #expect(plan.unmanaged == [.environment("sandbox-ops")])
    }

    @Test("pruning deletes only what govctl created, with the cascade; guards still apply")
    func pruning() throws {
        var live = LiveBuilder.fresh()
        live.environment("old-fleet", name: "Old fleet")
        live.policy("old-fleet", Desired.policy("deny-x"))
        live.agent("old-fleet", "retired-bot", status: .suspended)
        live.environment("hand-made", name: "Hand made", labels: [:])
        live.environment("busy-fleet", name: "Busy fleet")
        live.agent("busy-fleet", "worker-bot")
        let desired = DesiredState(environments: [Desired.env("production", "Production", production: true, mode: .enforce)])
        let plan = diff(desired, live.state, options: DiffOptions(prune: true))
        let old = try #require(plan.changes.first { $0.address == .environment("old-fleet") })
        #expect(old.action == .delete)
        #expect(!old.isRefused)
        #expect(old.cascade == ["agent/old-fleet/retired-bot", "policy/old-fleet/deny-x", "audit log of old-fleet kept 90 days"])
        let busy = try #require(plan.changes.first { $0.address == .environment("busy-fleet") })
        #expect(busy.refusals.map(\.code) == ["active-agents"])
        #expect(busy.refusals.first?.message.contains("worker-bot") == true)
        #expect(plan.unmanaged == [.environment("hand-made")], "never deleted: govctl did not create it")
        #expect(!plan.isApplicable)
    }

    @Test("guards read live state: an agent the same plan suspends still counts as active")
    func guardsReadLiveState() throws {
        var live = LiveBuilder.fresh()
        live.environment("old-fleet", name: "Old fleet")
        live.agent("old-fleet", "bot")
        let desired = DesiredState(environments: [Desired.env("production", "Production", production: true, mode: .enforce)],
                                   agents: [AgentSpec(environment: "old-fleet", name: "bot", status: .suspended)])
        let plan = diff(desired, live.state, options: DiffOptions(prune: true))
        #expect(plan.changes.first { $0.address == .environment("old-fleet") }?.refusals.map(\.code) == ["active-agents"])
    }

    @Test("production-flagged and default environments are refused with their rules")
    func protectedEnvironments() throws {
        var live = LiveBuilder()
        live.environment("production", name: "Production", production: true, mode: .enforce, isDefault: true, labels: ["managed-by": "govctl"])
        live.environment("eu-production", name: "EU", production: true, mode: .enforce)
        let desired = DesiredState(environments: [Desired.env("staging", "Staging")])
        let plan = diff(desired, live.state, options: DiffOptions(prune: true))
        #expect(plan.changes.first { $0.address == .environment("eu-production") }?.refusals.map(\.code) == ["production-protected"])
        #expect(Set(plan.changes.first { $0.address == .environment("production") }?.refusals.map(\.code) ?? [])
                    == ["default-environment", "production-protected"])
    }

    @Test("deleting the last environment is refused")
    func lastEnvironment() {
        var live = LiveBuilder()
        live.environment("only-one", name: "Only one")
        let desired = DesiredState(agents: [], apiKeys: [ApiKeySpec(name: "ci", environment: nil, role: .viewer)])
        let plan = diff(desired, live.state, options: DiffOptions(prune: true))
        #expect(plan.changes.first { $0.address == .environment("only-one") }?.refusals.map(\.code) == ["last-environment"])
    }

    @Test("removing a production flag needs Owner and comes before everything else")
    func productionFlagRemoval() throws {
        var live = LiveBuilder.fresh()
        live.environment("eu-production", name: "EU Production", production: true, mode: .enforce)
        let desired = DesiredState(environments: [
            Desired.env("aaa-fleet", "A fleet"),
            Desired.env("eu-production", "EU Production", mode: .enforce),
            Desired.env("production", "Production", production: true, mode: .enforce),
        ])
        let plan = diff(desired, live.state)
        let first = try #require(plan.changes.first)
        #expect(first.address == .environment("eu-production"))
        #expect(first.needs == [.confirmation, .owner], "unlocking deletion needs the confirmation a production policy change needs")
        #expect(first.fields.map(\.field) == ["production"])
        #expect(first.callouts.count == 1 && first.callouts[0].hasPrefix("removes the production flag"))
    }

    @Test("a changed credential value shows only as (sensitive value changed); an unreadable one is needed at apply")
    func credentials() throws {
        var live = LiveBuilder.fresh()
        live.credential("production", "crm-token", type: .oauthToken)
        let desired = DesiredState(
            environments: [Desired.env("production", "Production", production: true, mode: .enforce)],
            credentials: [
                CredentialSpec(name: "crm-token", environment: "production", type: .oauthToken, valueFrom: .env("CRM_TOKEN")),
                CredentialSpec(name: "db-pass", environment: "production", type: .dbPassword, valueFrom: .env("DB_PASS")),
            ])
        let plan = diff(desired, live.state, options: DiffOptions(credentialValueChanged: [.credential("production", "crm-token"): true]))
        let update = try #require(plan.changes.first { $0.address == .credential("production", "crm-token") })
        #expect(update.fields == [FieldChange(field: "value", before: .sensitive, after: .sensitiveChanged)])
        let create = try #require(plan.changes.first { $0.address == .credential("production", "db-pass") })
        #expect(create.refusals.isEmpty, "a pull-request plan without the secret still plans the create")
        #expect(create.needs == [.secretValue])
    }

    @Test("a new API key needs a secrets file; an existing one only changes its role")
    func apiKeys() throws {
        var live = LiveBuilder.fresh()
        live.apiKey(nil, "auditor", role: .viewer)
        let desired = DesiredState(apiKeys: [ApiKeySpec(name: "auditor", environment: nil, role: .member),
                                             ApiKeySpec(name: "ci", environment: "production", role: .manager)])
        let plan = diff(desired, live.state)
        #expect(plan.changes.first { $0.address == .apiKey("production", "ci") }?.needs == [.secretsFile])
        #expect(plan.changes.first { $0.address == .apiKey(nil, "auditor") }?.fields.map(\.field) == ["role"])
    }

    @Test("moving an agent to another environment is an update of its environment")
    func agentMove() throws {
        var live = LiveBuilder.fresh()
        live.environment("staging", name: "Staging")
        live.agent("staging", "sales-bot")
        let desired = DesiredState(environments: [Desired.env("staging", "Staging"),
                                                  Desired.env("production", "Production", production: true, mode: .enforce)],
                                   agents: [AgentSpec(environment: "production", name: "sales-bot")])
        let plan = diff(desired, live.state).changes.filter { $0.address.description.hasPrefix("agent/") }
        #expect(plan.count == 1)
        #expect(plan.first?.action == .update)
        #expect(plan.first?.fields.map(\.field) == ["environment"])
    }

    @Test("an agent in an undeclared or out-of-scope environment is unmanaged: never moved, a new one is made")
    func unmanagedAgentIsNotMoved() throws {
        var live = LiveBuilder.fresh()
        live.environment("hand-made", name: "Hand Made")
        live.environment("staging", name: "Staging")
        live.agent("hand-made", "bot")
        live.agent("staging", "helper")
        let production = Desired.env("production", "Production", production: true, mode: .enforce)
        let undeclared = diff(DesiredState(environments: [production], agents: [AgentSpec(environment: "production", name: "bot")]), live.state)
        #expect(undeclared.changes.filter { $0.address == .agent("production", "bot") }.map(\.action) == [.create])
        #expect(!undeclared.changes.contains { $0.address == .agent("hand-made", "bot") })

        let desired = DesiredState(environments: [production, Desired.env("staging", "Staging")],
                                   agents: [AgentSpec(environment: "production", name: "helper")])
        let scoped = diff(desired, live.state, options: DiffOptions(environments: ["production"]))
        #expect(scoped.changes.filter { $0.address == .agent("production", "helper") }.map(\.action) == [.create])
        #expect(!scoped.changes.contains { $0.address == .agent("staging", "helper") })
    }

    @Test("--env limits the plan to the named environments")
    func environmentFilter() {
        var live = LiveBuilder.fresh()
        live.environment("staging", name: "Old name")
        let desired = DesiredState(environments: [Desired.env("staging", "Staging"), Desired.env("development", "Development")],
                                   settings: SettingsSpec(mfaRequired: true))
        let plan = diff(desired, live.state, options: DiffOptions(environments: ["staging"]))
        #expect(plan.changes.map(\.address) == [.environment("staging")])
    }

    @Test("the managed-by label is not a difference, so adopted resources show no change")
    func managedLabelIgnored() {
        var live = LiveBuilder()
        live.environment("production", name: "Production", production: true, mode: .enforce, isDefault: true, labels: [:])
        let desired = DesiredState(environments: [Desired.env("production", "Production", production: true, mode: .enforce)])
        #expect(diff(desired, live.state).isEmpty)
    }

    @Test("settings differences are one update")
    func settings() {
        let desired = DesiredState(settings: SettingsSpec(mfaRequired: true, notificationChannels: [NotificationChannel(type: "slack", target: "#gov")]))
        let plan = diff(desired, LiveBuilder.fresh().state)
        #expect(plan.changes.map(\.address) == [.settings])
        #expect(plan.changes.first?.fields.map(\.field) == ["mfaRequired", "notificationChannels"])
    }
}

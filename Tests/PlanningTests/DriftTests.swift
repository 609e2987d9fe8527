import Foundation
import Governance
import Testing
@testable import Planning

/// Drift's classification, one story per class: what changed outside git, what is missing, what git does not
/// know, mirrors that fell out of sync, environments nobody uses.
@Suite("drift")
struct DriftTests {
    static let now = LiveBuilder.epoch.addingTimeInterval(100 * 86_400)
    static let recent: [String: Date] = ["production": now.addingTimeInterval(-3600), "staging": now.addingTimeInterval(-3600)]
    static let denyDrop = Desired.policy("deny-drop")
    static let holdExport = Desired.policy("hold-export", .hold, pattern: "*_export_*")

    /// Production with two policies and staging mirroring it, both live as declared, each with an agent.
    static func inSync() -> (DesiredState, LiveBuilder) {
        let desired = DesiredState(
            environments: [Desired.env("production", "Production", production: true, mode: .enforce, policies: [denyDrop, holdExport]),
                           Desired.env("staging", "Staging", mode: .alert, policies: [denyDrop, holdExport], mirror: "production")],
            agents: [AgentSpec(environment: "production", name: "sales-bot"), AgentSpec(environment: "staging", name: "test-bot")])
        var live = LiveBuilder.fresh()
        live.environment("staging", name: "Staging", mode: .alert)
        for env in ["production", "staging"] {
            live.policy(env, denyDrop)
            live.policy(env, holdExport)
        }
        live.agent("production", "sales-bot")
        live.agent("staging", "test-bot")
        return (desired, live)
    }

    static func report(_ desired: DesiredState, _ live: LiveBuilder, activity: [String: Date] = recent) -> DriftReport {
        drift(desired, live.state, options: DriftOptions(now: now, lastActivity: activity))
    }

    @Test("live equal to git: no items, every declared resource counted")
    func inSyncIsEmpty() {
        let (desired, live) = Self.inSync()
        let report = Self.report(desired, live)
        #expect(report.isInSync)
        #expect(report.items.isEmpty)
        #expect(report.unchanged == 8)
        #expect(report.counts.values.allSatisfy { $0 == 0 })
    }

    @Test("a field changed live is `changed`, with live before and git after")
    func changed() throws {
        var (desired, live) = Self.inSync()
        live.environments = live.environments.map { env in
            var env = env
            if env.slug == "staging" { env.name = "Staging (edited)" }
            return env
        }
        desired.agents[0].missionScope = "Read CRM"
        let report = Self.report(desired, live)
        #expect(report.items.map(\.driftClass) == [.changed, .changed])
        let env = try #require(report.items.first { $0.address == .environment("staging") })
        #expect(env.fields == [FieldChange(field: "name", before: .value(.string("Staging (edited)")), after: .value(.string("Staging")))])
        #expect(env.message.contains("name"))
    }

    @Test("a changed credential value shows only as sensitive")
    func changedSecret() throws {
        var (desired, live) = Self.inSync()
        desired.credentials = [CredentialSpec(name: "crm-token", environment: "production", type: .apiKey, valueFrom: .env("CRM_TOKEN"))]
        live.credential("production", "crm-token")
        let report = drift(desired, live.state, options: DriftOptions(
            credentialValueChanged: [.credential("production", "crm-token"): true], now: Self.now, lastActivity: Self.recent))
        let item = try #require(report.items.first)
        #expect(item.driftClass == .changed)
        #expect(item.fields == [FieldChange(field: "value", before: .sensitive, after: .sensitiveChanged)])
    }

    @Test("declared but not live is `missing`")
    func missing() {
        var (desired, live) = Self.inSync()
        desired.agents.append(AgentSpec(environment: "production", name: "new-bot"))
        live.policies.removeAll { $0.environment == "production" && $0.policy.name == "hold-export" }
        let report = Self.report(desired, live)
        #expect(report.items.filter { $0.driftClass == .missing }.map(\.address) == [
            .agent("production", "new-bot"), .policy("production", "hold-export"),
        ])
    }

    @Test("live but not declared is `unmanaged`: environments, agents, keys, and policies of declared environments")
    func unmanaged() {
        let (desired, base) = Self.inSync()
        var live = base
        live.environment("sandbox", name: "Sandbox")
        live.agent("sandbox", "tinker-bot")
        live.agent("production", "shadow-bot")
        live.apiKey(nil, "ops", role: .viewer)
        live.policy("production", Desired.policy("legacy", .alert))
        let report = Self.report(desired, live, activity: Self.recent.merging(["sandbox": Self.now]) { a, _ in a })
        #expect(report.items.filter { $0.driftClass == .unmanaged }.map(\.address.description).sorted() == [
            "agent/production/shadow-bot", "apikey/ops", "environment/sandbox", "policy/production/legacy",
        ])
        #expect(report.items.allSatisfy { $0.driftClass == .unmanaged })
    }

    @Test("with prune: true in Settings, what govctl created and git dropped is still `unmanaged`, marked for deletion")
    func unmanagedUnderPruning() throws {
        var (desired, live) = Self.inSync()
        desired.settings = SettingsSpec(prune: true)
        live.settings.prune = true
        live.agent("production", "retired-bot")
        live.agent("production", "hand-made-bot", labels: [:])
        let report = Self.report(desired, live)
        #expect(report.items.map(\.driftClass) == [.unmanaged, .unmanaged])
        let retired = try #require(report.items.first { $0.address == .agent("production", "retired-bot") })
        #expect(retired.message.contains("pruning deletes it"))
        let handMade = try #require(report.items.first { $0.address == .agent("production", "hand-made-bot") })
        #expect(handMade.message.contains("leaves it alone"))
    }

    @Test("a mirror whose live policy differs from its source's live policy is `mirror-out-of-sync`")
    func mirrorOutOfSync() throws {
        var (desired, live) = Self.inSync()
        // Someone edited production's live policy outside git: production has changed, staging no longer mirrors it.
        live.policies = live.policies.map { p in
            var p = p
            if p.environment == "production" && p.policy.name == "deny-drop" { p.policy.priority = 5 }
            return p
        }
        var report = Self.report(desired, live)
        let item = try #require(report.items.first { $0.driftClass == .mirrorOutOfSync })
        #expect(item.address == .policy("staging", "deny-drop"))
        #expect(item.fields == [FieldChange(field: "priority", before: .value(.int(100)), after: .value(.int(5)))])
        #expect(item.message.contains("mirrors production"))
        #expect(report.items.map(\.driftClass) == [.changed, .mirrorOutOfSync])

        // An excluded policy (declared differently, or not at all, in the mirror) is not compared.
        desired.environments[1].policies = [Self.holdExport]
        report = Self.report(desired, live)
        #expect(!report.items.contains { $0.driftClass == .mirrorOutOfSync })
    }

    @Test("an environment without mirror is never mirror-out-of-sync, however its policies differ")
    func noMirrorNoSync() {
        var (desired, live) = Self.inSync()
        desired.environments[1].mirror = nil
        live.policies.removeAll { $0.environment == "production" }
        desired.environments[0].policies = []
        #expect(Self.report(desired, live).isInSync)
    }

    @Test("no agents and no audit event in 30 days is `dormant`, measured from the injected now")
    func dormant() {
        var (desired, live) = Self.inSync()
        live.agents.removeAll { $0.environment == "staging" }
        desired.agents.removeAll { $0.environment == "staging" }
        let lastMonth = Self.now.addingTimeInterval(-31 * 86_400)
        var report = Self.report(desired, live, activity: ["production": Self.now, "staging": lastMonth])
        #expect(report.items.map(\.driftClass) == [.dormant])
        #expect(report.items.first?.address == .environment("staging"))

        report = Self.report(desired, live, activity: ["production": Self.now, "staging": Self.now.addingTimeInterval(-29 * 86_400)])
        #expect(report.isInSync, "an event 29 days ago keeps it alive")
        report = Self.report(desired, live, activity: ["production": lastMonth])
        #expect(report.items.map(\.address) == [.environment("staging")], "agents keep production alive; no events at all is dormant")
        #expect(report.items.first?.message.contains("delete it") == true)

        live.agents.removeAll()
        desired.agents.removeAll()
        report = Self.report(desired, live, activity: [:])
        #expect(report.items.contains { $0.address == .environment("staging") && $0.driftClass == .dormant })
        #expect(!report.items.contains { $0.address == .environment("production") },
                "the default environment cannot be deleted, so it is never dormant")
    }

    @Test("--env limits every class to those environments")
    func environmentScope() {
        var (desired, live) = Self.inSync()
        live.environment("sandbox", name: "Sandbox")
        desired.agents.append(AgentSpec(environment: "production", name: "new-bot"))
        let staging = drift(desired, live.state, options: DriftOptions(environments: ["staging"], now: Self.now, lastActivity: [:]))
        #expect(staging.isInSync, "the missing agent and the unused sandbox are elsewhere")
        let sandbox = drift(desired, live.state, options: DriftOptions(environments: ["sandbox"], now: Self.now, lastActivity: [:]))
        #expect(sandbox.items.map(\.driftClass) == [.unmanaged, .dormant])
        #expect(sandbox.items.allSatisfy { $0.address == .environment("sandbox") })
    }
}

import Foundation
import Governance
import Testing
@testable import Planning

/// Ignore rules, notes and `--fail-on`: a nightly drift job that is green after a clean apply and red only on
/// what is wrong, with every set-aside finding still listed.
@Suite("drift ignore rules and built-ins")
struct DriftIgnoreTests {
    static let now = DriftTests.now

    static func withRules(_ desired: DesiredState, _ rules: [DriftIgnoreRule]) -> DesiredState {
        var out = desired
        out.settings = SettingsSpec(driftIgnores: rules)
        return out
    }

    /// The in-sync world of the drift tests, plus a policy hot-fixed in staging's console and live settings equal to the
    /// declared defaults.
    static func hotFixed() -> (DesiredState, LiveBuilder) {
        var (desired, live) = DriftTests.inSync()
        live.policy("staging", Desired.policy("hand-made-policy", pattern: "shell.*"))
        desired.settings = SettingsSpec()
        return (desired, live)
    }

    @Test("without a rule, a console policy in a declared environment is deleted, and the plan says why")
    func consolePolicyDeleted() throws {
        let (desired, live) = Self.hotFixed()
        let plan = diff(desired, live.state)
        let delete = try #require(plan.changes.first { $0.address == .policy("staging", "hand-made-policy") })
        #expect(delete.action == .delete)
        #expect(delete.deleteReason == "not in the manifests of a declared environment")
        #expect(TextRenderer(color: false).render(plan)
            .contains("  - delete policy/staging/hand-made-policy  (not in the manifests of a declared environment)\n"))
    }

    @Test("a rule protects a console-managed policy: plan does not delete it, drift lists it as ignored with the rule")
    func ruleProtectsPolicy() throws {
        let (base, live) = Self.hotFixed()
        let rule = DriftIgnoreRule(address: "policy/staging/hand-*", classes: [.unmanaged], reason: "on-call hot-fixes")
        let desired = Self.withRules(base, [rule])
        let plan = diff(desired, live.state)
        #expect(plan.changes.isEmpty)
        #expect(plan.ignored.map(\.item.address) == [.policy("staging", "hand-made-policy")])
        #expect(plan.ignored.first?.rule == rule)
        let report = drift(desired, live.state, options: DriftOptions(now: Self.now, lastActivity: DriftTests.recent))
        #expect(report.isInSync && !report.failed)
        #expect(report.ignored.count == 1 && report.ignored[0].item.driftClass == .unmanaged)
        #expect(report.ignored[0].item.message.contains("a drift ignore rule keeps it, so apply leaves it alone"))
        let json = try DriftJSONRenderer().render(report, generatedAt: Self.now)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let ignored = try #require(doc["ignored"] as? [[String: Any]])
        #expect(ignored.first?["address"] as? String == "policy/staging/hand-made-policy")
        #expect((ignored.first?["rule"] as? [String: Any])?["reason"] as? String == "on-call hot-fixes")
        #expect(DriftTextRenderer(color: false).render(report).contains("Ignored by the drift rules of Settings (1):"))
    }

    @Test("a field rule keeps the live value in the write, and what follows from the field goes with it")
    func fieldRule() throws {
        var (desired, live) = DriftTests.inSync()
        desired.environments[1].description = "git's words"
        desired.environments[1].enforcementMode = .monitor
        var plan = diff(desired, live.state)
        let before = try #require(plan.changes.first { $0.address == .environment("staging") })
        #expect(before.callouts.contains { $0.hasPrefix("enforcement weakens: alert → monitor") })
        #expect(before.needs == [.confirmation])

        desired = Self.withRules(desired, [DriftIgnoreRule(address: "environment/*", fields: ["enforcementMode"], reason: "set in the console")])
        plan = diff(desired, live.state)
        let change = try #require(plan.changes.first { $0.address == .environment("staging") })
        #expect(change.fields.map(\.field) == ["description"])
        #expect(change.after?["enforcementMode"] == .value(.string("alert")), "the write sends the live value")
        #expect(change.callouts.isEmpty && change.needs.isEmpty, "nothing weakens once the mode is ignored")
        #expect(plan.ignored.map(\.item.fields.first?.field) == ["enforcementMode"])
        #expect(plan.ignored.first?.item.message == "live differs from the manifests in enforcementMode")
    }

    @Test("a rule that names fields never hides an unmanaged resource")
    func fieldRuleIsNarrow() {
        let rule = DriftIgnoreRule(address: "agent/*/*", fields: ["description"], reason: "support edits")
        #expect(!rule.covers(.unmanaged, at: "agent/staging/x"))
        #expect(rule.covers(.changed, at: "agent/staging/x"))
    }

    @Test("the default environment and serve's bootstrap key are notes, not unmanaged drift")
    func builtIns() {
        var live = LiveBuilder.fresh()
        live.environment("staging", name: "Staging")
        live.apiKey(nil, "bootstrap-owner", role: .owner, labels: [ManagedLabels.issuedByKey: ManagedLabels.bootstrapValue])
        live.apiKey(nil, "hand-made", role: .viewer, labels: [:])
        let desired = DesiredState(environments: [Desired.env("staging", "Staging")])
        let report = drift(desired, live.state, options: DriftOptions(now: Self.now))
        #expect(report.items.filter { $0.driftClass == .unmanaged }.map(\.address) == [.apiKey(nil, "hand-made")])
        #expect(report.notes.count == 2)
        #expect(report.notes.contains { $0.hasPrefix("environment/production is the tenant's default environment") })
        #expect(report.notes.contains { $0.hasPrefix("apikey/bootstrap-owner is the Owner key govctl serve issued") })
        #expect(!report.failed, "unmanaged is reported, not failed, by default")
        let all = drift(desired, live.state, options: DriftOptions(now: Self.now, failOn: Set(DriftClass.allCases)))
        #expect(all.failed)
        #expect(DriftTextRenderer(color: false).render(report).contains("Not failing: drift fails only on changed, missing, mirror-out-of-sync"))
    }

    @Test("--fail-on decides: changed fails by default, not when left out")
    func failOn() {
        let (base, live) = DriftTests.inSync()
        var desired = base
        desired.environments[0].description = "edited"
        let options = DriftOptions(now: Self.now, lastActivity: DriftTests.recent)
        #expect(drift(desired, live.state, options: options).failed)
        var narrow = options
        narrow.failOn = [.missing]
        #expect(!drift(desired, live.state, options: narrow).failed)
    }

    @Test("a saved plan keeps its ignored findings and callouts")
    func savedPlanReadsBack() throws {
        let (base, live) = Self.hotFixed()
        var desired = Self.withRules(base, [DriftIgnoreRule(address: "policy/*/hand-*", reason: "console")])
        desired.environments[0].production = false
        let plan = diff(desired, live.state)
        let data = try JSONEncoder().encode(PlanDocument(plan))
        let back = try #require(try JSONDecoder().decode(PlanDocument.self, from: data).plan())
        #expect(back.ignored == plan.ignored)
        #expect(back.changes.map(\.callouts) == plan.changes.map(\.callouts))
        #expect(plan.changes.contains { !$0.callouts.isEmpty })
    }
}

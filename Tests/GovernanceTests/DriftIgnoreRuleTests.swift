import Governance
import Testing

/// Ignore rules are checked where they are written and match addresses segment by segment.
@Suite("drift ignore rule")
struct DriftIgnoreRuleTests {
    @Test("'*' matches within one segment; the number of segments must agree", arguments: [
        ("policy/staging/console-*", "policy/staging/console-fix", true),
        ("policy/staging/console-*", "policy/production/console-fix", false),
        ("policy/*/*", "policy/eu-staging/a", true),
        ("apikey/*", "apikey/staging/ci", false),
        ("apikey/*", "apikey/ci", true),
        ("*/staging/*", "agent/staging/bot", true),
        ("environment/*", "environment/staging", true),
        ("a*b*c", "axxbyyc", true),
        ("a*b*c", "axxbyy", false),
        ("settings", "settings", true),
    ])
    func matching(pattern: String, address: String, expected: Bool) {
        #expect(DriftIgnoreRule(address: pattern, reason: "r").covers(.unmanaged, at: address) == expected)
    }

    @Test("a long run of stars against a long address answers at once")
    func hostilePattern() {
        let pattern = "policy/staging/" + String(repeating: "*a", count: 140)
        let address = "policy/staging/" + String(repeating: "a", count: 250) + "b"
        #expect(DriftIgnoreRule(address: pattern, reason: "r").problem() == nil)
        #expect(!DriftIgnoreRule(address: pattern, reason: "r").covers(.unmanaged, at: address))
    }

    @Test("a rule without a reason, or that ignores what apply would create, is refused with the way out")
    func problems() {
        #expect(DriftIgnoreRule(address: "agent/*/*", reason: " ").problem()?.violation.code == "missing-reason")
        let missing = DriftIgnoreRule(address: "agent/*/*", classes: [.missing], reason: "r").problem()?.violation
        #expect(missing?.message.contains("remove it from the manifests instead") == true)
        #expect(DriftIgnoreRule(address: "agent/*/*", classes: [.dormant], fields: ["description"], reason: "r").problem()?.violation.code == "invalid-value")
        #expect(DriftIgnoreRule(address: "policy//x", reason: "r").problem()?.violation.code == "invalid-pattern")
        #expect(DriftIgnoreRule(address: "policy/a/b/c", reason: "r").problem()?.violation.code == "invalid-pattern")
        #expect(DriftIgnoreRule(address: String(repeating: "a", count: 301), reason: "r").problem()?.violation.code == "invalid-pattern")
        #expect(DriftIgnoreRule(address: "policy/staging/x", classes: [.changed], fields: ["description"], reason: "r").problem() == nil)
    }

    @Test("removing the production flag and lowering the mode are called out; raising them is not")
    func weakening() {
        let both = EnvironmentWeakening.callouts(liveProduction: true, liveMode: .enforce, production: false, mode: .monitor)
        #expect(both.count == 2)
        #expect(both[1].hasPrefix("enforcement weakens: enforce → monitor"))
        #expect(EnvironmentWeakening.callouts(liveProduction: false, liveMode: .monitor, production: true, mode: .enforce).isEmpty)
        #expect(EnvironmentWeakening.callouts(liveProduction: false, liveMode: .enforce, production: false, mode: .alert)
            == ["enforcement weakens: enforce → alert (nothing is blocked or held; denials and holds only notify)"])
    }
}

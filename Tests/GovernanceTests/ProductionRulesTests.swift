import Governance
import Testing

/// The two production rules, in the one place plan, gate and control plane take them from.
@Suite("production rules")
struct ProductionRulesTests {
    @Test("only dropping a set flag removes it; only the Owner may")
    func flagRemoval() {
        #expect(ProductionRules.removesFlag(live: true, desired: false))
        #expect(!ProductionRules.removesFlag(live: false, desired: false))
        #expect(!ProductionRules.removesFlag(live: true, desired: true))
        #expect(ProductionRules.flagRemovalRefusal("eu", role: .owner) == nil)
        for role in [Role.manager, .member, .viewer] {
            let refusal = ProductionRules.flagRemovalRefusal("eu", role: role)
            #expect(refusal?.code == "owner-required")
            #expect(refusal?.message.contains("this is a \(role.rawValue); ask an owner") == true)
        }
    }

    @Test("policy changes need confirmation where production is live or declared")
    func confirmation() {
        #expect(ProductionRules.policyChangesNeedConfirmation(declaredProduction: true, liveProduction: false))
        #expect(ProductionRules.policyChangesNeedConfirmation(declaredProduction: false, liveProduction: true))
        #expect(!ProductionRules.policyChangesNeedConfirmation(declaredProduction: false, liveProduction: false))
    }
}

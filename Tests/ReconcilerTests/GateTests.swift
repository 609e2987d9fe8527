import Governance
import Planning
import Reconciler
import Testing

@Suite("What must hold before an apply starts")
struct GateTests {
    let plan = Plan(changes: [
        Change(address: .environment("production"), action: .update, needs: [.owner], revision: 1),
        Change(address: .policy("production", "deny-drop"), action: .update, needs: [.confirmation], revision: 1),
        Change(address: .apiKey("staging", "ci"), action: .create, needs: [.secretsFile]),
    ], unchanged: 0, unmanaged: [])

    @Test("a non-owner, no secrets file, no confirmation: every blocker at once")
    func everyBlocker() {
        let manager = Principal(role: .manager, scope: .tenant, name: "k")
        let codes = ApplyGate.blockers(plan, .init(principal: manager, hasSecretsFile: false)).map(\.code)
        #expect(codes == ["owner-required", "secrets-file-required", "confirmation-required"])
    }

    @Test("the secrets-file message says why")
    func secretsFileMessage() {
        let blockers = ApplyGate.blockers(plan, .init(principal: .cli, hasSecretsFile: false, confirmsAll: true))
        #expect(blockers.map(\.message) == ["creating API key apikey/staging/ci needs --secrets-file FILE: its secret is shown once and written only there"])
    }

    @Test("typing the slug confirms that environment")
    func slugConfirms() {
        #expect(ApplyGate.environmentsToConfirm(plan) == ["production"])
        #expect(ApplyGate.blockers(plan, .init(principal: .cli, hasSecretsFile: true, confirmed: ["production"])).isEmpty)
    }
}

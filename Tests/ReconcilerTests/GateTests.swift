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

    @Test("a viewer or member key may plan, but an apply with changes is one blocker before anything starts")
    func readOnlyRoles() {
        for role in [Role.member, .viewer] {
            let key = Principal(role: role, scope: .tenant, name: "k")
            #expect(ApplyGate.blockers(plan, .init(principal: key, hasSecretsFile: true, confirmsAll: true)).map(\.code) == ["role-cannot-apply"])
            #expect(ApplyGate.blockers(Plan(changes: [], unchanged: 3, unmanaged: []), .init(principal: key, hasSecretsFile: false)).isEmpty)
        }
    }

    @Test("a scoped key plans its own environment only, and may not ask for another")
    func scopedKeyNarrowsThePlan() throws {
        let staging = Principal(role: .manager, scope: .environment("staging"), name: "k")
        #expect(try PrincipalScope.environments(nil, for: staging) == ["staging"])
        #expect(try PrincipalScope.environments(["staging"], for: staging) == ["staging"])
        #expect(throws: ApplyError.self) { try PrincipalScope.environments(["staging", "production"], for: staging) }
        #expect(try PrincipalScope.environments(nil, for: .cli) == nil)
        #expect(try PrincipalScope.environments(["production"], for: .cli) == ["production"])
    }
}


import Governance
import Testing

@Suite("EnvironmentDeletionGuard: each rule refuses with its own code and way out")
struct EnvironmentDeletionGuardTests {
    private func facts(isDefault: Bool = false, isProduction: Bool = false, activeAgents: [String] = [], count: Int = 3) -> EnvironmentDeletionGuard.Facts {
        .init(slug: "old", isDefault: isDefault, isProduction: isProduction, activeAgents: activeAgents, environmentCount: count)
    }

    @Test("an ordinary environment may be deleted")
    func allowed() {
        #expect(EnvironmentDeletionGuard.violations(facts()) == [])
    }

    @Test("the default environment can never be deleted")
    func defaultEnvironment() {
        let codes = EnvironmentDeletionGuard.violations(facts(isDefault: true)).map(\.code)
        #expect(codes == ["default-environment"])
    }

    @Test("the last environment cannot be deleted")
    func lastEnvironment() {
        let violations = EnvironmentDeletionGuard.violations(facts(count: 1))
        #expect(violations.map(\.code) == ["last-environment"])
        #expect(violations[0].message.contains("create another"))
    }

    @Test("a production-flagged environment needs the flag removed first")
    func production() {
        let violations = EnvironmentDeletionGuard.violations(facts(isProduction: true))
        #expect(violations.map(\.code) == ["production-protected"])
        #expect(violations[0].message.contains("remove the production flag first"))
    }

    @Test("active agents block deletion and are named, sorted, at most ten")
    func activeAgents() throws {
        let one = EnvironmentDeletionGuard.violations(facts(activeAgents: ["bot"]))
        #expect(one.map(\.code) == ["active-agents"])
        #expect(one[0].message.contains("1 active agent (bot)"))
        let many = (1...12).map { "bot-\($0 < 10 ? "0" : "")\($0)" }.reversed()
        let message = try #require(EnvironmentDeletionGuard.violations(facts(activeAgents: Array(many))).first).message
        #expect(message.contains("12 active agents (bot-01, bot-02"))
        #expect(message.contains("and 2 more"))
        #expect(!message.contains("bot-11"))
    }

    @Test("every broken rule is reported, in the vendor's order")
    func all() {
        let codes = EnvironmentDeletionGuard.violations(facts(isDefault: true, isProduction: true, activeAgents: ["a"], count: 1)).map(\.code)
        #expect(codes == ["default-environment", "last-environment", "production-protected", "active-agents"])
    }
}

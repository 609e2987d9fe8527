import Governance
import Testing

@Suite("VariableNameRule: letters, digits and underscores, not starting with a digit")
struct VariableNameRuleTests {
    @Test("valid names pass", arguments: ["CRM_TOKEN", "_private", "a", "Db2_PASSWORD", "X9"])
    func valid(_ name: String) {
        #expect(VariableNameRule.check(name) == nil)
    }

    @Test("other names are refused without repeating them", arguments: ["", "9LIVES", "CRM-TOKEN", "has space", "sk-live-4242", "ÄPFEL", "A=B", "TAB\tX"])
    func invalid(_ name: String) throws {
        let violation = try #require(VariableNameRule.check(name))
        #expect(violation.code == "invalid-value")
        #expect(name.isEmpty || !violation.message.contains(name))
    }
}

import Governance
import Testing

@Suite("NameRule: 1–100 letters, digits, '-', '_', '.', starting with a letter or digit")
struct NameRuleTests {
    @Test("valid names pass", arguments: ["deny-destructive-db", "Sales_Bot.v2", "7", "a", String(repeating: "n", count: 100)])
    func valid(_ name: String) {
        #expect(NameRule.check(name, what: "policy") == nil)
    }

    @Test("an empty name is refused, naming what it is")
    func empty() {
        #expect(NameRule.check("", what: "agent") == RuleViolation(code: "invalid-name", message: "agent name is empty"))
    }

    @Test("a name must start with a letter or digit")
    func leading() throws {
        #expect(try #require(NameRule.check("-bot", what: "agent")).message.contains("must start with a letter or digit"))
        #expect(try #require(NameRule.check(".hidden", what: "agent")).message.contains("must start with a letter or digit"))
    }

    @Test("spaces, slashes and non-ASCII are refused: names appear in addresses")
    func characters() throws {
        #expect(try #require(NameRule.check("deny x", what: "policy")).message.contains("a space"))
        #expect(try #require(NameRule.check("a/b", what: "policy")).message.contains("'/'"))
        #expect(try #require(NameRule.check("café", what: "policy")).message.contains("non-ASCII"))
    }

    @Test("101 characters is too many")
    func tooLong() throws {
        let violation = try #require(NameRule.check(String(repeating: "n", count: 101), what: "credential"))
        #expect(violation.code == "invalid-name")
        #expect(violation.message.contains("101 characters"))
    }
}

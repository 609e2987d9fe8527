import Governance
import Testing

@Suite("SlugRule: lowercase letters, digits, hyphens; starts with a letter; 3–50 characters")
struct SlugRuleTests {
    @Test("valid slugs pass", arguments: ["production", "eu-production", "abc", "a1-", "team-42", String(repeating: "a", count: 50)])
    func valid(_ slug: String) {
        #expect(SlugRule.check(slug) == nil)
    }

    @Test("qa is refused and the message says what to write instead")
    func qa() throws {
        let violation = try #require(SlugRule.check("qa"))
        #expect(violation.code == "invalid-slug")
        #expect(violation.message.contains("'qa-env'"))
        #expect(violation.message.contains("3–50"))
    }

    @Test("uppercase letters are refused, suggesting the lowercase slug")
    func uppercase() throws {
        let violation = try #require(SlugRule.check("Staging"))
        #expect(violation.code == "invalid-slug")
        #expect(violation.message.contains("'S'"))
        #expect(violation.message.contains("try 'staging'"))
    }

    @Test("a leading digit or hyphen is refused")
    func leadingCharacter() throws {
        #expect(try #require(SlugRule.check("1prod")).message.contains("must start with a lowercase letter"))
        #expect(try #require(SlugRule.check("-prod")).message.contains("must start with a lowercase letter"))
    }

    @Test("51 characters is one too many")
    func tooLong() throws {
        let violation = try #require(SlugRule.check(String(repeating: "a", count: 51)))
        #expect(violation.message.contains("51 characters"))
    }

    @Test("empty, spaces, underscores and non-ASCII are refused")
    func badCharacters() throws {
        #expect(SlugRule.check("")?.code == "invalid-slug")
        #expect(try #require(SlugRule.check("eu prod")).message.contains("' '"))
        #expect(try #require(SlugRule.check("eu_prod")).message.contains("'_'"))
        #expect(try #require(SlugRule.check("prodé")).message.contains("non-ASCII"))
    }

    @Test("suggestions are themselves valid slugs", arguments: [
        ("qa", "qa-env"), ("dev", "development"), ("prod", "production"), ("Staging", "staging"),
        ("EU Prod!", "eu-prod"), ("1abc", "abc"), ("x", "x-env"), ("__", "env"),
    ])
    func suggestions(_ input: String, _ expected: String) {
        let suggestion = SlugRule.suggestion(for: input)
        #expect(suggestion == expected)
        #expect(SlugRule.check(suggestion) == nil)
    }
}

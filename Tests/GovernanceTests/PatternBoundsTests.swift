import Governance
import Testing

/// The bounds every action pattern keeps before the regex parser sees it (docs/manifests.md, "Action patterns").
@Suite("PatternBounds: length, nesting and expanded size, checked before anything recursive")
struct PatternBoundsTests {
    private func refusal(_ text: String) -> RuleViolation? {
        do {
            _ = try ActionPattern(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    @Test("the issue's pattern, 2,500 nested classes, is refused for its length, with a short message")
    func issuePattern() throws {
        let text = "regex:^" + String(repeating: "[", count: 2_500) + "a" + String(repeating: "]", count: 2_500)
        let error = try #require(refusal(text))
        #expect(error.code == "invalid-pattern")
        #expect(error.message.contains("5008 bytes long; an action pattern is at most 1024 bytes"))
        #expect(error.message.utf8.count < 200)
    }

    @Test("nested classes within the length bound are refused before the regex parser sees them")
    func nestedClasses() throws {
        let text = "regex:^" + String(repeating: "[", count: 500) + "a" + String(repeating: "]", count: 500)
        let error = try #require(refusal(text))
        #expect(error.message.contains("puts a character class inside a character class; write '\\[' for a literal '['"))
        #expect(refusal("regex:[a[b]]") != nil)
        #expect(refusal("regex:[\\[a]") == nil)
    }

    @Test("POSIX names inside a class stay accepted")
    func posixNames() {
        #expect(refusal("regex:^[[:alpha:]_]+$") == nil)
        #expect(refusal("regex:^[[:^digit:]]") == nil)
    }

    @Test("groups nest at most 16 deep")
    func groupDepth() throws {
        let deep = { (n: Int) in "regex:" + String(repeating: "(", count: n) + "a" + String(repeating: ")", count: n) }
        #expect(refusal(deep(PatternBounds.maxGroupDepth)) == nil)
        let error = try #require(refusal(deep(PatternBounds.maxGroupDepth + 1)))
        #expect(error.message.contains("nests groups more than 16 deep"))
    }

    @Test("extended syntax is refused: its comments would hide parentheses from the bound")
    func extendedSyntax() throws {
        let hidden = "regex:(?x)" + String(repeating: "(#)\n", count: 200)
        #expect(try #require(refusal(hidden)).message.contains("extended syntax"))
        #expect(refusal("regex:(?ix:a)") != nil)
        #expect(refusal("regex:(?i)db\\.drop") == nil)
    }

    @Test("a class must not start with ']', which engines read differently")
    func bracketFirst() {
        #expect(refusal("regex:[]a]")?.message.contains("write '\\]' for a literal ']'") == true)
        #expect(refusal("regex:[^]a]") != nil)
        #expect(refusal("regex:[\\]a]") == nil)
    }

    @Test("repetition counts are at most 1,000, and the expanded expression at most 10,000 elements")
    func repetitions() throws {
        #expect(refusal("regex:a{1000}") == nil)
        #expect(try #require(refusal("regex:a{1001}")).message.contains("more than 1000 times"))
        #expect(refusal("regex:(a{100}){100}") == nil)
        #expect(try #require(refusal("regex:(a{100}){101}")).message.contains("expands to more than 10000 elements"))
        #expect(refusal("regex:((ab){100}){100}") != nil)
        #expect(refusal("regex:(a{100,}){100}") != nil)
        // A brace that is no repetition is a literal.
        #expect(refusal("regex:^a{x}$") == nil)
    }

    @Test("\\Q…\\E quotes syntax, but brackets and parentheses still count toward the nesting bounds")
    func quoted() {
        #expect(refusal("regex:\\Q.*+?{}|\\E") == nil)
        #expect(refusal("regex:\\p{L}+") == nil)
        // The raw count is the last line of defence: it over-counts quoted brackets rather than trust any reading.
        #expect(refusal("regex:\\Q[[[[((((\\E") != nil)
    }

    @Test("a glob over the length bound is refused too")
    func longGlob() throws {
        let text = String(repeating: "a", count: PatternBounds.maxLength + 1)
        #expect(try #require(refusal(text)).message.contains("at most 1024 bytes"))
        #expect(refusal(String(repeating: "a", count: PatternBounds.maxLength)) == nil)
    }

    @Test("the vendor's documented patterns and the examples' lookahead are accepted",
          arguments: ["read_*", "*_export_*", "db.*", "regex:^(read|list)_crm_.*$", "regex:^db\\.(query|read)$",
                      "regex:^.*_(delete|drop|truncate)_.*$", "regex:^storage\\.(copy|replicate)\\.(?!eu-)",
                      "regex:^(http|email|slack)\\.(post|send)\\b.*(secret|token|password)"])
    func documented(_ text: String) {
        #expect(refusal(text) == nil)
    }
}

@Suite("ActionPattern reads its prefix as bytes")
struct ActionPatternPrefixTests {
    @Test("regex: followed by a combining mark is still a regular expression, and prints as written")
    func combiningMark() throws {
        let text = "regex:\u{301}a"
        let pattern = try ActionPattern(parsing: text)
        #expect(pattern == .regex("\u{301}a"))
        #expect(pattern.description == text)
    }
}

@Suite("ConstraintsRule: constraints nest at most 8 levels")
struct ConstraintsRuleTests {
    private func nested(_ levels: Int) -> JSONValue {
        var value = JSONValue.int(1)
        for _ in 0..<levels { value = .array([value]) }
        return value
    }

    @Test("the object itself counts: 7 levels inside it are fine, 8 are one too many")
    func depth() throws {
        #expect(ConstraintsRule.check(["a": nested(7)]) == nil)
        let violation = try #require(ConstraintsRule.check(["a": nested(8)]))
        #expect(violation.code == "invalid-value")
        #expect(ConstraintsRule.check(["amount": .object(["max": .int(100)]), "hosts": .array([.string("a")])]) == nil)
        #expect(ConstraintsRule.check([:]) == nil)
    }
}

@Suite("PatternBounds cannot be read past: what the scan skips, the parser skips too")
struct PatternBoundsBypassTests {
    private func refused(_ text: String) -> Bool {
        (try? ActionPattern(parsing: text)) == nil
    }

    private static let nestedClasses = String(repeating: "[", count: 500) + "a" + String(repeating: "]", count: 500)
    private static let deepGroups = String(repeating: "(", count: 20) + "a" + String(repeating: ")", count: 20)

    @Test("braces after an escape that takes none are a repetition, not a place to hide syntax",
          arguments: ["regex:\\.{\(nestedClasses)}", "regex:\\.{\(deepGroups)}", "regex:\\.{(?x)}a # (",
                      "regex:\\.{((a{1000}){1000}){1000}}", "regex:(\\d{1000}){1000}", "regex:\\p{\(nestedClasses)}"])
    func braces(_ text: String) {
        #expect(refused(text), "\(text.prefix(40))")
    }

    @Test("a comment (?#…) ends at its first ')', and hides nothing after it",
          arguments: ["regex:(?#[)\(deepGroups)]", "regex:(?#[)(?x)]a", "regex:(?#[)\(nestedClasses)"])
    func comments(_ text: String) {
        #expect(refused(text), "\(text.prefix(40))")
    }

    @Test("\\c takes one character, and POSIX names close nothing")
    func controlAndPosix() {
        #expect(refused("regex:\\c[" + Self.deepGroups))
        #expect(refused("regex:[[:alpha:][[:alpha:][[:alpha:]]]]"))
        #expect(!refused("regex:^[[:alpha:]_]+\\p{L}\\x{41}(?#note)$"))
        #expect(!refused("regex:^a\\.{2,3}$"))
    }
}

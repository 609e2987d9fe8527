import Governance
import Testing

@Suite("ActionPattern: a glob, or regex: followed by an expression that compiles")
struct ActionPatternTests {
    @Test("globs and regular expressions parse and print as written", arguments: ["db.*", "*_export_*", "regex:^db\\.(drop|truncate)$"])
    func roundTrip(_ text: String) throws {
        #expect(try ActionPattern(parsing: text).description == text)
    }

    @Test("the regex prefix selects a regular expression")
    func kinds() throws {
        #expect(try ActionPattern(parsing: "db.*") == .glob("db.*"))
        #expect(try ActionPattern(parsing: "regex:^a+$") == .regex("^a+$"))
    }

    @Test("a regular expression that does not compile is refused")
    func badRegex() {
        #expect(throws: RuleViolation.self) { try ActionPattern(parsing: "regex:^db\\.(drop") }
        do {
            _ = try ActionPattern(parsing: "regex:[a-")
            Issue.record("an unterminated class compiled")
        } catch {
            #expect(error.code == "invalid-pattern")
            #expect(error.message.contains("not a valid regular expression"))
        }
    }

    @Test("an empty pattern and an empty expression are refused")
    func empty() {
        for text in ["", "regex:"] {
            do {
                _ = try ActionPattern(parsing: text)
                Issue.record("'\(text)' parsed")
            } catch {
                #expect(error.code == "invalid-pattern")
            }
        }
    }

    @Test("whitespace and control characters in a glob are refused", arguments: ["db .*", "db.*\t", "\ndb", "db\u{7}"])
    func whitespace(_ text: String) {
        #expect(throws: RuleViolation.self) { try ActionPattern(parsing: text) }
    }
}

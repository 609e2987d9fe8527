import Manifests
import Testing
import YAMLNodes

@Suite("Alias expansion is bounded over a whole run, not per document")
struct AliasBudgetTests {
    @Test("aliases shared within each file work, and their expansion counts toward one budget for every file")
    func budgetSpansFiles() throws {
        let result = try Fixtures.load("valid/shared-aliases")
        #expect(result.diagnostics == [])
        let copies = result.environment("beta")?.policies.first?.constraints["copies"]
        #expect(copies == .array(Array(repeating: .object(["rows": .int(100), "tables": .array([.string("a"), .string("b"), .string("c")])]), count: 5)))

        // Each file's five aliases add 40 nodes: the first file stays within 60, the second crosses it at its third.
        var limits = YAMLLimits()
        limits.maxAliasExpansionPerRun = 60
        let bounded = try Fixtures.load("valid/shared-aliases", limits: limits)
        #expect(bounded.errorSummary == ["alias-limit@valid/shared-aliases/beta.yaml:12:36"])
        #expect(bounded.state == nil)
    }
}

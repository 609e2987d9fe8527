import Governance
import Testing
@testable import Planning

/// The Markdown plan is a pull-request comment: it must fit the forge's limit with its summary whole.
@Suite("markdown plan within a size budget")
struct MarkdownBudgetTests {
    /// An onboarding plan: `environments` new environments with `policies` policies each.
    static func onboarding(_ environments: Int, policies: Int) -> Plan {
        var changes: [Change] = []
        for e in 0..<environments {
            let slug = "team-\(e)"
            changes.append(Change(address: .environment(slug), action: .create,
                                  after: ["name": .value(.string("Team \(e)")), "production": .value(.bool(e == 0))]))
            for p in 0..<policies {
                changes.append(Change(address: .policy(slug, "policy-\(p)"), action: .create,
                                      after: ["type": .value(.string("deny")), "actionPattern": .value(.string("db.drop_\(p)_*")),
                                              "priority": .value(.int(100 + p))],
                                      needs: e == 0 ? [.confirmation] : []))
            }
        }
        return Plan(changes: changes, unchanged: 0, unmanaged: [],
                    warnings: [PlanWarning(code: "staging-not-mirroring", message: "staging does not mirror production | check",
                                           location: "governance/envs.yaml:3:5")])
    }

    @Test("a 300-environment onboarding plan fits GitHub's comment limit with its summary whole")
    func onboardingFits() {
        let plan = Self.onboarding(300, policies: 40)
        let unlimited = MarkdownRenderer().render(plan)
        #expect(unlimited.utf8.count > 1_000_000, "the plan is large: \(unlimited.utf8.count) bytes")
        let out = MarkdownRenderer(maxBytes: MarkdownRenderer.defaultMaxBytes, detailsURL: "https://ci.example/run/7").render(plan)
        #expect(out.utf8.count <= MarkdownRenderer.defaultMaxBytes)
        #expect(out.count <= 65_536)
        #expect(out.hasPrefix("### govctl plan: 12300 to add, 0 to change, 0 to destroy, 0 refused\n"))
        // The summary: every environment's counts, the kinds, the confirmations' heading and the warning.
        for e in [0, 150, 299] { #expect(out.contains("| `team-\(e)` | 41 | 0 | 0 | 0 |")) }
        #expect(out.contains("| policy | 12000 | 0 | 0 | 0 |"))
        #expect(out.contains("> **40 changes need confirmation** (production policies"))
        #expect(out.contains("**staging-not-mirroring**: staging does not mirror production \\| check"))
        #expect(out.contains("`governance/envs.yaml:3:5`"))
        // Whole environments' details until the budget ends, then one line saying what is left and where.
        #expect(out.contains("<details><summary><code>team-1</code>"))
        #expect(out.contains("more changes not shown to keep this comment within 60000 bytes: the full plan is in [the job's artifacts](https://ci.example/run/7)."))
        #expect(out.hasSuffix("._\n"))
        let opened = out.components(separatedBy: "<details>").count, closed = out.components(separatedBy: "</details>").count
        #expect(opened == closed, "every details block is closed")
        #expect(out.components(separatedBy: "```").count % 2 == 1, "every code block is closed")
    }

    @Test("the largest environment is the one cut; a plan that fits is not cut at all")
    func largestCutLast() {
        var changes = Self.onboarding(2, policies: 200).changes.filter { $0.address.environment == "team-1" }
        changes += Self.onboarding(4, policies: 2).changes.filter { ["team-2", "team-3"].contains($0.address.environment) }
        let plan = Plan(changes: changes, unchanged: 0, unmanaged: [])
        let out = MarkdownRenderer(maxBytes: 8_000).render(plan)
        #expect(out.utf8.count <= 8_000)
        for e in 2...3 { #expect(out.contains("+ create policy/team-\(e)/policy-1"), "small environments are whole") }
        #expect(out.contains("more changes in this environment"))
        let small = Plan(changes: Self.onboarding(2, policies: 2).changes, unchanged: 0, unmanaged: [])
        #expect(MarkdownRenderer(maxBytes: 60_000).render(small) == MarkdownRenderer().render(small))
        #expect(!MarkdownRenderer(maxBytes: 60_000).render(small).contains("not shown"))
        let linked = MarkdownRenderer(maxBytes: 60_000, detailsURL: "https://ci.example/run/7").render(small)
        #expect(linked.hasSuffix("</details>\n\n_The full plan is in [the job's artifacts](https://ci.example/run/7)._\n"))
    }

    @Test("a list longer than the budget is cut with a count, and the summary still opens the comment")
    func longListsAreCounted() {
        let refusals = (0..<5_000).map { i in
            Change(address: .environment("old-\(i)"), action: .delete,
                   refusals: [RuleViolation(code: "production-protected", message: "environment 'old-\(i)' is a production environment")])
        }
        let out = MarkdownRenderer(maxBytes: 20_000).render(Plan(changes: refusals, unchanged: 0, unmanaged: []))
        #expect(out.utf8.count <= 20_000)
        #expect(out.hasPrefix("### govctl plan: 0 to add, 0 to change, 0 to destroy, 5000 refused\n"))
        #expect(out.contains("more environments_ |"))
        #expect(out.contains("> **5000 changes are refused — this plan cannot be applied.**"))
    }

    @Test("summary only: counts, requirements and warnings, no details; an update is ~, never the refusal's !")
    func summaryOnlyAndMarkers() {
        let plan = Self.onboarding(3, policies: 2)
        let out = MarkdownRenderer(summaryOnly: true).render(plan)
        #expect(!out.contains("<details>") && !out.contains("```"))
        #expect(out.contains("| `team-2` | 3 | 0 | 0 | 0 |"))
        #expect(out.hasSuffix("_Summary only: the 9 changes are listed in the full plan, in the job's artifacts._\n"))
        let update = Change(address: .environment("staging"), action: .update,
                            fields: [FieldChange(field: "name", before: .value(.string("a")), after: .value(.string("b")))])
        let diff = MarkdownRenderer().render(Plan(changes: [update], unchanged: 0, unmanaged: []))
        #expect(diff.contains("```diff\n~ update environment/staging\n"))
        #expect(!diff.contains("\n! "))
    }

    @Test("warnings travel in the JSON plan and read back from a saved one")
    func warningsInJSON() throws {
        let plan = Self.onboarding(1, policies: 1)
        let document = PlanDocument(plan)
        #expect(document.warnings == plan.warnings)
        #expect(document.plan()?.warnings == plan.warnings)
        #expect(try JSONRenderer().render(plan).contains("\"location\" : \"governance/envs.yaml:3:5\""))
    }
}

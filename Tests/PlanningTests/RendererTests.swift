import Governance
import Testing
@testable import Planning

/// The renderers show the same plan three ways; none of them computes anything.
@Suite("plan renderers")
struct RendererTests {
    /// A plan with one of each outcome: create, update (with a secret), delete with cascade, refused, needs.
    static let plan = Plan(
        changes: [
            Change(address: .environment("staging"), action: .update,
                   before: ["name": .value(.string("Stage"))], after: ["name": .value(.string("Staging"))],
                   fields: [FieldChange(field: "name", before: .value(.string("Stage")), after: .value(.string("Staging")))],
                   revision: 4),
            Change(address: .policy("production", "deny-drop"), action: .create,
                   after: ["type": .value(.string("deny")), "priority": .value(.int(900))], needs: [.confirmation]),
            Change(address: .credential("production", "crm-token"), action: .update,
                   before: ["value": .sensitive], after: ["value": .sensitiveChanged],
                   fields: [FieldChange(field: "value", before: .sensitive, after: .sensitiveChanged)], revision: 2),
            Change(address: .policy("staging", "old-rule"), action: .delete, before: ["type": .value(.string("alert"))], revision: 7),
            Change(address: .environment("legacy"), action: .delete, before: ["name": .value(.string("Legacy"))],
                   cascade: ["policy/legacy/a", "audit log kept 90 days"],
                   refusals: [RuleViolation(code: "active-agents", message: "environment 'legacy' has 1 active agent (bot)")],
                   revision: 1),
        ],
        unchanged: 12,
        unmanaged: [.environment("sandbox-ops")])

    @Test("text: symbols, grouped by environment, field diffs, refusals with rule, summary line")
    func text() {
        let out = TextRenderer(color: false).render(Self.plan)
        #expect(out.contains("# environment legacy\n  ! delete environment/legacy  (created by govctl, no longer in the manifests; pruning is on)\n      refused [active-agents]: environment 'legacy' has 1 active agent (bot)\n      also deletes policy/legacy/a\n"))
        #expect(out.contains("  ~ update environment/staging\n      name: \"Stage\" -> \"Staging\"\n"))
        #expect(out.contains("  + create policy/production/deny-drop  (needs confirmation)\n      priority: 900\n      type: \"deny\"\n"))
        #expect(out.contains("      value: (sensitive) -> (sensitive value changed)\n"))
        #expect(out.contains("  - delete policy/staging/old-rule  (not in the manifests of a declared environment)\n"))
        #expect(out.contains("Plan: 1 to add, 2 to change, 1 to destroy, 1 refused.\n"))
        #expect(out.contains("Unmanaged (live, not in the manifests; left alone — see --prune):\n    environment/sandbox-ops\n"))
        #expect(!out.contains("\u{1B}["), "no colour unless asked")
        #expect(TextRenderer(color: true).render(Self.plan).contains("\u{1B}[31m! delete environment/legacy  (created by govctl"))
    }

    @Test("text: an empty plan says there is nothing to do")
    func emptyText() {
        let out = TextRenderer(color: false).render(Plan(changes: [], unchanged: 3, unmanaged: []))
        #expect(out == "No changes. Live state matches the manifests (3 resources checked).\n")
    }

    @Test("markdown: summary table, refusals and confirmations on top, details per environment")
    func markdown() {
        let out = MarkdownRenderer().render(Self.plan)
        #expect(out.hasPrefix("### govctl plan: 1 to add, 2 to change, 1 to destroy, 1 refused\n"))
        #expect(out.contains("| `legacy` | 0 | 0 | 0 | 1 |"))
        #expect(out.contains("> - `environment/legacy` (delete) — **active-agents**:"))
        #expect(out.contains("> - `policy/production/deny-drop` (create)"))
        let caution = out.range(of: "[!CAUTION]")?.lowerBound
        let details = out.range(of: "<details>")?.lowerBound
        #expect(caution != nil && details != nil && caution! < details!, "refusals come before the details")
        #expect(out.contains("<details><summary><code>production</code>: 1 to add, 1 to change, 0 to destroy, 0 refused</summary>"))
        #expect(out.contains("```diff\n+ create policy/production/deny-drop  (needs confirmation)\n      priority: 900\n"))
        #expect(out.contains("```diff\n- REFUSED delete environment/legacy  (created by govctl, no longer in the manifests; pruning is on)\n      refused [active-agents]:"))
        #expect(MarkdownRenderer().render(Self.plan) == out, "stable output")
    }

    @Test("json: versioned, each change with address, action, before, after, verdict, rule, cascade; reads back")
    func json() throws {
        let doc = PlanDocument(Self.plan)
        #expect(doc.formatVersion == "1")
        #expect(doc.applicable == false)
        let legacy = try #require(doc.changes.first { $0.address == "environment/legacy" })
        #expect(legacy.verdict == "refused")
        #expect(legacy.rule == "active-agents")
        #expect(legacy.cascade == ["policy/legacy/a", "audit log kept 90 days"])
        let credential = try #require(doc.changes.first { $0.address == "credential/production/crm-token" })
        #expect(credential.after?["value"] == .string("(sensitive)"))
        #expect(credential.sensitiveChanged == ["value"])
        #expect(doc.plan() == Self.plan, "the document reads back into the same plan")
        let text = try JSONRenderer().render(Self.plan)
        #expect(text.contains("\"format_version\" : \"1\""))
        #expect(text.contains("\"verdict\" : \"needs\""))
    }
}

@Suite("addresses")
struct AddressTests {
    @Test("text form and parsing round-trip", arguments: [
        "environment/staging", "policy/staging/deny-destructive-db", "agent/production/sales-bot",
        "apikey/staging/ci", "apikey/ci", "credential/production/crm-token", "credential/shared", "settings",
    ])
    func roundTrip(_ text: String) throws {
        let address = try #require(Address(parsing: text))
        #expect(address.description == text)
    }

    @Test("malformed addresses do not parse", arguments: ["", "environment", "policy/staging", "widget/a", "policy//x", "settings/x"])
    func malformed(_ text: String) {
        #expect(Address(parsing: text) == nil)
    }
}

@Suite("values in human output cannot draw lines of their own")
struct ValueTextTests {
    @Test("plain keys stay bare; a key with an escape sequence or a line break is quoted with both escaped")
    func keys() {
        let labels = JSONValue.object(["used-by": .string("ci"), "k\u{1B}[31m\nPlan: 0 to add": .string("v")])
        let text = ValueText.text(labels)
        #expect(text == #"{"k\u001b[31m\nPlan: 0 to add": "v", used-by: "ci"}"#)
        #expect(!text.contains("\n") && !text.contains("\u{1B}"))
        #expect(ValueText.key("") == #""""#)
    }
}

import Foundation
import Governance
import Testing
@testable import Planning

/// The drift renderers show one report three ways, naming every class and never a secret.
@Suite("drift renderers")
struct DriftRendererTests {
    /// One item of each class, a secret among the changed fields.
    static let report = DriftReport(items: [
        DriftItem(driftClass: .changed, address: .credential("production", "crm-token"),
                  fields: [FieldChange(field: "value", before: .sensitive, after: .sensitiveChanged)], message: "live differs in value"),
        DriftItem(driftClass: .missing, address: .agent("staging", "test-bot"), message: "declared, not live"),
        DriftItem(driftClass: .unmanaged, address: .apiKey(nil, "ops"), message: "live, not declared"),
        DriftItem(driftClass: .mirrorOutOfSync, address: .policy("staging", "deny-drop"),
                  fields: [FieldChange(field: "priority", before: .value(.int(900)), after: .value(.int(10)))],
                  sides: .init(before: "staging", after: "production"), message: "staging mirrors production"),
        DriftItem(driftClass: .dormant, address: .environment("old-lab"), message: "unused"),
    ], unchanged: 7)
    static let generatedAt = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("text: grouped by environment, classes tagged, both sides named, summary line")
    func text() {
        let out = DriftTextRenderer(color: false).render(Self.report)
        #expect(out.contains("# tenant\n  [unmanaged] apikey/ops: live, not declared"))
        #expect(out.contains("      value: live (sensitive), git (sensitive value changed)"))
        #expect(out.contains("      priority: staging 900, production 10"))
        #expect(out.hasSuffix("Drift: 1 changed, 1 missing, 1 unmanaged, 1 mirror-out-of-sync, 1 dormant.\n"))
        #expect(!out.contains("\u{1B}["))
        #expect(DriftTextRenderer(color: true).render(Self.report).contains("\u{1B}[33m[changed]\u{1B}[0m"))
    }

    @Test("markdown: a count per class first, then each class's items")
    func markdown() {
        let out = DriftMarkdownRenderer().render(Self.report)
        #expect(out.hasPrefix("### govctl drift: 5 differences between live and git\n"))
        for driftClass in DriftClass.allCases {
            #expect(out.contains("| `\(driftClass.rawValue)` | 1 |"))
            #expect(out.contains("#### \(driftClass.rawValue)\n"))
        }
        #expect(out.contains("  - `priority`: staging `900`, production `10`"))
    }

    @Test("json: versioned, timestamped, counts for every class, secrets as text")
    func json() throws {
        let text = try DriftJSONRenderer().render(Self.report, generatedAt: Self.generatedAt)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(doc["format_version"] as? String == "2")
        #expect(doc["generated_at"] as? String == "2027-01-15T08:00:00Z")
        #expect(doc["in_sync"] as? Bool == false)
        #expect(doc["counts"] as? [String: Int] == ["changed": 1, "missing": 1, "unmanaged": 1, "mirror-out-of-sync": 1, "dormant": 1])
        let items = try #require(doc["items"] as? [[String: Any]])
        #expect(items.map { $0["class"] as? String } == ["unmanaged", "dormant", "changed", "missing", "mirror-out-of-sync"])
        #expect(items[0]["environment"] is NSNull)
        let secret = try #require((items[2]["fields"] as? [[String: Any]])?.first)
        #expect(secret["before"] as? String == "(sensitive)")
        #expect(secret["after"] as? String == "(sensitive value changed)")
        #expect(secret["sensitive"] as? Bool == true)
        #expect(items[4]["sides"] as? [String: String] == ["before": "staging", "after": "production"])
    }

    @Test("in sync: one line, and every count zero")
    func inSync() throws {
        let report = DriftReport(items: [], unchanged: 3)
        #expect(DriftTextRenderer(color: false).render(report) == "No drift. Live state matches the manifests (3 resources checked).\n")
        #expect(DriftMarkdownRenderer().render(report).contains("in sync"))
        let text = try DriftJSONRenderer().render(report, generatedAt: Self.generatedAt)
        #expect(text.contains("\"in_sync\" : true"))
        #expect(text.contains("\"dormant\" : 0"))
    }

}

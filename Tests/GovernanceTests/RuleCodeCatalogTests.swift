import Foundation
import Governance
import Testing

/// The catalog of rule codes and the docs agree: every code a rule can give is documented.
@Suite("rule code catalog")
struct RuleCodeCatalogTests {
    @Test("every RuleCode is in docs/manifests.md or docs/apply.md")
    func documented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let docs = try ["docs/manifests.md", "docs/apply.md"].map {
            try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8)
        }.joined()
        let missing = RuleCode.allCases.filter { !docs.contains("`\($0.rawValue)`") }
        #expect(missing.isEmpty, "undocumented codes: \(missing.map(\.rawValue))")
    }

    @Test("a violation made from the catalog keeps its code, and reads as a coded error")
    func coded() {
        let violation = RuleViolation(.activeAgents, message: "m")
        let error: any CodedError = violation
        #expect(error.errorCode == "active-agents" && error.errorMessage == "m")
    }
}

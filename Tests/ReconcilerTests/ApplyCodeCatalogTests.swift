import Foundation
import Testing
@testable import Reconciler

/// The applier's codes are one catalog, and docs/apply.md lists every one of them.
@Suite("apply code catalog")
struct ApplyCodeCatalogTests {
    @Test("every ApplyError.Code is in docs/apply.md")
    func documented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let docs = try String(contentsOf: root.appendingPathComponent("docs/apply.md"), encoding: .utf8)
        let missing = ApplyError.Code.allCases.filter { !docs.contains("`\($0.rawValue)`") }
        #expect(missing.isEmpty, "undocumented codes: \(missing.map(\.rawValue))")
    }
}

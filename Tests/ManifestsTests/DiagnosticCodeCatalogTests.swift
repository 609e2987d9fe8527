import Foundation
import Manifests
import Testing

/// The manifest layer's codes are one catalog, and docs/manifests.md lists every one of them.
@Suite("diagnostic code catalog")
struct DiagnosticCodeCatalogTests {
    @Test("every DiagnosticCode is in docs/manifests.md")
    func documented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let docs = try String(contentsOf: root.appendingPathComponent("docs/manifests.md"), encoding: .utf8)
        let missing = DiagnosticCode.allCases.filter { !docs.contains("`\($0.rawValue)`") }
        #expect(missing.isEmpty, "undocumented codes: \(missing.map(\.rawValue))")
    }
}

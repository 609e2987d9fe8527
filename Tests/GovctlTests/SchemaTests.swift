import Foundation
import Testing

/// The JSON Schema of the manifests accepts every example and rejects known mistakes (checked by python's jsonschema).
@Suite("manifest JSON Schema")
struct SchemaTests {
    @Test("every example document validates against schemas/manifest.schema.json")
    func examplesMatchSchema() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "scripts/check-schemas.py"]
        process.currentDirectoryURL = GovctlRunner.repoRoot
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains(" passed, 0 failed"), "\(text)")
    }
}

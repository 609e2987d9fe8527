import Foundation
import Testing

/// The documented JSON schemas hold: the examples match the manifest schema, and plans match the plan schema.
@Suite("JSON schemas")
struct SchemaTests {
    @Test("every example document validates against schemas/manifest.schema.json")
    func examplesMatchSchema() async throws {
        let (status, text) = try JSONSchemaCheck.python(["scripts/check-schemas.py"])
        #expect(status == 0, "\(text)")
        #expect(text.contains(" passed, 0 failed"), "\(text)")
    }

    @Test("plan --format json matches schemas/plan.schema.json")
    func planMatchesSchema() async throws {
        let dir = try GovctlRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try await GovctlRunner.run(["plan", "examples/three-tier", "--format", "json", "--state", dir.appendingPathComponent("s.db").path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try JSONSchemaCheck.errors(run.stdout, schema: "schemas/plan.schema.json") == "")
    }
}

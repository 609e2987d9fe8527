import Foundation
import Testing

/// A plan made where the credential values are not available (a pull-request job) still plans their creates;
/// apply then needs them, and stops before changing anything when they are missing.
@Suite("credential values at plan and apply")
struct SecretValueStoryTests {
    static let example = GovctlRunner.repoRoot.appendingPathComponent("examples/three-tier").path

    @Test("plan without the values plans the creates as needing them; apply without them changes nothing")
    func missingValuesStopApplyBeforeAnyWrite() async throws {
        let story = try Story()
        defer { story.remove() }
        let plan = try await story.run(["plan", Self.example, "--detailed-exitcode"])
        #expect(plan.status == 2, "\(plan.stderr)")
        #expect(plan.stdout.contains("+ create credential/production/crm-oauth-token  (needs secret-value)"))
        let apply = try await story.run(["apply", Self.example, "--auto-approve", "--confirm-production", "--secrets-file", story.path("keys.json")],
                                  environment: ["CRM_OAUTH_TOKEN": "crm-example-value"])
        #expect(apply.status == 1)
        #expect(apply.stderr.contains("credential/warehouse-loader-password cannot be read: environment variable WAREHOUSE_LOADER_PASSWORD is not set"))
        #expect(apply.stderr.contains("[secret-unavailable]"))
        #expect(!apply.stderr.contains("crm-example-value") && !apply.stdout.contains("crm-example-value"))
        let after = try await story.run(["get", "environments", "--format", "json"])
        #expect(!after.stdout.contains("\"staging\""), "nothing was applied: \(after.stdout)")
    }
}

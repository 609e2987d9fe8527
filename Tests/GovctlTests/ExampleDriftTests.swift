import Foundation
import Testing

/// The nightly drift job a team would run, right after a clean apply of each example: green, on the embedded store
/// and through a real `govctl serve` with nothing but its bootstrap key, and red only on what is wrong.
@Suite("drift after a clean apply of every example", .serialized)
struct ExampleDriftTests {
    static let examples = ["examples/three-tier", "examples/regional", "examples/team-based"]
    /// Every credential value the examples read, so apply can write them.
    static let secrets = ["CRM_OAUTH_TOKEN", "WAREHOUSE_LOADER_PASSWORD", "HELPDESK_TOKEN_EU", "HELPDESK_TOKEN_US", "HELPDESK_TOKEN_APAC",
                          "CRM_API_TOKEN", "WAREHOUSE_SERVICE_ACCOUNT_JSON", "GITHUB_APP_PRIVATE_KEY"]
        .reduce(into: [String: String]()) { $0[$1] = "value-of-\($1.lowercased())" }

    enum Backend: String, CaseIterable { case embedded, serve }

    @Test("apply, then plan says no changes and drift exits 0 with at most notes", arguments: examples, Backend.allCases)
    func cleanApplyDriftsNothing(example: String, backend: Backend) async throws {
        let dir = try GovctlRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var served: ServedGovctl?
        defer { served?.stop() }
        var target: [String]
        var environment = Self.secrets
        switch backend {
        case .embedded:
            target = ["--state", dir.appendingPathComponent("state.db").path]
        case .serve:
            let server = try await ServedGovctl.start(in: dir)
            served = server
            target = ["--endpoint", server.endpoint]
            environment["MITRITY_API_KEY"] = server.ownerKey
        }
        let path = GovctlRunner.repoRoot.appendingPathComponent(example).path
        func govctl(_ args: [String]) async throws -> GovctlRunner.Output {
            try await Shell.offThePool(try GovctlRunner.binary(), args + target, environment: environment)
        }
        let apply = try await govctl(["apply", path, "--auto-approve", "--confirm-production",
                                      "--secrets-file", dir.appendingPathComponent("keys.json").path])
        #expect(apply.status == 0, "\(apply.stdout)\(apply.stderr)")
        let plan = try await govctl(["plan", path, "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
        let drift = try await govctl(["drift", path])
        #expect(drift.status == 0, "\(drift.stdout)\(drift.stderr)")
        #expect(drift.stdout.hasPrefix("No drift."), "\(drift.stdout)")
        #expect(!drift.stdout.contains("[unmanaged]") && !drift.stdout.contains("[dormant]"))
        if backend == .serve {
            #expect(drift.stdout.contains("note: apikey/bootstrap-owner is the Owner key govctl serve issued"))
        }
        let strict = try await govctl(["drift", path, "--fail-on", "all", "--format", "json"])
        #expect(strict.status == 0, "nothing at all drifted, so even --fail-on all passes: \(strict.stdout)")
        #expect(try JSONSchemaCheck.errors(strict.stdout, schema: "schemas/drift.schema.json") == "")
    }

    @Test("a console edit fails the nightly job; an unmanaged resource is reported without failing unless --fail-on says so")
    func failOn() async throws {
        let dir = try GovctlRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let state = dir.appendingPathComponent("state.db").path
        let path = GovctlRunner.repoRoot.appendingPathComponent("examples/three-tier").path
        let apply = try await GovctlRunner.run(["apply", path, "--auto-approve", "--confirm-production", "--state", state,
                                          "--secrets-file", dir.appendingPathComponent("keys.json").path], environment: Self.secrets)
        #expect(apply.status == 0, "\(apply.stderr)")
        let extra = dir.appendingPathComponent("extra")
        try FileManager.default.createDirectory(at: extra, withIntermediateDirectories: true)
        try Data("apiVersion: govctl/v1\nkind: Environment\nmetadata: {slug: scratch-lab}\nspec: {name: Scratch lab}\n".utf8)
            .write(to: extra.appendingPathComponent("lab.yaml"))
        #expect(try await GovctlRunner.run(["apply", extra.path, "--auto-approve", "--state", state]).status == 0)

        let unmanaged = try await GovctlRunner.run(["drift", path, "--state", state], environment: Self.secrets)
        #expect(unmanaged.status == 0, "\(unmanaged.stdout)")
        #expect(unmanaged.stdout.contains("[unmanaged] environment/scratch-lab"))
        #expect(unmanaged.stdout.contains("Not failing: drift fails only on changed, missing, mirror-out-of-sync"))
        #expect(try await GovctlRunner.run(["drift", path, "--state", state, "--fail-on", "unmanaged"], environment: Self.secrets).status == 2)
        #expect(try await GovctlRunner.run(["drift", path, "--state", state, "--fail-on", "all"], environment: Self.secrets).status == 2)
        let bad = try await GovctlRunner.run(["drift", path, "--state", state, "--fail-on", "unmanged"])
        #expect(bad.status != 0 && bad.stderr.contains("--fail-on"), "\(bad.stderr)")

        let copy = dir.appendingPathComponent("three-tier")
        try FileManager.default.copyItem(atPath: path, toPath: copy.path)
        let settings = copy.appendingPathComponent("settings.yaml")
        let edited = try String(contentsOf: settings, encoding: .utf8).replacingOccurrences(of: "mfaRequired: true", with: "mfaRequired: false")
        try edited.write(to: settings, atomically: true, encoding: .utf8)
        let changed = try await GovctlRunner.run(["drift", copy.path, "--state", state], environment: Self.secrets)
        #expect(changed.status == 2, "a changed field fails by default: \(changed.stdout)")
        #expect(try await GovctlRunner.run(["drift", copy.path, "--state", state, "--fail-on", "none"], environment: Self.secrets).status == 0)
    }
}

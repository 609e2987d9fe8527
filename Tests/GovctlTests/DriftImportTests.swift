import Foundation
import Testing

/// `govctl drift` and `govctl import` end to end, on fresh state files seeded through the control plane.
@Suite("drift and import")
struct DriftImportTests {
    static let manifests = GovctlRunner.fixtures.appendingPathComponent("drift/manifests").path
    static let classes = ["changed", "missing", "unmanaged", "mirror-out-of-sync", "dormant"]

    /// A temporary directory holding `state.db`, removed after `body`.
    static func withState(_ body: (URL, String) async throws -> Void) async throws {
        let dir = try GovctlRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await body(dir, dir.appendingPathComponent("state.db").path)
    }

    @Test("live as declared: drift exits 0 in every format")
    func inSync() async throws {
        try await Self.withState { _, state in
            _ = try await DriftSeed.inSync(at: state)
            let text = try await GovctlRunner.run(["drift", Self.manifests, "--state", state])
            #expect(text.status == 0, "\(text.stdout)\(text.stderr)")
            #expect(text.stdout.contains("No drift"))
            #expect(text.stdout.contains("note: the value of credential/production/crm-token was not compared"),
                    "a cron job without the secret is told it cannot see a value changed outside git")
            let json = try await GovctlRunner.run(["drift", Self.manifests, "--state", state, "--format", "json"])
            #expect(json.status == 0)
            #expect(json.stdout.contains("\"in_sync\" : true"))
            #expect(try JSONSchemaCheck.errors(json.stdout, schema: "schemas/drift.schema.json") == "")

            let same = try await GovctlRunner.run(["drift", Self.manifests, "--state", state], environment: ["DRIFT_TEST_CRM_TOKEN": "s3cret-crm"])
            #expect(same.status == 0, "the credential's value, when readable, matches")
            #expect(!same.stdout.contains("not compared"))
            let rotated = try await GovctlRunner.run(["drift", Self.manifests, "--state", state], environment: ["DRIFT_TEST_CRM_TOKEN": "rotated"])
            #expect(rotated.status == 2)
            #expect(rotated.stdout.contains("[changed] credential/production/crm-token"))
            #expect(rotated.stdout.contains("value: live (sensitive), git (sensitive value changed)"))
            #expect(!rotated.stdout.contains("rotated") && !rotated.stdout.contains("s3cret"))
        }
    }

    @Test("drift finds each class, exits 2, and names the classes in text, markdown and json")
    func everyClass() async throws {
        try await Self.withState { _, state in
            try await DriftSeed.drifted(at: state)
            for format in ["text", "markdown", "json"] {
                let run = try await GovctlRunner.run(["drift", Self.manifests, "--state", state, "--format", format])
                #expect(run.status == 2, "\(format): \(run.stdout)\(run.stderr)")
                for name in Self.classes { #expect(run.stdout.contains(name), "\(format) lacks \(name)") }
                for address in ["policy/production/deny-drop", "policy/staging/deny-drop", "agent/staging/test-bot",
                                "environment/sandbox", "environment/old-lab"] {
                    #expect(run.stdout.contains(address), "\(format) lacks \(address)")
                }
                #expect(!run.stdout.contains("s3cret"))
            }
            let json = try await GovctlRunner.run(["drift", Self.manifests, "--state", state, "--format", "json"])
            #expect(try JSONSchemaCheck.errors(json.stdout, schema: "schemas/drift.schema.json") == "")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let counts = try #require(document["counts"] as? [String: Int])
            #expect(counts == ["changed": 1, "missing": 1, "unmanaged": 2, "mirror-out-of-sync": 1, "dormant": 1])
            #expect(document["in_sync"] as? Bool == false)
        }
    }

    @Test("drift --env reports only those environments")
    func driftEnvironmentScope() async throws {
        try await Self.withState { _, state in
            try await DriftSeed.drifted(at: state)
            let run = try await GovctlRunner.run(["drift", Self.manifests, "--state", state, "--env", "staging"])
            #expect(run.status == 2)
            #expect(run.stdout.contains("agent/staging/test-bot"))
            #expect(run.stdout.contains("mirror-out-of-sync"))
            #expect(!run.stdout.contains("production/"))
            #expect(!run.stdout.contains("sandbox"))
            let typo = try await GovctlRunner.run(["drift", Self.manifests, "--state", state, "--env", "stagign"])
            #expect(typo.status == 1)
            #expect(typo.stderr.contains("unknown-environment"))
        }
    }

    @Test("drift without a state file fails and creates nothing")
    func noState() async throws {
        try await Self.withState { dir, state in
            let run = try GovctlRunner.run(["drift", Self.manifests, "--state", state])
            #expect(run.status == 1)
            #expect(run.stderr.contains("no-live-state"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        }
    }

    @Test("import, then validate is clean and plan shows no changes; drift is in sync")
    func importRoundTrip() async throws {
        try await Self.withState { dir, state in
            try await DriftSeed.adopted(at: state)
            let out = dir.appendingPathComponent("governance").path
            let imported = try await GovctlRunner.run(["import", "--state", state, "--out", out])
            #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
            #expect(imported.stdout.contains("PRODUCTION_CRM_TOKEN  credential/production/crm-token"))
            #expect(imported.stdout.contains("TENANT_CRM_TOKEN"))
            #expect(imported.stdout.contains("DB_PASSWORD"))
            #expect(imported.stdout.contains("apikey/old: revoked"))
            #expect(imported.stdout.contains("Next: govctl validate \(out) && govctl plan \(out) --state \(state)\n"),
                    "the next step reads the same live state")
            let files = try FileManager.default.subpathsOfDirectory(atPath: out).sorted()
            #expect(files == ["environments", "environments/production.yaml", "environments/staging.yaml", "tenant.yaml"])
            let production = try String(contentsOfFile: out + "/environments/production.yaml", encoding: .utf8)
            #expect(production.hasPrefix("# yaml-language-server: $schema="))
            #expect(production.contains("Imported"))
            #expect(!production.contains("managed-by"))
            #expect(!production.contains("s3cret"))
            let staging = try String(contentsOfFile: out + "/environments/staging.yaml", encoding: .utf8)
            #expect(staging.contains("mirror: production"), "staging holds production's policies and one more: a mirror")
            #expect(imported.stdout.contains("Structure (recognised among the imported environments):\n  staging: mirror: production, and 1 policy of its own\n"))

            let validate = try await GovctlRunner.run(["validate", out])
            #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
            #expect(!validate.stderr.contains("error"))
            let plan = try await GovctlRunner.run(["plan", out, "--state", state, "--detailed-exitcode"])
            #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
            #expect(plan.stdout.contains("No changes"))
            let drift = try await GovctlRunner.run(["drift", out, "--state", state])
            #expect(drift.status == 0, "\(drift.stdout)\(drift.stderr)")
        }
    }

    @Test("import keeps staging's mirror of production: no changes, then production's edit reaches staging's plan too")
    func importKeepsMirror() async throws {
        try await Self.withState { dir, state in
            _ = try await DriftSeed.inSync(at: state)
            let out = dir.appendingPathComponent("governance").path
            let imported = try await GovctlRunner.run(["import", "--state", state, "--out", out])
            #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
            #expect(imported.stdout.contains("  staging: mirror: production\n"))
            let plan = try await GovctlRunner.run(["plan", out, "--state", state, "--detailed-exitcode"])
            #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")

            let production = out + "/environments/production.yaml"
            let text = try String(contentsOfFile: production, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "priority: 900", with: "priority: 950").utf8).write(to: URL(fileURLWithPath: production))
            let edited = try await GovctlRunner.run(["plan", out, "--state", state, "--format", "json"])
            #expect(try changeAddresses(edited.stdout) == ["policy/production/deny-drop", "policy/staging/deny-drop"],
                    "the mirror follows its source")
        }
    }

    @Test("import refuses a non-empty directory unless --force, and then replaces it whole")
    func importRefusesNonEmpty() async throws {
        try await Self.withState { dir, state in
            _ = try await DriftSeed.inSync(at: state)
            let out = dir.appendingPathComponent("governance")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try Data("keep me\n".utf8).write(to: out.appendingPathComponent("notes.txt"))
            let refused = try await GovctlRunner.run(["import", "--state", state, "--out", out.path])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("output-not-empty"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["notes.txt"])

            let forced = try await GovctlRunner.run(["import", "--state", state, "--out", out.path, "--force"])
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["environments", "tenant.yaml"])
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".governance") }
            #expect(leftovers.isEmpty, "no temporary or old directory is left behind")

            let home = try await GovctlRunner.run(["import", "--state", state, "--out", dir.path, "--force"])
            #expect(home.status == 1, "never replaces the directory holding the state it reads")
            #expect(FileManager.default.fileExists(atPath: state))
        }
    }

    @Test("import --env writes only those environments, which plan with --env as they are")
    func importEnvironmentScope() async throws {
        try await Self.withState { dir, state in
            try await DriftSeed.adopted(at: state)
            let out = dir.appendingPathComponent("staging-only").path
            let run = try await GovctlRunner.run(["import", "--state", state, "--out", out, "--env", "staging"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try FileManager.default.subpathsOfDirectory(atPath: out).sorted() == ["environments", "environments/staging.yaml"])
            let plan = try await GovctlRunner.run(["plan", out, "--state", state, "--env", "staging", "--detailed-exitcode"])
            #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
            let unknown = try await GovctlRunner.run(["import", "--state", state, "--out", out + "-x", "--env", "nowhere"])
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("unknown-environment"))
        }
    }
}

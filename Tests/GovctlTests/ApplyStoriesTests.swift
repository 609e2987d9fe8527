import ControlPlane
import Foundation
import Governance
import Testing

@Suite("Stories of plan and apply, end to end on fresh state files")
struct ApplyStoriesTests {
    @Test("apply a three-tier tenant, then plan shows no changes")
    func applyThenNoChanges() async throws {
        let story = try Story()
        defer { story.remove() }
        let out = try await story.applied("base")
        #expect(out.stdout.contains("Apply complete: "))
        let plan = try await story.run(["plan", Story.fixture("base"), "--detailed-exitcode"])
        #expect(plan.status == 0)
        #expect(plan.stdout.contains("No changes."))
        let again = try await story.run(["apply", Story.fixture("base")])
        #expect(again.status == 0, "nothing to do needs no approval")
        #expect(again.stdout.contains("No changes."))
        let json = try await story.run(["apply", Story.fixture("base"), "--format", "json"])
        #expect(json.stdout.contains("\"status\" : \"no-changes\""))
    }

    @Test("apply the three-tier example (keys, credentials, strategy), then plan shows no changes")
    func threeTierExample() async throws {
        let story = try Story()
        defer { story.remove() }
        let example = GovctlRunner.repoRoot.appendingPathComponent("examples/three-tier").path
        let values = ["CRM_OAUTH_TOKEN": "crm-example-value", "WAREHOUSE_LOADER_PASSWORD": "warehouse-example-value"]
        let out = try await story.run(["apply", example, "--auto-approve", "--confirm-production", "--secrets-file", story.path("keys.json")],
                                environment: values)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("Apply complete: "))
        let keys = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: URL(fileURLWithPath: story.path("keys.json"))))
        #expect(Set(keys.keys) == ["apikey/staging/ci-staging-deployer", "apikey/compliance-dashboard"])
        let plan = try await story.run(["plan", example, "--detailed-exitcode"], environment: values)
        #expect(plan.status == 0, "\(plan.stdout)")
        #expect(plan.stdout.contains("No changes."))
    }

    @Test("a production policy change touches production and its mirror, staging, and needs confirmation")
    func productionChangeNeedsConfirmation() async throws {
        let story = try Story()
        defer { story.remove() }
        try await story.applied("base")
        let changed = Story.fixture("changed-production-policy")
        let plan = try await story.run(["plan", changed, "--format", "json"])
        #expect(try changeAddresses(plan.stdout) == ["policy/production/deny-destructive-db", "policy/staging/deny-destructive-db"])
        let unconfirmed = try await story.run(["apply", changed, "--auto-approve"])
        #expect(unconfirmed.status == 1)
        #expect(unconfirmed.stderr.contains("[confirmation-required]"))
        await #expect(try story.run(["plan", changed, "--detailed-exitcode"]).status == 2)
        try await story.applied("changed-production-policy")
        await #expect(try story.run(["plan", changed, "--detailed-exitcode"]).status == 0)
    }

    @Test("removing a production flag, which also weakens enforcement, is called out and needs confirmation, not just --auto-approve")
    func removingProductionFlagNeedsConfirmation() async throws {
        let story = try Story()
        defer { story.remove() }
        try await story.applied("base")
        let unflagged = Story.fixture("unflag-eu-production")
        let plan = try await story.run(["plan", unflagged])
        #expect(plan.stdout.contains("  ~ update environment/eu-production  (needs confirmation, owner)\n"), "\(plan.stdout)")
        #expect(plan.stdout.contains("      ! removes the production flag: deleting this environment"))
        #expect(plan.stdout.contains("      ! enforcement weakens: enforce → monitor (denials and holds are only logged)"))
        let json = try await story.run(["plan", unflagged, "--format", "json"])
        #expect(json.stdout.contains("\"callouts\" : [\n        \"removes the production flag"), "\(json.stdout.prefix(2000))")
        let markdown = try await story.run(["plan", unflagged, "--format", "markdown"])
        #expect(markdown.stdout.contains("> - `environment/eu-production` (update) — **removes the production flag"))
        let unconfirmed = try await story.run(["apply", unflagged, "--auto-approve"])
        #expect(unconfirmed.status == 1)
        #expect(unconfirmed.stderr.contains("changes in environment eu-production (removes the production flag, enforcement weakens) need confirmation"),
                "\(unconfirmed.stderr)")
        await #expect(try story.run(["plan", unflagged, "--detailed-exitcode"]).status == 2, "nothing was applied")
        try await story.applied("unflag-eu-production")
        await #expect(try story.run(["plan", unflagged, "--detailed-exitcode"]).status == 0)
    }

    @Test("each refusal exits 3 with its rule in text, markdown and json, and apply applies nothing", arguments: [
        ("drop-development", "active-agents"), ("drop-eu-production", "production-protected"), ("drop-production", "default-environment"),
    ])
    func refusals(fixture: String, rule: String) async throws {
        let story = try Story()
        defer { story.remove() }
        try await story.applied("base")
        if fixture == "drop-production" {
            // Adopted by hand with govctl's label, so pruning considers it: the default-environment rule still holds.
            let plane = try story.controlPlane()
            _ = try await plane.updateEnvironment("production", to: EnvironmentFields(
                name: "Production", isProduction: true, enforcementMode: .enforce, labels: ["managed-by": "govctl"]), as: .cli)
        }
        let path = Story.fixture(fixture)
        for format in ["text", "markdown", "json"] {
            let plan = try await story.run(["plan", path, "--prune", "--format", format])
            #expect(plan.status == 3, "\(format): \(plan.stderr)")
            #expect(plan.stdout.contains(rule), "\(format) names \(rule)")
        }
        let apply = try await story.run(["apply", path, "--prune", "--auto-approve", "--confirm-production"])
        #expect(apply.status == 3)
        #expect(apply.stdout.contains(rule))
        let json = try await story.run(["apply", path, "--prune", "--auto-approve", "--format", "json"])
        #expect(json.status == 3)
        #expect(json.stdout.contains("\"status\" : \"refused\""))
        #expect(json.stdout.contains(rule))
    }

    @Test("manifests named with --plan must be the ones the plan was made from")
    func savedPlanWithManifests() async throws {
        let story = try Story()
        defer { story.remove() }
        let saved = story.path("plan.json")
        await #expect(try story.run(["plan", Story.fixture("base"), "--out", saved]).status == 0)
        let other = try await story.run(["apply", "--plan", saved, Story.fixture("changed-production-policy"), "--confirm-production"])
        #expect(other.status == 1)
        #expect(other.stderr.contains("[plan-manifests-differ]"))
        let same = try await story.run(["apply", "--plan", saved, Story.fixture("base"), "--confirm-production"])
        #expect(same.status == 0, "\(same.stderr)")
        let mixed = try await story.run(["apply", "--plan", saved, "--prune"])
        #expect(mixed.status == 1)
        #expect(mixed.stderr.contains("fixed when the plan was saved"))
    }

    @Test("pruning from manifests that declare no environment is refused, never a mass delete")
    func pruneWithoutEnvironments() async throws {
        let story = try Story()
        defer { story.remove() }
        try await story.applied("base")
        for command in ["plan", "apply", "drift"] {
            let out = try await story.run([command, Story.fixture("settings-only-prune"), "--auto-approve"].filter { command == "apply" || $0 != "--auto-approve" })
            #expect(out.status == 1, "\(command): \(out.stdout)")
            #expect(out.stderr.contains("[prune-without-environments]"), "\(command): \(out.stderr)")
        }
        await #expect(try story.run(["plan", Story.fixture("base"), "--detailed-exitcode"]).status == 0, "nothing was deleted")
    }

    @Test("a plan made against an empty state is refused once the state is no longer empty")
    func emptyStateNoLongerEmpty() async throws {
        let story = try Story()
        defer { story.remove() }
        let saved = story.path("plan.json")
        await #expect(try story.run(["plan", Story.fixture("base"), "--out", saved]).status == 0)
        try await story.applied("base")
        let out = try await story.run(["apply", "--plan", saved, "--confirm-production"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("no longer empty") || out.stderr.contains("every change it holds is now live"))
    }

    @Test("a failure injected halfway: every change reported, a re-plan shows exactly the rest, and apply converges")
    func injectedFailure() async throws {
        let story = try Story()
        defer { story.remove() }
        let base = Story.fixture("base")
        let failed = try await story.run(["apply", base, "--auto-approve", "--confirm-production", "--parallelism", "1"],
                                   environment: ["GOVCTL_FAULT_INJECT": "agent/development/pr-reviewer"])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("failed       create agent/development/pr-reviewer"))
        #expect(failed.stdout.contains("[injected-fault]"))
        #expect(failed.stdout.contains("not started  create policy/"))
        #expect(failed.stdout.contains("applied      create environment/staging"))
        let report = try await story.run(["apply", base, "--auto-approve", "--confirm-production", "--format", "json"],
                                   environment: ["GOVCTL_FAULT_INJECT": "agent/development/pr-reviewer"])
        let left = try await story.run(["plan", base, "--format", "json"])
        let outcomes = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
        let notApplied = (outcomes?["changes"] as? [[String: Any]] ?? []).filter { $0["outcome"] as? String != "applied" }
            .compactMap { $0["address"] as? String }
        #expect(try changeAddresses(left.stdout).sorted() == notApplied.sorted())
        try await story.applied("base")
        await #expect(try story.run(["plan", base, "--detailed-exitcode"]).status == 0)
    }

    @Test("the JSON report of a partial failure and of a refusal follows schemas/apply.schema.json, its plan plan.schema.json")
    func jsonReportMatchesSchema() async throws {
        let story = try Story()
        defer { story.remove() }
        let failed = try await story.run(["apply", Story.fixture("base"), "--auto-approve", "--confirm-production", "--format", "json"],
                                   environment: ["GOVCTL_FAULT_INJECT": "policy/production/hold-bulk-export"])
        #expect(failed.status == 1)
        try await story.applied("base")
        let refused = try await story.run(["apply", Story.fixture("drop-development"), "--prune", "--auto-approve", "--format", "json"])
        #expect(refused.status == 3)
        for document in [failed.stdout, refused.stdout] {
            #expect(try JSONSchemaCheck.errors(document, schema: "schemas/apply.schema.json") == "")
            let object = try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any]
            let plan = try JSONSerialization.data(withJSONObject: object?["plan"] ?? [:])
            #expect(try JSONSchemaCheck.errors(String(decoding: plan, as: UTF8.self), schema: "schemas/plan.schema.json") == "")
        }
        #expect(failed.stdout.contains("\"code\" : \"injected-fault\""))
    }

    @Test("pruning never touches what govctl did not create")
    func pruneLeavesUnmanaged() async throws {
        let story = try Story()
        defer { story.remove() }
        try await story.applied("base")
        let plane = try story.controlPlane()
        _ = try await plane.createEnvironment(slug: "hand-made", EnvironmentFields(name: "Made By Hand"), as: .cli)
        let plan = try await story.run(["plan", Story.fixture("base"), "--prune", "--detailed-exitcode"])
        #expect(plan.status == 0)
        #expect(plan.stdout.contains("Unmanaged"))
        #expect(plan.stdout.contains("environment/hand-made"))
        try await story.applied("base", ["--prune"])
        #expect(try await plane.environments(as: .cli).contains { $0.slug == "hand-made" })
    }

    @Test("creating an API key needs --secrets-file; its secret lands only there, mode 0600")
    func keySecretOnlyInFile() async throws {
        let story = try Story()
        defer { story.remove() }
        let withKey = Story.fixture("with-key")
        let token = ["STORY_CRM_TOKEN": "crm-value-do-not-print-4711"]
        let refused = try await story.run(["apply", withKey, "--auto-approve", "--confirm-production"], environment: token)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("creating API key apikey/staging/ci needs --secrets-file FILE: its secret is shown once and written only there"))
        let secretsFile = story.path("keys.json")
        try Data(#"{"apikey/other": "mk_kept"}"#.utf8).write(to: URL(fileURLWithPath: secretsFile))
        let out = try await story.applied("with-key", ["--secrets-file", secretsFile], environment: token)
        let saved = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: URL(fileURLWithPath: secretsFile)))
        let secret = try #require(saved["apikey/staging/ci"])
        #expect(secret.hasPrefix("mk_") && secret.count == 67)
        #expect(saved["apikey/other"] == "mk_kept")
        let mode = try FileManager.default.attributesOfItem(atPath: secretsFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        for text in [out.stdout, out.stderr] {
            #expect(!text.contains(secret))
            #expect(!text.contains("crm-value-do-not-print-4711"))
        }
        await #expect(try story.run(["plan", withKey, "--detailed-exitcode"], environment: token).status == 0)
    }

    @Test("--env limits an apply to those environments; the rest stays for later")
    func scopedApply() async throws {
        let story = try Story()
        defer { story.remove() }
        let out = try await story.run(["apply", Story.fixture("base"), "--env", "staging", "--auto-approve", "--format", "json"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(try changeAddresses(out.stdout).allSatisfy { $0.hasPrefix("environment/staging") || $0.hasPrefix("policy/staging/") })
        let rest = try await story.run(["plan", Story.fixture("base"), "--format", "json"])
        #expect(try changeAddresses(rest.stdout).allSatisfy { !$0.contains("staging") })
    }

    @Test("a secrets file that holds something else is refused before any key is issued")
    func invalidSecretsFile() async throws {
        let story = try Story()
        defer { story.remove() }
        let file = story.path("keys.json")
        try Data("not json".utf8).write(to: URL(fileURLWithPath: file))
        let out = try await story.run(["apply", Story.fixture("with-key"), "--auto-approve", "--confirm-production", "--secrets-file", file],
                                environment: ["STORY_CRM_TOKEN": "t"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("[secrets-file-invalid]"))
        await #expect(try story.run(["plan", Story.fixture("with-key"), "--detailed-exitcode"], environment: ["STORY_CRM_TOKEN": "t"]).status == 2)
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self) == "not json")
    }

    @Test("not on a terminal, apply without --auto-approve is refused and changes nothing")
    func notATerminalNeedsAutoApprove() async throws {
        let story = try Story()
        defer { story.remove() }
        let out = try await story.run(["apply", Story.fixture("base"), "--confirm-production"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("[approval-required]"))
        await #expect(try story.run(["plan", Story.fixture("base"), "--detailed-exitcode"]).status == 2)
    }

    @Test("a saved plan that is not a plan, or of another format, is refused clearly")
    func unreadableSavedPlans() async throws {
        let story = try Story()
        defer { story.remove() }
        let missing = try await story.run(["apply", "--plan", story.path("none.json")])
        #expect(missing.stderr.contains("[plan-not-found]"))
        let junk = story.path("junk.json")
        try Data("{\"hello\": 1}".utf8).write(to: URL(fileURLWithPath: junk))
        await #expect(try story.run(["apply", "--plan", junk]).stderr.contains("[not-a-plan]"))
        let future = story.path("future.json")
        try Data("{\"format_version\": \"99\"}".utf8).write(to: URL(fileURLWithPath: future))
        let other = try await story.run(["apply", "--plan", future])
        #expect(other.status == 1)
        #expect(other.stderr.contains("[plan-format-version]"))
    }
}

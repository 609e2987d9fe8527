import Foundation
import Testing

/// What a pipeline needs from the command line: the build it runs, saved plans it can show, warnings that can
/// fail it and secrets kept out of the work tree (a cancelled apply: InterruptStoryTests).
extension PipelineSuites {
@Suite("govctl in a pipeline")
struct PipelineStoryTests {
    @Test("version names the build, as text and JSON; completion prints a script for each shell")
    func versionAndCompletion() async throws {
        let text = try await GovctlRunner.run(["version"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("govctl 0.1.0\ncommit   "))
        #expect(text.stdout.contains("\nswift    6.") && text.stdout.contains("\nplatform linux-"))
        let json = try await GovctlRunner.run(["version", "--format", "json"])
        let fields = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(Set(fields?.keys.map { $0 } ?? []) == ["version", "commit", "dirty", "swift", "platform"])
        let head = try await GovctlRunner.execute(URL(fileURLWithPath: "/usr/bin/env"), ["git", "rev-parse", "HEAD"])
        if head.status == 0 { #expect(fields?["commit"] as? String == head.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) }
        for (shell, marker) in [("bash", "__govctl_cursor_index_in_current_word"), ("zsh", "#compdef govctl"), ("fish", "__govctl_should_offer_completions")] {
            let script = try await GovctlRunner.run(["completion", shell])
            #expect(script.status == 0 && script.stdout.contains(marker), "\(shell): \(script.stdout.prefix(200))")
        }
        #expect(try await GovctlRunner.run(["completion", "tcsh"]).status == 1)
    }

    @Test("show renders a saved plan in each format, and says when apply would refuse it as stale")
    func showSavedPlan() async throws {
        let story = try Story()
        defer { story.remove() }
        let planFile = story.path("plan.json")
        let plan = try await story.run(["plan", "examples/three-tier", "--out", planFile, "--format", "json"])
        #expect(plan.status == 0, "\(plan.stderr)")
        let text = try await story.run(["show", planFile])
        #expect(text.status == 0 && text.stdout.contains("Plan: 34 to add, 2 to change, 0 to destroy, 0 refused."), "\(text.stderr)")
        #expect(!text.stdout.contains("STALE"))
        let json = try await story.run(["show", planFile, "--format", "json"])
        #expect(try changeAddresses(json.stdout) == changeAddresses(plan.stdout))
        let markdown = try await story.run(["show", planFile, "--format", "markdown", "--summary-only"])
        #expect(markdown.stdout.hasPrefix("### govctl plan: 34 to add") && !markdown.stdout.contains("<details>"))
        // The live state moves: the plan is shown with a banner, as apply would refuse it.
        let applied = try await story.run(["apply", "examples/three-tier", "--auto-approve", "--confirm-production", "--secrets-file", story.path("keys.json")],
                                    environment: ["CRM_OAUTH_TOKEN": "a", "WAREHOUSE_LOADER_PASSWORD": "b"])
        #expect(applied.status == 0, "\(applied.stderr)")
        let stale = try await story.run(["show", planFile])
        #expect(stale.status == 0)
        // Applying the same manifests made every change live: apply would refuse the plan as already applied.
        #expect(stale.stdout.hasPrefix("STALE PLAN: apply --plan would refuse it [plan-already-applied]"), "\(stale.stdout.prefix(300))")
        let staleMarkdown = try await story.run(["show", planFile, "--format", "markdown"])
        #expect(staleMarkdown.stdout.hasPrefix("> [!CAUTION]\n> **Stale plan"))
        let offline = try await story.run(["show", planFile, "--offline"])
        #expect(!offline.stdout.contains("STALE"))
        let missing = try await GovctlRunner.run(["show", story.path("nope.json")])
        #expect(missing.status == 1 && missing.stderr.contains("[plan-not-found]"))
        let wrongFlag = try await GovctlRunner.run(["show", planFile, "--max-bytes", "5000"])
        #expect(wrongFlag.status == 1 && wrongFlag.stderr.contains("add --format markdown"))
    }

    @Test("warnings reach the Markdown and JSON plans; --warnings-as-errors fails validate and plan")
    func warningsAsErrors() async throws {
        let story = try Story()
        defer { story.remove() }
        let fixtures = GovctlRunner.fixtures.appendingPathComponent("warnings").path
        let markdown = try await story.run(["plan", fixtures, "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("> [!NOTE]\n> **2 warnings about the manifests:**"), "\(markdown.stdout.prefix(800))")
        let json = try await story.run(["plan", fixtures, "--format", "json"])
        let warnings = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["warnings"] as? [[String: Any]]
        #expect(warnings?.count == 2)
        #expect((warnings?.first?["location"] as? String)?.hasSuffix("warnings/envs.yaml:3:18") == true)
        let validate = try await GovctlRunner.run(["validate", fixtures, "--warnings-as-errors"])
        #expect(validate.status == 1 && validate.stderr.contains("2 warnings, and --warnings-as-errors makes them fail"))
        let plan = try await story.run(["plan", fixtures, "--warnings-as-errors"])
        #expect(plan.status == 1 && plan.stderr.contains("[warnings-as-errors]") && plan.stdout.isEmpty)
    }

    @Test("a saved plan applied without its manifests says where a relative credential file is read from")
    func savedPlanWithRelativeFile() async throws {
        let story = try Story()
        defer { story.remove() }
        let manifests = story.directory.appendingPathComponent("gov")
        try FileManager.default.createDirectory(at: manifests, withIntermediateDirectories: true)
        try Data("""
            apiVersion: govctl/v1
            kind: Environment
            metadata: {slug: ops}
            spec: {name: Ops}
            ---
            apiVersion: govctl/v1
            kind: Credential
            metadata: {name: token, environment: ops}
            spec: {type: api_key, valueFrom: {file: token.txt}}

            """.utf8).write(to: manifests.appendingPathComponent("ops.yaml"))
        try Data("s3cret\n".utf8).write(to: manifests.appendingPathComponent("token.txt"))
        let planFile = story.path("plan.json")
        let plan = try await story.run(["plan", manifests.path, "--out", planFile])
        #expect(plan.status == 0, "\(plan.stderr)")
        let alone = try await story.run(["apply", "--plan", planFile, "--auto-approve"])
        #expect(alone.status == 1)
        #expect(alone.stderr.contains("give the manifests' paths too (`govctl apply DIR --plan FILE`)"), "\(alone.stderr)")
        #expect(!alone.stderr.contains("s3cret"))
        let withPaths = try await story.run(["apply", manifests.path, "--plan", planFile, "--auto-approve"])
        #expect(withPaths.status == 0, "\(withPaths.stderr)")
    }

    @Test("apply refuses a secrets file git would commit, before planning, and takes one git ignores")
    func secretsFileInWorkTree() async throws {
        let story = try Story()
        defer { story.remove() }
        let repo = story.directory.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try await World.git(["init", "-q"], in: repo)
        let env = ["CRM_OAUTH_TOKEN": "a", "WAREHOUSE_LOADER_PASSWORD": "b"]
        let args = ["apply", GovctlRunner.repoRoot.appendingPathComponent("examples/three-tier").path, "--auto-approve", "--confirm-production", "--state", story.state]
        let refused = try await GovctlRunner.run(args + ["--secrets-file", "keys.json"], in: repo, environment: env)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is inside the git work tree") && refused.stderr.contains("[secrets-file-in-work-tree]"))
        #expect(!refused.stdout.contains("Plan:"), "refused before planning")
        #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent("keys.json").path))
        try Data(".govctl/\n".utf8).write(to: repo.appendingPathComponent(".gitignore"))
        let ignored = try await GovctlRunner.run(args + ["--secrets-file", ".govctl/keys.json"], in: repo, environment: env)
        #expect(ignored.status == 0, "\(ignored.stderr)")
        #expect(ignored.stdout.hasSuffix("Apply complete: 34 added, 2 changed, 0 destroyed.\n"), "the summary comes last")
    }
}
}

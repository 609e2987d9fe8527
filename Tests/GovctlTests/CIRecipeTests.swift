import Foundation
import Testing

/// The recipes of `examples/ci`, played job by job as a runner plays them (`Fixtures/ci/play.py`): in a scratch git
/// repository, against a real `govctl serve` on loopback, with govctl installed from the release tarball by the
/// recipe's own install steps and the CI variables a runner sets.
extension PipelineSuites {
@Suite("CI recipes, played")
struct CIRecipeTests {
    @Test("GitHub Actions: the PR job comments the plan, apply hands new key secrets to the vault step, drift is 0 then 2")
    func github() async throws {
        let world = try await World.make()
        defer { world.stop() }
        let tarball = try await Release.get().tarball.absoluteString
        func play(_ job: String, _ event: String, _ extra: [String] = []) async throws -> [String: Any] {
            try await world.play(["github", "examples/ci/github-actions.yml", "--job", job, "--event", event,
                            "--action-input", "tarball-url=\(tarball)"] + extra)
        }

        let plan = try await play("plan", "pull_request", ["--secret", "GOVCTL_PLAN_KEY=\(world.ownerKey)"])
        #expect(plan["status"] as? String == "success", "\(World.describe(plan))")
        let comment = plan["comment"] as? String ?? ""
        #expect(comment.hasPrefix("### govctl plan: 34 to add"), "\(comment.prefix(200))")
        #expect(comment.utf8.count <= 65_536)
        #expect(World.output(plan, step: "plan", "exitcode") == "2")
        let artifacts = (plan["artifacts"] as? [[String: Any]] ?? []).flatMap { $0["files"] as? [String] ?? [] }
        #expect(Set(artifacts.map { ($0 as NSString).lastPathComponent }).isSuperset(of: ["plan.json", "plan.txt", "plan.md"]))
        #expect(!World.anySecretInLog(plan))

        #expect(try await play("apply", "pull_request")["ran"] as? Bool == false)
        let apply = try await play("apply", "push", ["--ref", "refs/heads/main", "--secret", "GOVCTL_APPLY_KEY=\(world.ownerKey)",
                                                "--secret", "CRM_OAUTH_TOKEN=crm-token-1", "--secret", "WAREHOUSE_LOADER_PASSWORD=pw-1",
                                                "--secret", "GOVCTL_SECRETS_ADMIN_TOKEN=gh-admin"])
        #expect(apply["status"] as? String == "success", "\(World.describe(apply))")
        #expect(World.output(apply, step: "apply", "new-keys") == "true")
        #expect(!World.anySecretInLog(apply))
        // The vault step received each new key on stdin; the key works against the server.
        let vault = try FileManager.default.contentsOfDirectory(atPath: world.vault.path).sorted()
        #expect(vault == ["GOVCTL_KEY_COMPLIANCE_DASHBOARD", "GOVCTL_KEY_STAGING_CI_STAGING_DEPLOYER"], "\(vault)")
        for name in vault {
            let secret = try String(contentsOf: world.vault.appendingPathComponent(name), encoding: .utf8)
            #expect(try await world.status(of: "/api/v1/environments", key: secret) == 200, "\(name) does not authenticate")
        }

        let clean = try await play("drift", "schedule", ["--secret", "GOVCTL_PLAN_KEY=\(world.ownerKey)"])
        #expect(clean["status"] as? String == "success", "\(World.describe(clean))")
        try await world.editOutsideGit()
        let drifted = try await play("drift", "schedule", ["--secret", "GOVCTL_PLAN_KEY=\(world.ownerKey)"])
        #expect(drifted["status"] as? String == "failure")
        #expect(World.exitCodes(drifted).contains(2), "\(World.describe(drifted))")
    }

    @Test("GitLab CI: the packaged binary, one note on the merge request, keys stored as variables, drift 0 then 2")
    func gitlab() async throws {
        let world = try await World.make()
        defer { world.stop() }
        let gitlab = try await FakeGitLab.start(in: world.directory)
        defer { gitlab.stop() }
        let releases = try await world.releasesDirectory()
        let common = ["--env", "GOVCTL_RELEASES_URL=\(releases.absoluteString)", "--env", "CI_API_V4_URL=\(gitlab.url)",
                      "--env", "CI_PROJECT_ID=42", "--cache-dir", world.directory.appendingPathComponent("gitlab-cache").path]
        func play(_ job: String, _ source: String, _ branch: String, _ extra: [String]) async throws -> [String: Any] {
            try await world.play(["gitlab", "examples/ci/gitlab-ci.yml", "--job", job, "--source", source, "--branch", branch] + common + extra)
        }

        let note = ["--env", "CI_MERGE_REQUEST_IID=7", "--secret", "GOVCTL_PLAN_KEY=\(world.ownerKey)",
                    "--secret", "GOVCTL_NOTES_TOKEN=\(FakeGitLab.token)"]
        let plan = try await play("plan", "merge_request_event", "change", note)
        #expect(plan["status"] as? String == "success", "\(World.describe(plan))")
        // A second push updates the same note instead of adding one.
        #expect(try await play("plan", "merge_request_event", "change", note)["status"] as? String == "success")
        let notes = try await gitlab.notes()
        #expect(notes.count == 1, "\(notes.count) notes")
        #expect(notes.first?.contains("### govctl plan: 34 to add") == true)

        let apply = try await play("apply", "push", "main", ["--secret", "GOVCTL_APPLY_KEY=\(world.ownerKey)",
                                                        "--secret", "GOVCTL_VARIABLES_TOKEN=\(FakeGitLab.token)",
                                                        "--secret", "CRM_OAUTH_TOKEN=crm-token-1", "--secret", "WAREHOUSE_LOADER_PASSWORD=pw-1"])
        #expect(apply["status"] as? String == "success", "\(World.describe(apply))")
        let variables = try await gitlab.variables()
        #expect(variables.keys.sorted() == ["GOVCTL_KEY_COMPLIANCE_DASHBOARD", "GOVCTL_KEY_STAGING_CI_STAGING_DEPLOYER"], "\(variables.keys)")
        for (name, secret) in variables {
            #expect(try await world.status(of: "/api/v1/environments", key: secret) == 200, "\(name) does not authenticate")
        }
        #expect(!FileManager.default.fileExists(atPath: world.repo.appendingPathComponent(".govctl/new-keys.json").path))

        let drift = ["--secret", "GOVCTL_PLAN_KEY=\(world.ownerKey)"]
        #expect(try await play("drift", "schedule", "main", drift)["status"] as? String == "success")
        try await world.editOutsideGit()
        let drifted = try await play("drift", "schedule", "main", drift)
        #expect(drifted["status"] as? String == "failure")
        #expect(World.exitCodes(drifted).contains(2), "\(World.describe(drifted))")
    }

    @Test("a refused plan is still commented, then fails the PR job")
    func refusedPlan() async throws {
        let world = try await World.make()
        defer { world.stop() }
        // A production environment merged earlier, then removed from git with pruning on: its deletion is refused.
        try await world.commit { governance in
            try Data("apiVersion: govctl/v1\nkind: Environment\nmetadata: {slug: payments}\nspec: {name: Payments, production: true}\n".utf8)
                .write(to: governance.appendingPathComponent("payments.yaml"))
        }
        _ = try await world.applyDirectly()
        try await world.commit { governance in
            try FileManager.default.removeItem(at: governance.appendingPathComponent("payments.yaml"))
            let settings = governance.appendingPathComponent("settings.yaml")
            try (try String(contentsOf: settings, encoding: .utf8)).replacingOccurrences(of: "  prune: false", with: "  prune: true")
                .write(to: settings, atomically: true, encoding: .utf8)
        }
        let plan = try await world.play(["github", "examples/ci/github-actions.yml", "--job", "plan", "--event", "pull_request",
                                   "--action-input", "tarball-url=\(try await Release.get().tarball.absoluteString)",
                                   "--secret", "GOVCTL_PLAN_KEY=\(world.ownerKey)"])
        #expect(plan["status"] as? String == "failure")
        #expect(World.output(plan, step: "plan", "exitcode") == "3", "\(World.describe(plan))")
        #expect((plan["comment"] as? String)?.contains("[!CAUTION]") == true)
    }
}
}

/// A scratch repository holding the three-tier example as `governance/`, a served control plane, and a vault.
final class World: @unchecked Sendable {
    let directory: URL
    let repo: URL
    let vault: URL
    let served: ServedGovctl
    var port: Int { served.port }
    var ownerKey: String { served.ownerKey }

    private init(directory: URL, repo: URL, vault: URL, served: ServedGovctl) {
        self.directory = directory
        self.repo = repo
        self.vault = vault
        self.served = served
    }

    static func make() async throws -> World {
        let directory = try GovctlRunner.temporaryDirectory()
        let repo = directory.appendingPathComponent("repo"), vault = directory.appendingPathComponent("vault")
        let fakeBin = directory.appendingPathComponent("fakebin")
        for dir in [repo, vault, fakeBin] { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
        try FileManager.default.copyItem(at: GovctlRunner.repoRoot.appendingPathComponent("examples/three-tier"),
                                         to: repo.appendingPathComponent("governance"))
        try Data(".govctl/\n".utf8).write(to: repo.appendingPathComponent(".gitignore"))
        // The recipe's vault command is `gh secret set NAME`, reading the secret on stdin.
        let gh = fakeBin.appendingPathComponent("gh")
        try Data("#!/bin/sh\n[ \"$1 $2\" = \"secret set\" ] && [ -n \"$GH_TOKEN\" ] || exit 9\ncat > \"$FAKE_VAULT/$3\"\n".utf8).write(to: gh)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: gh.path)
        try await git(["init", "-q", "-b", "main"], in: repo)
        try await git(["add", "-A"], in: repo)
        try await git(["commit", "-q", "-m", "governance"], in: repo)

        let served = try await ServedGovctl.start(in: directory)
        return World(directory: directory, repo: repo, vault: vault, served: served)
    }

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Plays one job with `play.py`, the runner's variables pointing at this world; returns the player's report.
    func play(_ args: [String]) async throws -> [String: Any] {
        let report = directory.appendingPathComponent("report-\(UUID().uuidString).json")
        let path = "\(directory.appendingPathComponent("fakebin").path):/usr/local/bin:/usr/bin:/bin"
        let run = try await Shell.python(["Tests/GovctlTests/Fixtures/ci/play.py"] + args
            + ["--workdir", repo.path, "--report", report.path, "--env", "GOVCTL_ENDPOINT=\(endpoint)",
               "--env", "PATH=\(path)", "--env", "FAKE_VAULT=\(vault.path)",
               "--env", "RUNNER_TOOL_CACHE=\(directory.appendingPathComponent("toolcache").path)"])
        guard run.status == 0, let data = FileManager.default.contents(atPath: report.path),
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Shell.Failure("play.py \(args.prefix(4).joined(separator: " ")) failed (\(run.status)): \(run.stderr.suffix(4000))")
        }
        return object
    }

    /// The HTTP status of `GET path` with `key`.
    func status(of path: String, key: String) async throws -> Int {
        let run = try await Shell.bash(["-c", "curl -s -o /dev/null -w '%{http_code}' -H \"Authorization: Bearer $KEY\" \"$URL\""],
                                 environment: ["KEY": key.trimmingCharacters(in: .whitespacesAndNewlines), "URL": endpoint + path])
        return Int(run.stdout) ?? 0
    }

    /// A change made in the console, not in git: staging's description.
    func editOutsideGit() async throws {
        let run = try await Shell.bash(["-c", "curl -fsS -X PATCH -H \"Authorization: Bearer $KEY\" -H 'Content-Type: application/json' "
                                      + "-d '{\"description\": \"edited in the console\"}' \"$URL\""],
                                 environment: ["KEY": ownerKey, "URL": endpoint + "/api/v1/environments/env_staging"])
        #expect(run.status == 0, "\(run.stderr)")
    }

    /// Changes `governance/` with `edit` and commits it.
    func commit(_ edit: (URL) throws -> Void) async throws {
        try edit(repo.appendingPathComponent("governance"))
        try await Self.git(["add", "-A"], in: repo)
        try await Self.git(["commit", "-q", "--allow-empty", "-m", "change"], in: repo)
    }

    /// Applies `governance/` to the served state directly, as an earlier merge would have.
    func applyDirectly() async throws -> GovctlRunner.Output {
        let out = try await GovctlRunner.run(["apply", "governance", "--endpoint", endpoint, "--auto-approve", "--confirm-production",
                                        "--secrets-file", directory.appendingPathComponent("keys.json").path],
                                       in: repo, environment: ["MITRITY_API_KEY": ownerKey, "CRM_OAUTH_TOKEN": "a", "WAREHOUSE_LOADER_PASSWORD": "b"])
        #expect(out.status == 0, "\(out.stderr)")
        return out
    }

    /// A directory laid out as a release server: `v VERSION/` holding the tarball and its checksum.
    func releasesDirectory() async throws -> URL {
        let release = try await Release.get()
        let dir = directory.appendingPathComponent("releases/v\(release.version)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for file in [release.tarball, release.checksum] {
            try FileManager.default.linkItem(at: file, to: dir.appendingPathComponent(file.lastPathComponent))
        }
        return directory.appendingPathComponent("releases")
    }

    func stop() {
        served.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    static func git(_ args: [String], in directory: URL) async throws {
        let env = ["GIT_AUTHOR_NAME": "ci", "GIT_AUTHOR_EMAIL": "ci@example.com", "GIT_COMMITTER_NAME": "ci",
                   "GIT_COMMITTER_EMAIL": "ci@example.com"]
        let run = try await GovctlRunner.execute(URL(fileURLWithPath: "/usr/bin/env"), ["git"] + args, in: directory, environment: env)
        guard run.status == 0 else { throw Shell.Failure("git \(args.joined(separator: " ")): \(run.stderr)") }
    }

    /// A step's output by step id.
    static func output(_ report: [String: Any], step id: String, _ name: String) -> String? {
        let steps = report["steps"] as? [[String: Any]] ?? []
        return (steps.first { $0["id"] as? String == id }?["outputs"] as? [String: Any])?[name] as? String
    }

    /// Every step's exit code, in order.
    static func exitCodes(_ report: [String: Any]) -> [Int] {
        (report["steps"] as? [[String: Any]] ?? []).compactMap { $0["exitCode"] as? Int }
    }

    /// True when the raw output of any step held a value given as a secret.
    static func anySecretInLog(_ report: [String: Any]) -> Bool {
        (report["steps"] as? [[String: Any]] ?? []).contains { !(($0["secretsInLog"] as? [Any]) ?? []).isEmpty }
    }

    /// The steps with their outcome and the end of their log, for a failure message.
    static func describe(_ report: [String: Any]) -> String {
        (report["steps"] as? [[String: Any]] ?? []).map {
            "\($0["name"] ?? "?"): \($0["outcome"] ?? "?") (\($0["exitCode"] ?? "-"))\n\(String(describing: $0["log"] ?? "").suffix(1500))"
        }.joined(separator: "\n")
    }
}

/// `Fixtures/ci/fake_gitlab.py` on a loopback port: the notes and variables APIs the GitLab recipe calls.
final class FakeGitLab: @unchecked Sendable {
    static let token = "glpat-test-token"
    let process: Process
    let state: URL
    let url: String

    private init(process: Process, state: URL, url: String) {
        self.process = process
        self.state = state
        self.url = url
    }

    static func start(in directory: URL) async throws -> FakeGitLab {
        let state = directory.appendingPathComponent("gitlab"), portFile = directory.appendingPathComponent("gitlab.port")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", GovctlRunner.repoRoot.appendingPathComponent("Tests/GovctlTests/Fixtures/ci/fake_gitlab.py").path,
                             portFile.path, state.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["FAKE_GITLAB_TOKEN": token]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<200 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return FakeGitLab(process: process, state: state, url: "http://127.0.0.1:\(port)/api/v4")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw Shell.Failure("fake_gitlab.py did not start")
    }

    /// The bodies of the notes posted, across merge requests (`notes.json` is `{"PROJECT/IID": [note, …]}`).
    func notes() async throws -> [String] {
        guard let data = FileManager.default.contents(atPath: state.appendingPathComponent("notes.json").path),
              let byRequest = try JSONSerialization.jsonObject(with: data) as? [String: [[String: Any]]] else { return [] }
        return byRequest.values.flatMap { $0.compactMap { $0["body"] as? String } }
    }

    /// The CI/CD variables stored, by name (`variables.json` is `{"PROJECT": {"KEY": variable}}`).
    func variables() async throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: state.appendingPathComponent("variables.json").path),
              let byProject = try JSONSerialization.jsonObject(with: data) as? [String: [String: [String: Any]]] else { return [:] }
        var out: [String: String] = [:]
        for variables in byProject.values {
            for (key, variable) in variables { out[key] = variable["value"] as? String }
        }
        return out
    }

    /// SIGKILL: a child of the test process may inherit a mask that blocks SIGTERM, and the fake keeps nothing
    /// in memory that a test reads.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

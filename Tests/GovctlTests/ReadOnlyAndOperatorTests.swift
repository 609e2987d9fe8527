import Foundation
import Testing

/// Read commands never make a tenant by looking, and every audit event the embedded store writes says who applied.
@Suite("read commands never write; audit events name the operator")
struct ReadOnlyAndOperatorTests {
    static let fixture = GovctlRunner.fixtures.appendingPathComponent("drift/manifests").path

    @Test("a mistyped --state is refused by every command that reads, and nothing is created", arguments: [
        ["get", "environments"], ["get", "policies"], ["audit"], ["drift", fixture], ["import", "--out", "imported"],
    ])
    func readCommandsRefuseMissingState(command: [String]) async throws {
        let dir = try GovctlRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try await GovctlRunner.run(command + ["--state", dir.appendingPathComponent("typo.db").path], in: dir)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains("no live state at") && run.stderr.contains("[no-live-state]"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "no typo.db, .key or .lock")
    }

    @Test("a saved plan applied to a state that does not exist is refused, and nothing is created")
    func savedPlanNeedsItsState() async throws {
        let dir = try GovctlRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let planFile = dir.appendingPathComponent("plan.json").path
        let made = try await GovctlRunner.run(["plan", Self.fixture, "--state", dir.appendingPathComponent("real.db").path, "--out", planFile])
        #expect(made.status == 0, "\(made.stderr)")
        let typo = dir.appendingPathComponent("rael.db").path
        let apply = try await GovctlRunner.run(["apply", "--plan", planFile, "--state", typo, "--confirm-production"])
        #expect(apply.status == 1 && apply.stderr.contains("[no-live-state]"), "\(apply.stderr)")
        #expect(!FileManager.default.fileExists(atPath: typo) && !FileManager.default.fileExists(atPath: typo + ".key"))
    }

    @Test("plan on a state that does not exist says that it makes a new tenant")
    func planSaysNewTenant() async throws {
        let dir = try GovctlRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let state = dir.appendingPathComponent("new.db").path
        let first = try await GovctlRunner.run(["plan", Self.fixture, "--state", state])
        #expect(first.stderr.contains("note: no live state at \(state); a new tenant is created there"))
        let second = try await GovctlRunner.run(["plan", Self.fixture, "--state", state])
        #expect(!second.stderr.contains("a new tenant"))
    }

    @Test("apply records the OS user, or in CI the actor, system, run and commit, in every event", arguments: [
        (["GITHUB_ACTIONS": "true", "GITHUB_RUN_ID": "8123", "GITHUB_RUN_ATTEMPT": "2", "GITHUB_SHA": String(repeating: "ab", count: 20),
          "GITHUB_REPOSITORY": "acme/governance", "GITHUB_ACTOR": "octocat"],
         "cli:octocat github-actions repo=acme/governance run=8123/2 commit=\(String(repeating: "ab", count: 20))"),
        (["GITLAB_CI": "true", "CI_JOB_ID": "991", "CI_COMMIT_SHA": "c0ffee", "CI_PROJECT_PATH": "acme/gov", "GITLAB_USER_LOGIN": "dev\nil"],
         "cli:devil gitlab-ci repo=acme/gov run=991 commit=c0ffee"),
    ])
    func operatorInAudit(environment: [String: String], expected: String) async throws {
        let dir = try GovctlRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let state = dir.appendingPathComponent("state.db").path
        var env = environment
        env["DRIFT_TEST_CRM_TOKEN"] = "s3cret-crm"
        // The test process may itself run in CI: only the variables given here may name a system.
        for name in ["GITHUB_ACTIONS", "GITLAB_CI", "CIRCLECI", "BUILDKITE", "TF_BUILD", "JENKINS_URL", "CI"] where env[name] == nil {
            env[name] = ""
        }
        let apply = try await GovctlRunner.run(["apply", Self.fixture, "--state", state, "--auto-approve", "--confirm-production"], environment: env)
        #expect(apply.status == 0, "\(apply.stderr)")
        let audit = try await GovctlRunner.run(["audit", "--state", state, "--format", "json"])
        let events = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        let written = events.filter { ($0["action"] as? String) != "tenant.create" }
        #expect(!written.isEmpty)
        #expect(written.allSatisfy { $0["principal"] as? String == expected }, "\(written.map { $0["principal"] ?? "" })")
    }

    @Test("outside CI the OS user is named")
    func osUser() async throws {
        let dir = try GovctlRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let state = dir.appendingPathComponent("state.db").path
        var env = ["DRIFT_TEST_CRM_TOKEN": "s3cret-crm"]
        for name in ["GITHUB_ACTIONS", "GITLAB_CI", "CIRCLECI", "BUILDKITE", "TF_BUILD", "JENKINS_URL", "CI"] { env[name] = "" }
        #expect(try await GovctlRunner.run(["apply", Self.fixture, "--state", state, "--auto-approve", "--confirm-production"], environment: env).status == 0)
        let audit = try await GovctlRunner.run(["audit", "--state", state, "--format", "json"])
        let user = String(cString: getpwuid(geteuid()).pointee.pw_name)
        #expect(audit.stdout.contains("\"principal\": \"cli:\(user)\""), "\(audit.stdout.prefix(600))")
    }
}

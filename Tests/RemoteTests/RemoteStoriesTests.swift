import ControlPlane
import Foundation
import Governance
import Testing

/// The plan/apply stories on both backends, one suite: the embedded state file, and `govctl serve` over a state
/// file reached through `--endpoint`. Each story runs the built `govctl` exactly as a user or CI would.
@Suite(.serialized) struct RemoteStoriesTests {
    @Test(arguments: World.Backend.allCases)
    func applyThenNoChanges(_ backend: World.Backend) async throws {
        let world = try await World(backend)
        defer { world.close() }
        #expect(try world.applied("base").stdout.contains("Apply complete: "))
        let plan = try world.run(["plan", World.fixture("base"), "--detailed-exitcode"])
        #expect(plan.status == 0, "\(backend): \(plan.stdout)")
        #expect(plan.stdout.contains("No changes."))
    }

    @Test(arguments: World.Backend.allCases)
    func productionChangeNeedsConfirmation(_ backend: World.Backend) async throws {
        let world = try await World(backend)
        defer { world.close() }
        try world.applied("base")
        let changed = World.fixture("changed-production-policy")
        let plan = try world.run(["plan", changed, "--format", "json"])
        #expect(try RemoteEndToEndTests.changes(plan.stdout)
            == ["update policy/production/deny-destructive-db", "update policy/staging/deny-destructive-db"])
        let unconfirmed = try world.run(["apply", changed, "--auto-approve"])
        #expect(unconfirmed.status == 1)
        #expect(unconfirmed.stderr.contains("[confirmation-required]"))
        try world.applied("changed-production-policy")
        #expect(try world.run(["plan", changed, "--detailed-exitcode"]).status == 0)
    }

    @Test(arguments: World.Backend.allCases, [("drop-development", "active-agents"), ("drop-eu-production", "production-protected")])
    func refusals(_ backend: World.Backend, _ story: (fixture: String, rule: String)) async throws {
        let world = try await World(backend)
        defer { world.close() }
        try world.applied("base")
        let path = World.fixture(story.fixture)
        let plan = try world.run(["plan", path, "--prune", "--format", "json"])
        #expect(plan.status == 3, "\(backend): \(plan.stderr)")
        #expect(plan.stdout.contains(story.rule))
        let apply = try world.run(["apply", path, "--prune", "--auto-approve", "--confirm-production"])
        #expect(apply.status == 3)
        #expect(try world.run(["plan", World.fixture("base"), "--detailed-exitcode"]).status == 0, "apply applied nothing")
    }

    @Test(arguments: World.Backend.allCases)
    func injectedFailure(_ backend: World.Backend) async throws {
        let world = try await World(backend)
        defer { world.close() }
        let base = World.fixture("base")
        let fault = ["GOVCTL_FAULT_INJECT": "agent/development/pr-reviewer"]
        let report = try world.run(["apply", base, "--auto-approve", "--confirm-production", "--parallelism", "1", "--format", "json"],
                                   environment: fault)
        #expect(report.status == 1)
        let outcomes = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
        let notApplied = (outcomes?["changes"] as? [[String: Any]] ?? []).filter { $0["outcome"] as? String != "applied" }
            .compactMap { $0["address"] as? String }
        #expect(!notApplied.isEmpty)
        let left = try world.run(["plan", base, "--format", "json"])
        #expect(try RemoteEndToEndTests.changes(left.stdout).map { String($0.split(separator: " ")[1]) }.sorted() == notApplied.sorted())
        try world.applied("base")
        #expect(try world.run(["plan", base, "--detailed-exitcode"]).status == 0)
    }

    @Test(arguments: World.Backend.allCases)
    func pruneLeavesUnmanaged(_ backend: World.Backend) async throws {
        let world = try await World(backend)
        defer { world.close() }
        try world.applied("base")
        let plane = try world.controlPlane()
        _ = try await plane.createEnvironment(slug: "hand-made", EnvironmentFields(name: "Made By Hand"), as: .cli)
        let plan = try world.run(["plan", World.fixture("base"), "--prune", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(backend): \(plan.stdout) \(plan.stderr)")
        #expect(plan.stdout.contains("environment/hand-made"))
        try world.applied("base", ["--prune"])
        #expect(try await plane.environments(as: .cli).contains { $0.slug == "hand-made" })
    }

    @Test(arguments: World.Backend.allCases)
    func keysAndCredentials(_ backend: World.Backend) async throws {
        let world = try await World(backend)
        defer { world.close() }
        let token = ["STORY_CRM_TOKEN": "crm-secret-value"]
        let secretsFile = world.directory.appendingPathComponent("keys.env").path
        try world.applied("with-key", ["--secrets-file", secretsFile], environment: token)
        #expect(try world.run(["plan", World.fixture("with-key"), "--detailed-exitcode"], environment: token).status == 0)
        let secrets = (try? String(contentsOfFile: secretsFile, encoding: .utf8)) ?? ""
        #expect(secrets.contains("mk_"), "the new key's secret lands in the secrets file")
    }

    @Test(arguments: World.Backend.allCases)
    func keyRoleAndGrantsChange(_ backend: World.Backend) async throws {
        let world = try await World(backend)
        defer { world.close() }
        let token = ["STORY_CRM_TOKEN": "crm-secret-value"]
        try world.applied("with-key", ["--secrets-file", world.directory.appendingPathComponent("keys.env").path], environment: token)
        let changed = World.fixture("changed-key-and-grants")
        let plan = try world.run(["plan", changed, "--format", "json"], environment: token)
        #expect(try RemoteEndToEndTests.changes(plan.stdout)
            == ["create agent/production/renewals-assistant", "update credential/production/crm-token", "update apikey/staging/ci"],
                "\(backend): \(plan.stdout)")
        try world.applied("changed-key-and-grants", environment: token)
        #expect(try world.run(["plan", changed, "--detailed-exitcode"], environment: token).status == 0)
        let plane = try world.controlPlane()
        #expect(try await plane.apiKeys(as: .cli).first { $0.name == "ci" }?.role == .viewer)
        let credential = try await plane.credentials(as: .cli).first { $0.name == "crm-token" }
        #expect(credential?.grants.map(\.name) == ["renewals-assistant"])
    }

    /// A saved plan is refused as stale after another apply, and refused when applied twice.
    @Test(arguments: World.Backend.allCases)
    func savedPlanStaleAndTwice(_ backend: World.Backend) async throws {
        let story = try await World(backend)
        defer { story.close() }
        try story.applied("base")
        let changed = World.fixture("changed-production-policy")
        let stale = story.directory.appendingPathComponent("stale.json").path, fresh = story.directory.appendingPathComponent("fresh.json").path
        #expect(try story.run(["plan", changed, "--out", stale]).status == 0)
        try story.applied("changed-production-policy")
        let refused = try story.run(["apply", "--plan", stale, "--confirm-production"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("[plan-already-applied]"))
        #expect(refused.stderr.contains("the live state moved since this plan was made, and every change it holds is now live"))

        try story.applied("base")
        #expect(try story.run(["plan", changed, "--out", fresh]).status == 0)
        #expect(try story.run(["plan", World.fixture("with-key"), "--out", stale], environment: ["STORY_CRM_TOKEN": "t"]).status == 0)
        let first = try story.run(["apply", "--plan", fresh, "--confirm-production"])
        #expect(first.status == 0, "\(backend): \(first.stderr)")
        #expect(first.stdout.contains("Apply complete: 0 added, 2 changed, 0 destroyed."))
        let twice = try story.run(["apply", "--plan", fresh, "--confirm-production"])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("every change it holds is now live"))
        let moved = try story.run(["apply", "--plan", stale, "--confirm-production", "--secrets-file", story.directory.appendingPathComponent("keys.json").path])
        #expect(moved.status == 1)
        #expect(moved.stderr.contains("[stale-plan]"))
        #expect(moved.stderr.contains("policy/production/deny-destructive-db changed"))
    }
}

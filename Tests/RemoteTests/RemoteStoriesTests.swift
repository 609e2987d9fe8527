import ControlPlane
import Foundation
import Governance
import Testing

/// The plan/apply stories on both backends, one suite: the embedded state file, and `govctl serve` over a state
/// file reached through `--endpoint`. Each story runs the built `govctl` exactly as a user or CI would.
@Suite(.serialized) struct RemoteStoriesTests {
    /// Where a story's live state is.
    enum Backend: String, CaseIterable, Sendable { case embedded, remote }

    /// One story's world: a temporary directory, its state file, and (remote) the server over that file.
    final class World: @unchecked Sendable {
        let directory: URL
        let backend: Backend
        private var server: Binary.Server?
        private var arguments: [String] = []
        private var environment: [String: String] = [:]

        init(_ backend: Backend) async throws {
            self.backend = backend
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("story-\(backend)-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            switch backend {
            case .embedded: arguments = ["--state", state]
            case .remote:
                let keyFile = directory.appendingPathComponent("owner.key").path
                let server = try Binary.start(["serve", "--listen", "127.0.0.1:0", "--state", state, "--bootstrap-key-file", keyFile])
                self.server = server
                arguments = ["--endpoint", "http://127.0.0.1:\(try await server.port())"]
                environment = ["MITRITY_API_KEY": try String(contentsOfFile: keyFile, encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)]
            }
        }

        var state: String { directory.appendingPathComponent("state.db").path }

        static func fixture(_ name: String) -> String {
            RemoteEndToEndTests.root.appendingPathComponent("Tests/GovctlTests/Fixtures/stories/\(name)").path
        }

        /// Runs `govctl args…` against this world's live state.
        func run(_ args: [String], environment extra: [String: String] = [:]) throws -> Binary.Output {
            try Binary.run(args + arguments, environment: environment.merging(extra) { _, new in new })
        }

        /// Applies fixture `name` without asking, confirming production; the story fails when it does not apply.
        @discardableResult
        func applied(_ name: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> Binary.Output {
            let out = try run(["apply", Self.fixture(name), "--auto-approve", "--confirm-production"] + extra, environment: environment)
            #expect(out.status == 0, "\(backend) apply \(name): \(out.stderr)\(out.stdout)")
            return out
        }

        /// The control plane over the state file, as a second client beside govctl (the server shares the file).
        func controlPlane() throws -> ControlPlane { try ControlPlane(ControlPlane.Configuration(path: state)) }

        func close() {
            server?.terminate()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test(arguments: Backend.allCases)
    func applyThenNoChanges(_ backend: Backend) async throws {
        let world = try await World(backend)
        defer { world.close() }
        #expect(try world.applied("base").stdout.contains("Apply complete: "))
        let plan = try world.run(["plan", World.fixture("base"), "--detailed-exitcode"])
        #expect(plan.status == 0, "\(backend): \(plan.stdout)")
        #expect(plan.stdout.contains("No changes."))
    }

    @Test(arguments: Backend.allCases)
    func productionChangeNeedsConfirmation(_ backend: Backend) async throws {
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

    @Test(arguments: Backend.allCases, [("drop-development", "active-agents"), ("drop-eu-production", "production-protected")])
    func refusals(_ backend: Backend, _ story: (fixture: String, rule: String)) async throws {
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

    @Test(arguments: Backend.allCases)
    func injectedFailure(_ backend: Backend) async throws {
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

    @Test(arguments: Backend.allCases)
    func pruneLeavesUnmanaged(_ backend: Backend) async throws {
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

    @Test(arguments: Backend.allCases)
    func keysAndCredentials(_ backend: Backend) async throws {
        let world = try await World(backend)
        defer { world.close() }
        let token = ["STORY_CRM_TOKEN": "crm-secret-value"]
        let secretsFile = world.directory.appendingPathComponent("keys.env").path
        try withKnownIssue("govctl serve has no route for credential grants yet", isIntermittent: false) {
            try world.applied("with-key", ["--secrets-file", secretsFile], environment: token)
            #expect(try world.run(["plan", World.fixture("with-key"), "--detailed-exitcode"], environment: token).status == 0)
        } when: {
            backend == .remote
        }
        let secrets = (try? String(contentsOfFile: secretsFile, encoding: .utf8)) ?? ""
        #expect(secrets.contains("mk_"), "the new key's secret lands in the secrets file")
    }
}

import Foundation
import Testing

/// The built `govctl`: `serve` on a loopback port, then `plan` and `apply` through `--endpoint`, end to end.
@Suite(.serialized) struct RemoteEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let story = root.appendingPathComponent("Tests/GovctlTests/Fixtures/stories/base").path

    @Test func planAndApplyThroughTheEndpointConvergeAndMatchTheEmbeddedPlan() async throws {
        let world = try await World(.remote)
        defer { world.close() }
        let key = world.key
        let remotePlan = try world.run(["plan", Self.story, "--format", "json"])
        let embeddedPlan = try Binary.run(["plan", Self.story, "--format", "json", "--state", world.directory.appendingPathComponent("embedded.db").path])
        #expect(remotePlan.status == 0, "\(remotePlan.stderr)")
        #expect(try Self.changes(remotePlan.stdout) == Self.changes(embeddedPlan.stdout))
        #expect(try Self.changes(remotePlan.stdout).count > 10)

        let apply = try world.run(["apply", Self.story, "--auto-approve", "--confirm-production"])
        #expect(apply.status == 0, "stdout: \(apply.stdout)\nstderr: \(apply.stderr)")
        let again = try world.run(["plan", Self.story, "--detailed-exitcode"])
        #expect(again.status == 0, "stdout: \(again.stdout)\nstderr: \(again.stderr)")
        // The server's bootstrap key, which no manifest declares, is a note, not drift: a nightly job stays green.
        let drift = try world.run(["drift", Self.story])
        #expect(drift.status == 0, "stdout: \(drift.stdout)\nstderr: \(drift.stderr)")
        #expect(drift.stdout.hasPrefix("No drift."))
        #expect(drift.stdout.contains("note: apikey/bootstrap-owner is the Owner key govctl serve issued"))
        let policies = try world.run(["get", "policies", "-e", "production", "--format", "json"])
        #expect(policies.status == 0, "\(policies.stderr)")
        #expect(policies.stdout.contains("deny-destructive-db"))
        let audit = try world.run(["audit", "--format", "json"])
        #expect(audit.status == 0, "\(audit.stderr)")
        #expect(audit.stdout.contains("policy.create"))

        for output in [remotePlan, apply, again, drift, audit, world.server?.output].compactMap({ $0 }) {
            #expect(!output.stdout.contains(key) && !output.stderr.contains(key), "the key must never be printed")
        }
    }

    @Test func aScopedKeyPlansItsOwnEnvironmentAndAReadOnlyKeyCannotApply() async throws {
        let world = try await World(.remote)
        defer { world.close() }
        try world.applied("base")
        let plane = try world.controlPlane()
        let scoped = try await plane.createApiKey("ci-staging", in: "staging", role: .manager, as: .cli).secret
        let viewer = try await plane.createApiKey("dashboard", in: nil, role: .viewer, as: .cli).secret

        // The scoped key cannot see production: its plan is of staging alone, not "create every other environment".
        let own = try world.run(["plan", Self.story, "--detailed-exitcode"], environment: ["MITRITY_API_KEY": scoped])
        #expect(own.status == 0, "\(own.stdout) \(own.stderr)")
        #expect(own.stderr.contains("scoped to environment 'staging'"))
        #expect(own.stdout.contains("No changes."))
        let other = try world.run(["plan", Self.story, "--env", "production"], environment: ["MITRITY_API_KEY": scoped])
        #expect(other.status == 1)
        #expect(other.stderr.contains("[outside-key-scope]"))

        let changed = World.fixture("changed-production-policy")
        let viewerPlan = try world.run(["plan", changed], environment: ["MITRITY_API_KEY": viewer])
        #expect(viewerPlan.status == 0)
        #expect(viewerPlan.stderr.contains("[role-cannot-apply]"))
        let viewerApply = try world.run(["apply", changed, "--auto-approve", "--confirm-production"], environment: ["MITRITY_API_KEY": viewer])
        #expect(viewerApply.status == 1)
        #expect(viewerApply.stderr.contains("[role-cannot-apply]"))
        #expect(try world.run(["plan", changed, "--detailed-exitcode"]).status == 2, "the viewer's apply changed nothing")
        for output in [own, other, viewerPlan, viewerApply] {
            #expect(!output.stdout.contains(scoped) && !output.stderr.contains(viewer), "no key is printed")
        }
    }

    @Test func aSavedPlanAppliesThroughTheEndpointAndImportReadsItBack() async throws {
        let world = try await World(.remote)
        defer { world.close() }
        let dir = world.directory
        // The key from a file this time, not the environment.
        let remote = ["--endpoint", world.endpoint, "--api-key-file", world.keyFile]
        let saved = dir.appendingPathComponent("plan.json").path

        let plan = try Binary.run(["plan", Self.story, "--out", saved] + remote)
        #expect(plan.status == 0, "\(plan.stderr)")
        let apply = try Binary.run(["apply", "--plan", saved, Self.story, "--auto-approve", "--confirm-production"] + remote)
        #expect(apply.status == 0, "stdout: \(apply.stdout)\nstderr: \(apply.stderr)")
        let stale = try Binary.run(["apply", "--plan", saved, Self.story, "--auto-approve", "--confirm-production"] + remote)
        #expect(stale.status == 1, "a saved plan whose live state moved is refused: \(stale.stdout) \(stale.stderr)")

        let imported = dir.appendingPathComponent("imported").path
        let importRun = try Binary.run(["import", "--out", imported] + remote)
        #expect(importRun.status == 0, "\(importRun.stderr)")
        let roundTrip = try Binary.run(["plan", imported, "--detailed-exitcode"] + remote)
        #expect(roundTrip.status == 0, "stdout: \(roundTrip.stdout)\nstderr: \(roundTrip.stderr)")
    }

    @Test func aMissingKeyOrAnInsecureEndpointIsAClearError() throws {
        let noKey = try Binary.run(["plan", Self.story, "--endpoint", "http://127.0.0.1:9"], environment: ["MITRITY_API_KEY": ""])
        #expect(noKey.status == 1)
        #expect(noKey.stderr.contains("set MITRITY_API_KEY or pass --api-key-file"))
        let plain = try Binary.run(["plan", Self.story, "--endpoint", "http://api.example.com"], environment: ["MITRITY_API_KEY": "mk_x"])
        #expect(plain.status == 1)
        #expect(plain.stderr.contains("--insecure-http"))
        #expect(!plain.stderr.contains("mk_x"))
    }

    /// That a refused connection is retried is shown without timing in `RemoteFaultTests`; here, the words.
    @Test func anUnreachableEndpointIsRetriedThenNamed() throws {
        let refused = try Binary.run(["plan", Self.story, "--endpoint", "http://127.0.0.1:9", "--retry-deadline", "2"],
                                     environment: ["MITRITY_API_KEY": FakeKey.secret])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("cannot reach the control plane at http://127.0.0.1:9/api/v1"), "\(refused.stderr)")
        #expect(!refused.stderr.contains(FakeKey.secret))
    }

    /// The (action, address) pairs of a JSON plan.
    static func changes(_ json: String) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let changes = object?["changes"] as? [[String: Any]] ?? []
        return changes.map { "\($0["action"] ?? "") \($0["address"] ?? "")" }
    }
}

/// Runs the built `govctl` found next to the test bundle.
enum Binary {
    struct Output: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func path() throws -> URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("govctl")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile)
    }

    static func run(_ args: [String], environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = try path()
        process.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "GOVCTL_ENDPOINT")
        for (name, value) in environment { env[name] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A running `govctl serve` and what it printed.
    final class Server: @unchecked Sendable {
        let process = Process()
        private let lock = NSLock()
        private var printed = Data()

        var output: Output { lock.withLock { Output(status: 0, stdout: "", stderr: String(decoding: printed, as: UTF8.self)) } }

        func port() async throws -> Int {
            for _ in 0..<600 {
                let text = output.stderr
                if let range = text.range(of: "address=127.0.0.1:") {
                    let digits = text[range.upperBound...].prefix { $0.isNumber }
                    if let port = Int(digits), port > 0 { return port }
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            throw CocoaError(.fileReadUnknown)
        }

        func terminate() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }

        fileprivate func append(_ data: Data) { lock.withLock { printed.append(data) } }
    }

    static func start(_ args: [String]) throws -> Server {
        let server = Server()
        server.process.executableURL = try path()
        server.process.arguments = args
        let pipe = Pipe()
        server.process.standardOutput = pipe
        server.process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak server] handle in server?.append(handle.availableData) }
        try server.process.run()
        return server
    }
}

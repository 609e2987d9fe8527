import ControlPlane
import Foundation
import Testing

/// One story's world: a fresh state file in a temporary directory, and `govctl` run against it.
struct Story {
    let directory: URL
    var state: String { directory.appendingPathComponent("state.db").path }

    init() throws {
        directory = try GovctlRunner.temporaryDirectory()
    }

    /// The path of story fixture `name`.
    static func fixture(_ name: String) -> String {
        GovctlRunner.fixtures.appendingPathComponent("stories/\(name)").path
    }

    /// Runs `govctl args… --state <this story's state>`.
    func run(_ args: [String], environment: [String: String] = [:]) throws -> GovctlRunner.Output {
        try GovctlRunner.run(args + ["--state", state], environment: environment)
    }

    /// `run`, off the cooperative pool (see `GovctlRunner.run`), for async tests.
    func run(_ args: [String], environment: [String: String] = [:]) async throws -> GovctlRunner.Output {
        try await GovctlRunner.run(args + ["--state", state], environment: environment)
    }

    /// `applied`, off the cooperative pool, for async tests.
    @discardableResult
    func applied(_ name: String, _ extra: [String] = [], environment: [String: String] = [:]) async throws -> GovctlRunner.Output {
        let out = try await run(["apply", Self.fixture(name), "--auto-approve", "--confirm-production"] + extra, environment: environment)
        #expect(out.status == 0, "apply \(name): \(out.stderr)\(out.stdout)")
        return out
    }

    /// Applies fixture `name` without asking, confirming production changes; the story fails when it does not apply.
    @discardableResult
    func applied(_ name: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> GovctlRunner.Output {
        let out = try run(["apply", Self.fixture(name), "--auto-approve", "--confirm-production"] + extra, environment: environment)
        #expect(out.status == 0, "apply \(name): \(out.stderr)\(out.stdout)")
        return out
    }

    /// The control plane over this story's state file, as the tests' own second client.
    func controlPlane() throws -> ControlPlane {
        try ControlPlane(ControlPlane.Configuration(path: state))
    }

    /// A path in this story's directory.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// The addresses of a JSON plan's or apply report's changes.
func changeAddresses(_ json: String, key: String = "changes") throws -> [String] {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    let changes = object?[key] as? [[String: Any]] ?? []
    return changes.compactMap { $0["address"] as? String }
}

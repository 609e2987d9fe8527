import ControlPlane
import Foundation
import Testing

/// One story's world: a temporary directory, its state file, and (remote) `govctl serve` over that file.
final class World: @unchecked Sendable {
    /// Where a story's live state is.
    enum Backend: String, CaseIterable, Sendable { case embedded, remote }

    let directory: URL
    let backend: Backend
    /// The remote server's base URL and owner key; empty for the embedded backend.
    private(set) var endpoint = ""
    private(set) var key = ""
    var keyFile: String { directory.appendingPathComponent("owner.key").path }
    private(set) var server: Binary.Server?
    private var arguments: [String] = []
    private var environment: [String: String] = [:]

    init(_ backend: Backend) async throws {
        self.backend = backend
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("story-\(backend)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch backend {
        case .embedded: arguments = ["--state", state]
        case .remote:
            let server = try Binary.start(["serve", "--listen", "127.0.0.1:0", "--state", state, "--bootstrap-key-file", keyFile])
            self.server = server
            endpoint = "http://127.0.0.1:\(try await server.port())"
            key = try String(contentsOfFile: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            arguments = ["--endpoint", endpoint]
            environment = ["MITRITY_API_KEY": key]
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

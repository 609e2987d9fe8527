import ControlPlane
import Crypto
import Foundation
import Governance
import Hummingbird
import Logging
import Reconciler
import Server

/// The very app `govctl serve` runs, in this process on a free loopback port, over a fresh store with an Owner key.
final class LiveServer: @unchecked Sendable {
    let directory: URL
    let plane: ControlPlane
    let ownerKey: String
    let masterKey: SymmetricKey
    let port: Int
    private let task: Task<Void, any Error>

    private init(directory: URL, plane: ControlPlane, ownerKey: String, masterKey: SymmetricKey, port: Int, task: Task<Void, any Error>) {
        (self.directory, self.plane, self.ownerKey, self.masterKey, self.port, self.task) = (directory, plane, ownerKey, masterKey, port, task)
    }

    /// Starts a server over a new store; `stop()` ends it.
    static func start() async throws -> LiveServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("remote-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let masterKey = SymmetricKey(size: .bits256)
        let plane = try ControlPlane(.init(path: directory.appendingPathComponent("state.db").path, masterKey: masterKey))
        let owner = try await plane.createApiKey("owner", in: nil, role: .owner, as: .cli).secret
        return try await serve(directory: directory, plane: plane, ownerKey: owner, masterKey: masterKey)
    }

    /// Kills this server (nothing in flight is finished) and starts a new one over the same store, on a new port,
    /// with a fresh memory of idempotency keys, as a restarted process would have.
    func restart() async throws -> LiveServer {
        task.cancel()
        _ = await task.result
        let plane = try ControlPlane(.init(path: directory.appendingPathComponent("state.db").path, masterKey: masterKey))
        return try await Self.serve(directory: directory, plane: plane, ownerKey: ownerKey, masterKey: masterKey)
    }

    private static func serve(directory: URL, plane: ControlPlane, ownerKey: String, masterKey: SymmetricKey) async throws -> LiveServer {
        var logger = Logger(label: "remote.test")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = APIServer.application(APIServer.Configuration(host: "127.0.0.1", port: 0, logger: logger),
                                        APIServer.Dependencies(controlPlane: plane)) { port in continuation.yield(port) }
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var port = 0
        for await first in ports {
            port = first
            break
        }
        return LiveServer(directory: directory, plane: plane, ownerKey: ownerKey, masterKey: masterKey, port: port, task: task)
    }

    /// The server's base URL.
    var url: String { "http://127.0.0.1:\(port)" }

    /// Stops the server and removes its store.
    func stop() async {
        task.cancel()
        _ = await task.result
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A small desired state: environment `staging` with `count` policies.
func stagingWithPolicies(_ count: Int) throws -> DesiredState {
    let policies = try (1...count).map { index in
        Policy(name: "deny-\(index)", type: .deny, actionPattern: try ActionPattern(parsing: "db.drop_\(index)"), priority: 100 + index)
    }
    return DesiredState(environments: [EnvironmentSpec(slug: "staging", name: "Staging", policies: policies)])
}

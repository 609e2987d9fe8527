import Foundation
import Testing

/// A real `govctl serve` process is killed with SIGKILL in the middle of a real `govctl apply`, right after it
/// committed a create whose answer never arrives, and a new process is started on the same state file. The apply
/// rides over the gap on its retries; a re-plan shows nothing left, and nothing exists twice.
@Suite(.serialized) struct RemoteKillTests {
    /// The running server process, replaced when it is killed.
    final class Servers: @unchecked Sendable {
        private let lock = NSLock()
        private var all: [Binary.Server] = []
        var current: Binary.Server? { lock.withLock { all.last } }
        func add(_ server: Binary.Server) { lock.withLock { all.append(server) } }
        func terminateAll() { for server in lock.withLock({ all }) { server.terminate() } }
    }

    @Test func aServerProcessKilledMidApplyAndRestartedConverges() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let state = directory.appendingPathComponent("state.db").path
        let keyFile = directory.appendingPathComponent("owner.key").path
        let servers = Servers()
        defer { servers.terminateAll() }
        let first = try Binary.start(["serve", "--listen", "127.0.0.1:0", "--state", state, "--bootstrap-key-file", keyFile])
        servers.add(first)
        let firstPort = try await first.port()
        let key = try String(contentsOfFile: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)

        let policyCreates = Counter()
        let proxy = try await FaultProxy.start(upstream: "http://127.0.0.1:\(firstPort)") { request, _ in
            guard request.method == "POST", request.uri.hasPrefix("/api/v1/policies"), policyCreates.next() == 3 else { return .forward }
            return .run { proxy, head, body in
                _ = try await proxy.forward(head, body)
                // The create is committed; the process dies before its answer leaves, as on a power cut.
                kill(first.process.processIdentifier, SIGKILL)
                first.process.waitUntilExit()
                let second = try Binary.start(["serve", "--listen", "127.0.0.1:0", "--state", state])
                servers.add(second)
                proxy.upstream = "http://127.0.0.1:\(try await second.port())"
                return .drop
            }
        }
        let endpoint = ["--endpoint", "http://127.0.0.1:\(proxy.port)"]
        let environment = ["MITRITY_API_KEY": key]
        let base = World.fixture("base")
        // The blocking run goes to a thread of its own, so the proxy's async work keeps the cooperative pool.
        let apply = await Self.detached {
            try Binary.run(["apply", base, "--auto-approve", "--confirm-production", "--parallelism", "1"] + endpoint,
                           environment: environment)
        }
        #expect(apply?.status == 0, "\(apply?.stdout ?? "") \(apply?.stderr ?? "")")
        #expect(first.process.terminationReason == .uncaughtSignal, "the first server was killed")
        #expect(servers.current !== first, "a second server took over")

        let direct = ["--endpoint", "http://127.0.0.1:\(try await servers.current!.port())"]
        let again = await Self.detached { try Binary.run(["plan", base, "--detailed-exitcode"] + direct, environment: environment) }
        #expect(again?.status == 0, "\(again?.stdout ?? "") \(again?.stderr ?? "")")
        let policies = await Self.detached {
            try Binary.run(["get", "policies", "--format", "json"] + direct, environment: environment)
        }
        let names = try Self.policyAddresses(policies?.stdout ?? "")
        #expect(names.count == Set(names).count, "no policy exists twice: \(names)")
        let creates = proxy.requests.filter { $0.method == "POST" && $0.uri.hasPrefix("/api/v1/policies") }.count
        #expect(creates > 3, "the apply went on after the kill")
        #expect(!names.isEmpty)
        try await proxy.stop()
    }

    private static func detached<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async -> T? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: try? body()) }
        }
    }

    private static func policyAddresses(_ json: String) throws -> [String] {
        let rows = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        return rows.map { "\($0["environment"] ?? "")/\($0["name"] ?? "")" }
    }
}

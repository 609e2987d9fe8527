import ControlPlane
import Foundation
import Governance
import Planning
@testable import Reconciler
import Testing

/// The server dies mid-apply after committing a create and comes back on the same store with no memory of
/// idempotency keys: the apply still completes, and nothing is duplicated or lost.
@Suite(.serialized) struct RemoteRestartTests {
    @Test func aServerKilledMidApplyAndRestartedConverges() async throws {
        let first = try await LiveServer.start()
        _ = try await first.plane.createEnvironment(slug: "staging", EnvironmentFields(name: "Staging"), as: .cli)
        let current = Latest(first)
        let creates = Counter()
        let proxy = try await FaultProxy.start(upstream: first.url) { request, _ in
            guard request.method == "POST", request.uri.hasPrefix("/api/v1/policies"), creates.next() == 3 else { return .forward }
            return .run { proxy, head, body in
                _ = try await proxy.forward(head, body)
                let next = try await first.restart()
                current.server = next
                proxy.upstream = next.url
                return .drop
            }
        }
        let policy = RemoteRetryPolicy(baseDelay: 0.05, maxDelay: 0.2, deadline: 60, maxAttempts: 6, requestTimeout: 20)
        let backend = try await RemoteBackend.connect(try RemoteEndpoint("http://127.0.0.1:\(proxy.port)"),
                                                      key: try RemoteAPIKey(first.ownerKey), policy: policy)
        let planner = Planner(backend: backend, secrets: SecretResolver(environment: [:]))
        let desired = try stagingWithPolicies(6)
        let made = try await planner.plan(desired, prune: false, environments: nil)
        let report = await Applier(writer: backend, live: made.live, secrets: SecretResolver(environment: [:]),
                                   keySecrets: NoKeySecretSink(), options: Applier.Options(parallelism: 1)).apply(made.plan)
        #expect(report.isComplete, "\(report.entries.map(\.outcome))")
        #expect(current.server !== first, "the server was restarted")

        let again = try await planner.plan(desired, prune: false, environments: nil)
        #expect(again.plan.changes.isEmpty, "\(again.plan.changes.map(\.address.description))")
        let live = try await current.server.plane.policies(in: "staging", as: .cli)
        #expect(live.map(\.policy.name).sorted() == (1...6).map { "deny-\($0)" }.sorted())
        #expect(proxy.requests.filter { $0.method == "POST" && $0.uri.hasPrefix("/api/v1/policies") }.count == 7)
        try await proxy.stop()
        await current.server.stop()
    }
}

/// The server a test is talking to now, across restarts.
final class Latest: @unchecked Sendable {
    private let lock = NSLock()
    private var value: LiveServer

    init(_ server: LiveServer) { value = server }

    var server: LiveServer {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

import ControlPlane
import Foundation
import Governance
import Planning
@testable import Reconciler
import Testing

/// The remote backend against the real server behind a proxy that injects faults.
@Suite(.serialized) struct RemoteFaultTests {
    /// A quick policy so the tests wait little, but a deadline long enough for one `Retry-After: 1`.
    static let policy = RemoteRetryPolicy(baseDelay: 0.05, maxDelay: 0.2, deadline: 60, maxAttempts: 6, requestTimeout: 20)

    /// A server (with environment `staging` when asked), a fault proxy before it and a backend through the proxy,
    /// for the length of `body`.
    private func withRig(staging: Bool = true, _ decide: @escaping FaultProxy.Decide,
                         _ body: (LiveServer, FaultProxy, RemoteBackend) async throws -> Void) async throws {
        let server = try await LiveServer.start()
        let proxy = try await FaultProxy.start(upstream: server.url, decide: decide)
        do {
            if staging { _ = try await server.plane.createEnvironment(slug: "staging", EnvironmentFields(name: "Staging"), as: .cli) }
            try await body(server, proxy, try await backend(proxy, server))
        } catch {
            try? await proxy.stop()
            await server.stop()
            throw error
        }
        try await proxy.stop()
        await server.stop()
    }

    private func backend(_ proxy: FaultProxy, _ server: LiveServer) async throws -> RemoteBackend {
        try await RemoteBackend.connect(try RemoteEndpoint("http://127.0.0.1:\(proxy.port)"), key: try RemoteAPIKey(server.ownerKey),
                                        policy: Self.policy)
    }

    private func plan(_ backend: RemoteBackend, _ desired: DesiredState) async throws -> Planner.Result {
        try await Planner(backend: backend, secrets: SecretResolver(environment: [:])).plan(desired, prune: false, environments: nil)
    }

    private func apply(_ backend: RemoteBackend, _ made: Planner.Result) async -> ApplyReport {
        await Applier(writer: backend, live: made.live, secrets: SecretResolver(environment: [:]), keySecrets: NoKeySecretSink(),
                      options: Applier.Options(parallelism: 1)).apply(made.plan)
    }

    private static func isPolicyCreate(_ request: FaultProxy.Seen) -> Bool {
        request.method == "POST" && request.uri.hasPrefix("/api/v1/policies")
    }

    @Test func aServerErrorOnTheThirdOfFiveCreatesIsReportedAndReplanShowsTheRest() async throws {
        let creates = Counter()
        // The environment exists first, so the five creates are the whole plan.
        try await withRig({ request, _ in
            guard Self.isPolicyCreate(request), creates.next() == 3 else { return .forward }
            return .answer(status: 500, headers: [], body: #"{"error":{"code":"internal_error","message":"boom","request_id":"req_x"}}"#)
        }) { _, _, backend in
            let desired = try stagingWithPolicies(5)
            let made = try await plan(backend, desired)
            #expect(made.plan.changes.count == 5)
            let report = await apply(backend, made)
            let outcomes = report.entries.map(\.outcome)
            #expect(outcomes.prefix(2).allSatisfy { $0 == .applied })
            guard case .failed(let code, let message) = outcomes[2] else {
                Issue.record("the third create should have failed: \(outcomes)")
                return
            }
            #expect(code == "store-error")
            #expect(message.contains("HTTP 500"))
            #expect(outcomes.suffix(2).allSatisfy { $0 == .notStarted })
            let again = try await plan(backend, desired)
            #expect(again.plan.changes.map(\.address.description) == ["policy/staging/deny-3", "policy/staging/deny-4", "policy/staging/deny-5"])
        }
    }

    @Test func aLostResponseAfterTheServerCommittedCreatesExactlyOnce() async throws {
        let dropped = Counter()
        try await withRig({ request, _ in
            // Only the first create loses its answer; the retry goes through.
            Self.isPolicyCreate(request) && dropped.next() == 1 ? .forwardThenDrop : .forward
        }) { server, dropping, backend in
            let made = try await plan(backend, try stagingWithPolicies(1))
            let report = await apply(backend, made)
            #expect(report.isComplete, "\(report.entries.map(\.outcome))")
            let creates = dropping.requests.filter(Self.isPolicyCreate)
            #expect(creates.count == 2)
            let keys = Set(creates.compactMap { $0.headers["idempotency-key"] })
            #expect(keys.count == 1, "both attempts carry the same Idempotency-Key")
            let live = try await server.plane.policies(in: "staging", as: .cli)
            #expect(live.map(\.policy.name) == ["deny-1"])
        }
    }

    @Test func tooManyRequestsWaitsAsRetryAfterSays() async throws {
        let states = Counter()
        try await withRig(staging: false, { request, _ in
            guard request.uri.hasPrefix("/api/v1/state"), states.next() == 1 else { return .forward }
            return .answer(status: 429, headers: [("Retry-After", "1")],
                           body: #"{"error":{"code":"rate_limited","message":"slow down","request_id":"req_r"}}"#)
        }) { server, limited, backend in
            let start = ContinuousClock.now
            let state = try await backend.snapshot()
            let elapsed = ContinuousClock.now - start
            #expect(state.environments.map(\.slug) == ["production"])
            #expect(elapsed >= .seconds(1), "waited \(elapsed), Retry-After said 1 s")
            // Far below the deadline (60 s), so it waited as Retry-After said, not until giving up; the margin is for a
            // loaded 2-core machine, where the in-process server can answer seconds late.
            #expect(elapsed < .seconds(10), "waited \(elapsed)")
            #expect(limited.requests.filter { $0.uri.hasPrefix("/api/v1/state") }.count == 2)
            #expect(limited.requests.allSatisfy { $0.headers["authorization"] == "Bearer " + server.ownerKey })
        }
    }

    @Test func busyAndUnavailableAnswersAreRetriedWithBackoff() async throws {
        let creates = Counter()
        try await withRig({ request, _ in
            guard Self.isPolicyCreate(request) else { return .forward }
            switch creates.next() {
            case 1:
                return .answer(status: 409, headers: [],
                               body: #"{"error":{"code":"conflict","message":"still running","rule":"idempotency-key-in-use"}}"#)
            case 2: return .answer(status: 503, headers: [], body: #"{"error":{"code":"unavailable","message":"later"}}"#)
            default: return .forward
            }
        }) { server, _, backend in
            let report = await apply(backend, try await plan(backend, try stagingWithPolicies(1)))
            #expect(report.isComplete, "\(report.entries.map(\.outcome))")
            #expect(creates.next() == 4, "three attempts reached the proxy")
            #expect(try await server.plane.policies(in: "staging", as: .cli).count == 1)
        }
    }

    @Test func aServerWithoutTheStateRouteIsReadThroughItsPagedLists() async throws {
        try await withRig({ request, _ in
            request.uri.hasPrefix("/api/v1/state")
                ? .answer(status: 404, headers: [], body: #"{"error":{"code":"not_found","message":"no route matches this path"}}"#)
                : .forward
        }) { server, proxy, backend in
            let policies = try (1...1_100).map { index in
                PolicyDraft(environment: "staging", policy: Policy(name: "p-\(index)", type: .allow,
                                                                    actionPattern: try ActionPattern(parsing: "crm.read_\(index)")))
            }
            _ = try await server.plane.createPolicies(policies, as: .cli)
            let listed = try await backend.snapshot()
            let direct = try await server.plane.snapshot(as: .cli)
            #expect(listed.policies.map(\.address) == direct.policies.map(\.address))
            #expect(listed.policies.map(\.revision) == direct.policies.map(\.revision))
            #expect(listed.environments.map(\.address) == direct.environments.map(\.address))
            #expect(listed.apiKeys.map(\.address) == direct.apiKeys.map(\.address))
            #expect(listed.settings.revision == direct.settings.revision)
            // The digest stands in for the tenant revision: the same while nothing moves, another after a write.
            #expect(try await backend.snapshot().revision == listed.revision)
            _ = try await server.plane.createEnvironment(slug: "dev-one", EnvironmentFields(name: "Dev"), as: .cli)
            #expect(try await backend.snapshot().revision != listed.revision)
            let pages = proxy.requests.filter { $0.uri.hasPrefix("/api/v1/policies?") }
            #expect(pages.count == 9, "three reads of 1,100 policies, three pages of up to 500 each")
            #expect(pages.filter { $0.uri.contains("cursor=") }.count == 6)
        }
    }

    @Test func aRefusedConnectionIsRetriedUntilTheServerIsUp() async throws {
        let server = try await LiveServer.start()
        let port = try FreePort.unused()
        // Nothing listens on `port` for the first half second; then the server appears there.
        let late = Task {
            try await Task.sleep(for: .milliseconds(500))
            return try await FaultProxy.start(upstream: server.url, port: port) { _, _ in .forward }
        }
        let backend = try await RemoteBackend.connect(try RemoteEndpoint("http://127.0.0.1:\(port)"),
                                                      key: try RemoteAPIKey(server.ownerKey), policy: Self.policy)
        #expect(backend.principal.role == .owner)
        #expect(try await backend.snapshot().environments.map(\.slug) == ["production"])
        try await late.value.stop()
        await server.stop()
    }

    @Test func aClientErrorIsNeverRetried() async throws {
        try await withRig(staging: false, { _, _ in .forward }) { _, proxy, backend in
            let before = proxy.requests.count
            let error = await #expect(throws: ControlPlaneError.self) {
                try await backend.deleteEnvironment("production", expectedRevision: nil)
            }
            #expect(error?.code == .defaultEnvironment)
            #expect(proxy.requests.count == before + 1)
            let stale = await #expect(throws: ControlPlaneError.self) {
                try await backend.updateEnvironment("production", to: EnvironmentFields(name: "Prod"), expectedRevision: 999_999)
            }
            #expect(stale?.code == .revisionMismatch)
        }
    }

    @Test func theBackendLearnsItsPrincipalAndReadsWhatTheServerHolds() async throws {
        let server = try await LiveServer.start()
        let scoped = try await {
            _ = try await server.plane.createEnvironment(slug: "staging", EnvironmentFields(name: "Staging"), as: .cli)
            return try await server.plane.createApiKey("ci", in: "staging", role: .manager, as: .cli).secret
        }()
        let endpoint = try RemoteEndpoint(server.url)
        let owner = try await RemoteBackend.connect(endpoint, key: try RemoteAPIKey(server.ownerKey), policy: Self.policy)
        #expect(owner.principal.role == .owner)
        #expect(owner.principal.scope == .tenant)
        let manager = try await RemoteBackend.connect(endpoint, key: try RemoteAPIKey(scoped), policy: Self.policy)
        #expect(manager.principal.role == .manager)
        #expect(manager.principal.scope == .environment("staging"))
        let remote = try await owner.snapshot()
        let embedded = try await server.plane.snapshot(as: .cli)
        #expect(remote.revision == embedded.revision)
        // Times travel as whole seconds, so compare everything else.
        #expect(remote.environments.map(\.address) == embedded.environments.map(\.address))
        #expect(remote.environments.map(\.revision) == embedded.environments.map(\.revision))
        #expect(remote.apiKeys.map(\.address) == embedded.apiKeys.map(\.address))
        let wrong = await #expect(throws: ControlPlaneError.self) {
            _ = try await RemoteBackend.connect(endpoint, key: try RemoteAPIKey(FakeKey.secret), policy: Self.policy)
        }
        #expect(wrong?.code == .unauthorized)
        #expect(wrong?.message.contains(FakeKey.secret) == false)
        await server.stop()
    }
}

/// A thread-safe counter from 1.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// The next number: 1, 2, 3…
    func next() -> Int { lock.withLock { value += 1; return value } }
}

import ControlPlane
import Foundation
import Governance
import Planning
import Reconciler
import Testing

@Suite("Applier against the embedded control plane")
struct ApplierTests {
    let secrets = ["CRM_TOKEN": "token-one"]

    @Test("creates of every kind are applied, labelled managed-by, and a second plan is empty")
    func createsEveryKind() async throws {
        let store = try TestStore()
        defer { store.remove() }
        let sink = MemorySecrets()
        let report = try await store.apply(Desired.tiers(), environment: secrets, sink: sink)
        #expect(report.isComplete, "\(report.entries.map { "\($0.change.address): \($0.outcome)" })")
        #expect(report.counts.added == 9)
        #expect(report.counts.changed == 1)  // settings
        let live = try await store.backend.snapshot()
        #expect(live.environments.first { $0.slug == "staging" }?.labels == ["tier": "staging", "managed-by": "govctl"])
        #expect(live.policies.allSatisfy { ManagedLabels.isManaged($0.labels) })
        #expect(live.credentials.first?.grants == [AgentReference(environment: "staging", name: "pr-reviewer")])
        #expect(live.settings.settings.mfaRequired)
        #expect(try await store.plan(Desired.tiers(), environment: secrets).plan.isEmpty)
    }

    @Test("the key's secret goes to the sink only, and authenticates")
    func keySecretGoesToSink() async throws {
        let store = try TestStore()
        defer { store.remove() }
        let sink = MemorySecrets()
        _ = try await store.apply(Desired.tiers(), environment: secrets, sink: sink)
        let stored = await sink.secrets
        #expect(Array(stored.keys) == ["apikey/staging/ci"])
        let secret = try #require(stored["apikey/staging/ci"])
        #expect(secret.hasPrefix("mk_"))
        let principal = try await store.plane.authenticate(secret)
        #expect(principal.role == .manager)
    }

    @Test("updates and deletes of every kind converge, keeping managed-by")
    func updatesAndDeletes() async throws {
        let store = try TestStore()
        defer { store.remove() }
        _ = try await store.apply(Desired.tiers(), environment: secrets)
        var desired = Desired.tiers(stagingPriority: 950)
        desired.environments[0].name = "Staging (EU)"
        desired.environments[0].policies.removeLast()  // alert-export is deleted: staging is authoritative
        desired.environments[1].policies.append(Desired.policy("deny-prod-db", pattern: "prod.db.*"))
        desired.agents[1].status = .suspended
        desired.apiKeys[0].role = .viewer
        desired.credentials[0].grants = []
        desired.settings?.mfaRequired = false
        let changed = ["CRM_TOKEN": "token-two"]
        let report = try await store.apply(desired, environment: changed)
        #expect(report.isComplete, "\(report.entries.map { "\($0.change.address): \($0.outcome)" })")
        #expect(report.outcome("policy/staging/alert-export") == .applied)
        let live = try await store.backend.snapshot()
        #expect(live.environments.first { $0.slug == "staging" }.map { ManagedLabels.isManaged($0.labels) } == true)
        #expect(live.apiKeys.first?.role == .viewer)
        #expect(live.credentials.first?.grants == [])
        #expect(live.credentials.first?.fingerprint == store.plane.credentialFingerprint(of: "token-two"))
        #expect(try await store.plan(desired, environment: changed).plan.isEmpty)
    }

    @Test("pruning deletes what govctl created, in wave order: agents after credentials, environments last")
    func pruneDeletesInWaves() async throws {
        let store = try TestStore()
        defer { store.remove() }
        _ = try await store.apply(Desired.tiers(), environment: secrets)
        var desired = Desired.tiers()
        desired.environments.removeLast()
        desired.agents.removeLast()
        // development's agent is active: it must be suspended in an earlier apply before the environment goes.
        var suspend = Desired.tiers()
        suspend.agents[1].status = .suspended
        #expect(try await store.apply(suspend, environment: secrets).isComplete)
        let recorder = RecordingWriter(store.backend)
        let report = try await store.apply(desired, environment: secrets, prune: true, writer: recorder)
        #expect(report.isComplete, "\(report.entries.map { "\($0.change.address): \($0.outcome)" })")
        #expect(recorder.recorded.calls == ["delete environment/development"])
        #expect(try await store.backend.snapshot().environments.map(\.slug) == ["production", "staging"])
    }

    @Test("waves run in order: environments, agents, other creates, then deletes")
    func waveOrder() async throws {
        let store = try TestStore()
        defer { store.remove() }
        let recorder = RecordingWriter(store.backend)
        let report = try await store.apply(Desired.tiers(), environment: secrets, writer: recorder)
        #expect(report.isComplete)
        let calls = recorder.recorded.calls
        func position(_ prefix: String) -> [Int] { calls.indices.filter { calls[$0].hasPrefix(prefix) } }
        let environments = position("create environment/"), agents = position("create agent/")
        let policies = position("create policies"), credentials = position("create credential/")
        #expect(environments.count == 2 && agents.count == 2 && policies.count == 2 && credentials.count == 1)
        #expect(environments.max()! < agents.min()!)
        #expect(agents.max()! < policies.min()!)
        #expect(agents.max()! < credentials.min()!)
    }

    @Test("a failing change stops later waves; every change is reported")
    func failureStopsLaterWaves() async throws {
        let store = try TestStore()
        defer { store.remove() }
        let report = try await store.apply(Desired.tiers(), environment: secrets,
                                           options: Applier.Options(injectedFaults: ["agent/staging/pr-reviewer"]))
        #expect(!report.isComplete)
        #expect(report.failureCode("agent/staging/pr-reviewer") == "injected-fault")
        #expect(report.outcome("environment/staging") == .applied)
        #expect(report.outcome("policy/staging/deny-drop") == .notStarted)
        #expect(report.outcome("apikey/staging/ci") == .notStarted)
        let c = report.counts
        #expect(c.failed == 1 && c.applied >= 2 && c.notStarted >= 5)
        // A second plan shows exactly what was not applied.
        let rest = try await store.plan(Desired.tiers(), environment: secrets).plan
        let applied = Set(report.entries.filter { $0.outcome == .applied }.map(\.change.address))
        #expect(Set(rest.changes.map(\.address)) == Set(report.entries.map(\.change.address)).subtracting(applied))
    }

    @Test("a write is conditional on the revision the plan read")
    func revisionMismatch() async throws {
        let store = try TestStore()
        defer { store.remove() }
        _ = try await store.apply(Desired.tiers(), environment: secrets)
        let made = try await store.plan(Desired.tiers(stagingPriority: 10), environment: secrets)
        // Someone changes the policy after the plan read it.
        _ = try await store.plane.updatePolicy("deny-drop", in: "staging", to: Desired.policy("deny-drop", priority: 5), as: .cli)
        let report = await store.applier(made.live, environment: secrets).apply(made.plan)
        #expect(report.failureCode("policy/staging/deny-drop") == "revision-mismatch")
        #expect(try await store.plane.policies(in: "staging", as: .cli).first { $0.policy.name == "deny-drop" }?.policy.priority == 5)
    }

    @Test("policy creates of one environment go in batches; a failed batch names its culprit")
    func batchFailureNamesCulprit() async throws {
        let store = try TestStore()
        defer { store.remove() }
        _ = try await store.apply(Desired.tiers(), environment: secrets)
        var desired = Desired.tiers()
        desired.environments[1].policies += (1...5).map { Desired.policy("p\($0)") }
        let made = try await store.plan(desired, environment: secrets)
        _ = try await store.plane.createPolicy(Desired.policy("p3"), in: "development", as: .cli)
        let report = await store.applier(made.live, environment: secrets).apply(made.plan)
        #expect(report.failureCode("policy/development/p3") == "name-taken")
        #expect(report.failureCode("policy/development/p1") == "batch-rolled-back")
        #expect(try await store.plane.policies(in: "development", as: .cli).count == 2)
    }

    @Test("a write that fails transiently is sent again; a refusal is not")
    func retriesTransientFailures() async throws {
        let store = try TestStore()
        defer { store.remove() }
        let desired = DesiredState(environments: [EnvironmentSpec(slug: "staging", name: "Staging")])
        let flaky = RecordingWriter(store.backend, transientFailures: 2)
        let retried = try await store.apply(desired, writer: flaky, options: Applier.Options(retry: RetryPolicy(retries: 2, delay: .milliseconds(1))))
        #expect(retried.isComplete)
        #expect(flaky.recorded.calls == Array(repeating: "create environment/staging", count: 3))
        let exhausted = RecordingWriter(store.backend, transientFailures: 5)
        var more = desired
        more.environments.append(EnvironmentSpec(slug: "development", name: "Development"))
        let failed = try await store.apply(more, writer: exhausted, options: Applier.Options(retry: RetryPolicy(retries: 1, delay: .milliseconds(1))))
        #expect(failed.failureCode("environment/development") == "store-error")
        #expect(exhausted.recorded.calls.count == 2)
    }

    @Test("no more than `parallelism` changes run at once")
    func parallelismBound() async throws {
        let store = try TestStore()
        defer { store.remove() }
        var desired = DesiredState(environments: [EnvironmentSpec(slug: "staging", name: "Staging")])
        desired.agents = (1...12).map { AgentSpec(environment: "staging", name: "agent-\($0)") }
        let recorder = RecordingWriter(store.backend, delayMilliseconds: 20)
        let report = try await store.apply(desired, writer: recorder, options: Applier.Options(parallelism: 3))
        #expect(report.isComplete)
        #expect(recorder.recorded.maxRunning == 3)
    }

    @Test("a stop requested from outside (Ctrl-C) starts nothing more and says so")
    func interruptStops() async throws {
        let store = try TestStore()
        defer { store.remove() }
        let made = try await store.plan(Desired.tiers(), environment: secrets)
        let stop = StopSignal()
        stop.request(.interrupted)
        let report = await store.applier(made.live, environment: secrets).apply(made.plan, stop: stop)
        #expect(report.interrupted)
        #expect(report.counts.notStarted == made.plan.changes.count)
    }

    @Test("a credential whose value cannot be read fails without naming a value")
    func unreadableCredential() async throws {
        let store = try TestStore()
        defer { store.remove() }
        let made = try await store.plan(Desired.tiers(), environment: secrets)
        let report = await store.applier(made.live, environment: [:]).apply(made.plan)
        #expect(report.failureCode("credential/staging/crm-token") == "secret-unavailable")
    }
}

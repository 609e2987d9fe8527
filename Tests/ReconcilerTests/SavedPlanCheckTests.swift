import ControlPlane
import Governance
import Planning
import Reconciler
import Testing

@Suite("A saved plan against a fresh snapshot")
struct SavedPlanCheckTests {
    let secrets = ["CRM_TOKEN": "token-one"]

    func save(_ made: Planner.Result) -> SavedPlan {
        SavedPlan(plan: made.plan, live: made.live, options: DiffOptions(), desiredDigest: "d", govctlVersion: "test")
    }

    @Test("unchanged live state: the plan may be applied")
    func fresh() async throws {
        let store = try TestStore()
        defer { store.remove() }
        let made = try await store.plan(Desired.tiers(), environment: secrets)
        let live = try await store.backend.snapshot()
        #expect(SavedPlanCheck.refusal(save(made), made.plan, against: live) == nil)
    }

    @Test("a resource the plan read changed: stale, naming it")
    func stale() async throws {
        let store = try TestStore()
        defer { store.remove() }
        _ = try await store.apply(Desired.tiers(), environment: secrets)
        let made = try await store.plan(Desired.tiers(stagingPriority: 1), environment: secrets)
        _ = try await store.plane.updatePolicy("allow-all", in: "development", to: Desired.policy("allow-all", .allow, pattern: "x.*"), as: .cli)
        let refusal = SavedPlanCheck.refusal(save(made), made.plan, against: try await store.backend.snapshot())
        #expect(refusal?.code == "stale-plan")
        #expect(refusal?.message.contains("policy/development/allow-all changed") == true)
    }

    @Test("applied once: the second time is refused as already applied")
    func appliedTwice() async throws {
        let store = try TestStore()
        defer { store.remove() }
        _ = try await store.apply(Desired.tiers(), environment: secrets)
        let made = try await store.plan(Desired.tiers(stagingPriority: 1), environment: secrets)
        #expect(await store.applier(made.live, environment: secrets).apply(made.plan).isComplete)
        let refusal = SavedPlanCheck.refusal(save(made), made.plan, against: try await store.backend.snapshot())
        #expect(refusal?.code == "plan-already-applied")
    }

    @Test("changed since by someone else, to something else: stale, not already applied")
    func changedOtherwise() async throws {
        let store = try TestStore()
        defer { store.remove() }
        _ = try await store.apply(Desired.tiers(), environment: secrets)
        let made = try await store.plan(Desired.tiers(stagingPriority: 1), environment: secrets)
        _ = try await store.plane.updatePolicy("deny-drop", in: "staging", to: Desired.policy("deny-drop", priority: 5), as: .cli)
        #expect(SavedPlanCheck.refusal(save(made), made.plan, against: try await store.backend.snapshot())?.code == "stale-plan")
        _ = try await store.plane.updatePolicy("deny-drop", in: "staging", to: Desired.policy("deny-drop", priority: 1), as: .cli)
        #expect(SavedPlanCheck.refusal(save(made), made.plan, against: try await store.backend.snapshot())?.code == "plan-already-applied")
    }

    @Test("made against an empty state that is no longer empty: refused, and says so")
    func emptyNoLonger() async throws {
        let store = try TestStore()
        defer { store.remove() }
        let made = try await store.plan(DesiredState(environments: [EnvironmentSpec(slug: "staging", name: "Staging")]))
        _ = try await store.plane.createEnvironment(slug: "sandbox", EnvironmentFields(name: "Sandbox"), as: .cli)
        let refusal = SavedPlanCheck.refusal(save(made), made.plan, against: try await store.backend.snapshot())
        #expect(refusal?.code == "stale-plan")
        #expect(refusal?.message.contains("made against an empty state, which is no longer empty") == true)
    }

    @Test("an agent moved to another environment keeps its name and labels")
    func agentMove() async throws {
        let store = try TestStore()
        defer { store.remove() }
        _ = try await store.apply(Desired.tiers(), environment: secrets)
        var desired = Desired.tiers()
        desired.agents[1] = AgentSpec(environment: "staging", name: "bot")
        _ = try await store.apply(desired, environment: secrets)
        desired.agents[1] = AgentSpec(environment: "development", name: "bot")
        let made = try await store.plan(desired, environment: secrets)
        #expect(made.plan.changes.map(\.address.description) == ["agent/development/bot"])
        #expect(await store.applier(made.live, environment: secrets).apply(made.plan).isComplete)
        let bot = try await store.plane.agents(as: .cli).first { $0.name == "bot" }
        #expect(bot?.environment == "development")
        #expect(bot.map { ManagedLabels.isManaged($0.labels) } == true)
    }
}

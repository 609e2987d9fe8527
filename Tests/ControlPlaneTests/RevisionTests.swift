import Foundation
import Governance
import Testing
@testable import ControlPlane

@Suite struct RevisionTests {
    @Test func aStaleUpdateIsARevisionMismatchNotAnOverwrite() async throws {
        let f = try Fixture()
        let read = try await f.plane.createPolicy(glob("deny-db"), in: "production", as: .cli)
        var changed = read.policy
        changed.priority = 5
        let first = try await f.plane.updatePolicy("deny-db", in: "production", to: changed, expectedRevision: read.revision, as: .cli)
        #expect(first.revision > read.revision)
        changed.priority = 6
        await expectCode(.revisionMismatch) {
            try await f.plane.updatePolicy("deny-db", in: "production", to: changed, expectedRevision: read.revision, as: .cli)
        }
        await expectCode(.revisionMismatch) { try await f.plane.deletePolicy("deny-db", in: "production", expectedRevision: read.revision, as: .cli) }
        #expect(try await f.plane.policies(as: .cli).first?.policy.priority == 5)
        let env = try await f.plane.environment("production", as: .cli)
        await expectCode(.revisionMismatch) {
            try await f.plane.updateEnvironment("production", to: EnvironmentFields(name: "P", isProduction: true),
                                                expectedRevision: env.revision - 1, as: .cli)
        }
    }

    @Test func theTenantRevisionMovesOnEveryWriteAndNotOnReadsOrRefusals() async throws {
        let f = try Fixture()
        let r0 = try await f.plane.revision()
        try await f.plane.env("staging")
        let r1 = try await f.plane.revision()
        #expect(r1 > r0)
        _ = try await f.plane.createAgent("bot", in: "staging", as: .cli)
        let r2 = try await f.plane.revision()
        #expect(r2 > r1)
        _ = try await f.plane.snapshot(as: .cli)
        await expectCode(.slugTaken) { try await f.plane.env("staging") }
        #expect(try await f.plane.revision() == r2)
        let state = try await f.plane.snapshot(as: .cli)
        #expect(state.revision == r2)
        #expect(state.agents.first?.revision == r2)
    }

    @Test func concurrentUpdatesFromTheSameReadLetExactlyOneWin() async throws {
        let f = try Fixture()
        let read = try await f.plane.createPolicy(glob("p"), in: "production", as: .cli)
        let results = await withTaskGroup(of: Bool.self) { group in
            for priority in 1...8 {
                group.addTask {
                    var p = read.policy
                    p.priority = priority
                    return (try? await f.plane.updatePolicy("p", in: "production", to: p, expectedRevision: read.revision, as: .cli)) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 1)
    }
}

@Suite struct AuditTests {
    @Test func everyMutationIsAuditedWithPrincipalAddressAndBeforeAfter() async throws {
        let f = try Fixture()
        let key = Principal(role: .manager, scope: .tenant, name: "mk_ab12c")
        try await f.plane.env("staging")
        let created = try await f.plane.createPolicy(glob("deny-x"), in: "staging", as: key)
        var changed = created.policy
        changed.priority = 1
        _ = try await f.plane.updatePolicy("deny-x", in: "staging", to: changed, as: key)
        try await f.plane.deletePolicy("deny-x", in: "staging", as: key)
        let events = try await f.plane.auditEvents(in: "staging", as: .cli).filter { $0.resource == "policy/staging/deny-x" }
        #expect(events.map(\.action) == ["policy.create", "policy.update", "policy.delete"])
        #expect(events.allSatisfy { $0.principal == "mk_ab12c" && $0.environment == "staging" })
        #expect(events[0].before == nil)
        guard case .object(let after)? = events[1].after, case .object(let before)? = events[1].before else {
            Issue.record("no before/after")
            return
        }
        #expect(before["priority"] == .int(100))
        #expect(after["priority"] == .int(1))
        #expect(events[2].after == nil)
    }

    @Test func sinceFiltersByTime() async throws {
        let f = try Fixture()
        try await f.plane.env("staging")
        f.clock.advance(days: 2)
        let cutoff = f.clock.now
        _ = try await f.plane.createAgent("bot", in: "staging", as: .cli)
        let recent = try await f.plane.auditEvents(since: cutoff, as: .cli)
        #expect(recent.map(\.action) == ["agent.create"])
    }

    @Test func purgeKeepsProductionAYearAndOthers90Days() async throws {
        let f = try Fixture()
        try await f.plane.env("staging")
        _ = try await f.plane.createPolicy(glob("p"), in: "staging", as: .cli)
        _ = try await f.plane.createPolicy(glob("p"), in: "production", as: .cli)
        f.clock.advance(days: 89)
        #expect(try await f.plane.purgeExpiredAuditEvents() == 0)
        f.clock.advance(days: 2)
        try await f.plane.purgeExpiredAuditEvents()
        #expect(try await f.plane.auditEvents(in: "staging", as: .cli).isEmpty)
        #expect(try await f.plane.auditEvents(in: "production", as: .cli).count == 2)
        f.clock.advance(days: 270)
        try await f.plane.purgeExpiredAuditEvents()
        #expect(try await f.plane.auditEvents(in: "production", as: .cli).count == 2)
        f.clock.advance(days: 10)
        try await f.plane.purgeExpiredAuditEvents()
        #expect(try await f.plane.auditEvents(in: "production", as: .cli).isEmpty)
    }

    @Test func aDeletedEnvironmentsEventsAreKept90DaysAfterTheDeletion() async throws {
        let f = try Fixture()
        try await f.plane.env("staging")
        _ = try await f.plane.createPolicy(glob("p"), in: "staging", as: .cli)
        f.clock.advance(days: 60)
        try await f.plane.deleteEnvironment("staging", as: .cli)
        let kept = try await f.plane.auditEvents(in: "staging", as: .cli)
        #expect(kept.map(\.action) == ["environment.create", "policy.create", "environment.delete"])
        // 120 days after creation but only 60 after deletion: still kept.
        f.clock.advance(days: 60)
        try await f.plane.purgeExpiredAuditEvents()
        #expect(try await f.plane.auditEvents(in: "staging", as: .cli).count == 3)
        f.clock.advance(days: 31)
        try await f.plane.purgeExpiredAuditEvents()
        #expect(try await f.plane.auditEvents(in: "staging", as: .cli).isEmpty)
    }

    @Test func openingAStoreAppliesRetention() async throws {
        let f = try Fixture()
        try await f.plane.env("staging")
        _ = try await f.plane.createPolicy(glob("p"), in: "staging", as: .cli)
        f.clock.advance(days: 91)
        let clock = f.clock
        let reopened = try ControlPlane(.init(path: f.path, masterKey: f.masterKey, clock: { clock.now }))
        #expect(try await reopened.auditEvents(in: "staging", as: .cli).isEmpty, "no one called purge: opening did")
        #expect(try await reopened.auditEvents(in: "production", as: .cli).isEmpty == false, "production keeps a year")
    }

    @Test func aScopedKeySeesOnlyItsOwnEnvironmentNotADeletedNamesake() async throws {
        let f = try Fixture()
        try await f.plane.env("staging")
        _ = try await f.plane.createPolicy(glob("old"), in: "staging", as: .cli)
        try await f.plane.deleteEnvironment("staging", as: .cli)
        try await f.plane.env("staging")
        _ = try await f.plane.createPolicy(glob("new"), in: "staging", as: .cli)
        let scoped = try await f.plane.auditEvents(as: .key(.manager, "staging"))
        #expect(scoped.map(\.action) == ["environment.create", "policy.create"])
        #expect(scoped.allSatisfy { !$0.resource.hasSuffix("/old") })
        // The Owner asking for the slug still sees its whole kept history.
        #expect(try await f.plane.auditEvents(in: "staging", as: .cli).count == 5)
    }

    @Test func removingTheProductionFlagDoesNotShortenTheYearOfEventsWrittenUnderIt() async throws {
        let f = try Fixture()
        _ = try await f.plane.createPolicy(glob("p"), in: "production", as: .cli)
        try await f.plane.env("staging")
        let fields = EnvironmentFields(name: "Production", isProduction: false, enforcementMode: .enforce)
        _ = try await f.plane.updateEnvironment("production", to: fields, as: .cli)
        f.clock.advance(days: 120)
        try await f.plane.purgeExpiredAuditEvents()
        let kept = try await f.plane.auditEvents(in: "production", as: .cli).map(\.action)
        #expect(kept.contains("policy.create"), "written while production: kept a year")
        #expect(kept.contains("environment.production-flag.remove"), "the flag's removal is kept a year")
        #expect(!kept.contains("environment.update"), "written after the flag was gone: 90 days")
    }
}


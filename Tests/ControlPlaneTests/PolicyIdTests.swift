import Foundation
import Governance
import Testing
@testable import ControlPlane

/// A created policy's id names that policy, as every later read shows it.
@Suite("policy ids")
struct PolicyIdTests {
    @Test("createPolicy and createPolicies return the ids the store reads back")
    func idsMatchReads() async throws {
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let one = try await fixture.plane.createPolicy(
            Policy(name: "deny-drop", type: .deny, actionPattern: .glob("db.drop*")), in: "production", as: .cli)
        let batch = try await fixture.plane.createPolicies(
            [PolicyDraft(environment: "production", policy: Policy(name: "hold-export", type: .hold, actionPattern: .glob("*_export_*")))],
            as: .cli)
        let read = try await fixture.plane.policies(in: "production", as: .cli)
        let ids = Dictionary(uniqueKeysWithValues: read.map { ($0.policy.name, $0.id) })
        #expect(one.id == ids["deny-drop"])
        #expect(batch.first?.id == ids["hold-export"])
    }
}

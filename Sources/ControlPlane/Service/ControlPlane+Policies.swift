import Foundation
import GRDB
import Governance

/// A policy to create, with the environment it goes to (nil: the principal's own environment).
public struct PolicyDraft: Hashable, Sendable {
    public var environment: String?
    public var policy: Policy
    public var labels: [String: String]

    /// Creates a draft.
    public init(environment: String?, policy: Policy, labels: [String: String] = [:]) {
        self.environment = environment
        self.policy = policy
        self.labels = labels
    }
}

extension ControlPlane {
    /// Policies the principal can see, in one environment or all, sorted by environment then name.
    public func policies(in environment: String? = nil, as principal: Principal) async throws -> [LivePolicy] {
        let slug = environment ?? principal.environment
        if let slug { try Access.read(principal, slug, Address.environment(slug).description) }
        return try await read { db in
            guard let slug else { return try PolicyRows.fetch(db) }
            _ = try EnvironmentRecord.named(slug, db)
            return try PolicyRows.fetch(db, where: "e.slug = ?", arguments: [slug])
        }
    }

    /// Creates one policy.
    public func createPolicy(_ policy: Policy, in environment: String?, labels: [String: String] = [:],
                             as principal: Principal) async throws -> LivePolicy {
        let created = try await createPolicies([PolicyDraft(environment: environment, policy: policy, labels: labels)], as: principal)
        guard let first = created.first else { throw ControlPlaneError(.storeError, resource: "", "policy creation returned nothing") }
        return first
    }

    /// Creates many policies in one transaction (all or none), each audited; the path `apply` takes.
    public func createPolicies(_ drafts: [PolicyDraft], as principal: Principal) async throws -> [LivePolicy] {
        let changes = try drafts.map { draft in
            PolicyChange.create(PolicyDraft(environment: try Self.policyTarget(draft.environment, draft.policy.name, principal),
                                             policy: draft.policy, labels: draft.labels))
        }
        return try await applyPolicyChanges(changes, as: principal).compactMap { $0 }
    }

    /// Replaces policy `name` in `environment` with `policy` (which may rename it) and `labels`.
    public func updatePolicy(_ name: String, in environment: String, to policy: Policy, labels: [String: String] = [:],
                             expectedRevision: Int64? = nil, as principal: Principal) async throws -> LivePolicy {
        let results = try await applyPolicyChanges(
            [.update(environment: environment, name: name, policy: policy, labels: labels, expectedRevision: expectedRevision)], as: principal)
        guard let updated = results.first ?? nil else { throw ControlPlaneError(.storeError, resource: "", "policy update returned nothing") }
        return updated
    }

    /// Deletes policy `name` in `environment`.
    public func deletePolicy(_ name: String, in environment: String, expectedRevision: Int64? = nil, as principal: Principal) async throws {
        _ = try await applyPolicyChanges([.delete(environment: environment, name: name, expectedRevision: expectedRevision)], as: principal)
    }

    /// Where a new policy goes: the named environment, or a scoped principal's own.
    static func policyTarget(_ environment: String?, _ name: String, _ principal: Principal) throws -> String {
        try Access.target(environment, principal, tenantWideAllowed: false, what: "policy") ?? ""
    }

    /// A policy's name follows `NameRule` and its pattern parses, however the caller built it.
    static func validate(_ policy: Policy, _ address: String) throws {
        if let violation = NameRule.check(policy.name, what: "policy") { throw ControlPlaneError(violation, resource: address) }
        if let violation = ConstraintsRule.check(policy.constraints) { throw ControlPlaneError(violation, resource: address) }
        do {
            _ = try ActionPattern(parsing: policy.actionPattern.description)
        } catch {
            throw ControlPlaneError(error, resource: address)
        }
    }
}

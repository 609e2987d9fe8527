import Foundation
import GRDB
import Governance

/// One change to a policy, for `applyPolicyChanges`.
public enum PolicyChange: Hashable, Sendable {
    /// Creates a policy (in the draft's environment, or the principal's own).
    case create(PolicyDraft)
    /// Replaces policy `name` (the new policy may rename it); conditional on `expectedRevision` when given.
    case update(environment: String, name: String, policy: Policy, labels: [String: String], expectedRevision: Int64?)
    /// Deletes policy `name`; conditional on `expectedRevision` when given.
    case delete(environment: String, name: String, expectedRevision: Int64?)
}

extension ControlPlane {
    /// Applies policy changes in order, in one transaction (all or none), each audited.
    ///
    /// Returns one entry per change: the policy after a create or update, nil after a delete.
    /// This is the reconciler's path for an environment's whole policy set; the single-item calls use it too.
    public func applyPolicyChanges(_ changes: [PolicyChange], as principal: Principal) async throws -> [LivePolicy?] {
        var resolved: [PolicyChange] = []
        resolved.reserveCapacity(changes.count)
        // Access and validation need no store, so a refused batch never takes the write lock.
        for change in changes {
            switch change {
            case .create(let draft):
                let slug = try Self.policyTarget(draft.environment, draft.policy.name, principal)
                let address = Address.policy(slug, draft.policy.name).description
                try Access.change(principal, slug, address)
                try Self.validate(draft.policy, address)
                resolved.append(.create(PolicyDraft(environment: slug, policy: draft.policy, labels: draft.labels)))
            case .update(let slug, let name, let policy, _, _):
                let address = Address.policy(slug, name).description
                try Access.change(principal, slug, address)
                try Self.validate(policy, address)
                resolved.append(change)
            case .delete(let slug, let name, _):
                try Access.change(principal, slug, Address.policy(slug, name).description)
                resolved.append(change)
            }
        }
        let batch = resolved
        return try await write(principal) { change in
            var environments = EnvironmentCache()
            var results: [LivePolicy?] = []
            results.reserveCapacity(batch.count)
            for item in batch {
                switch item {
                case .create(let draft):
                    let env = try environments.named(draft.environment ?? "", change.db)
                    results.append(try PolicyWrites.create(draft.policy, labels: draft.labels, in: env, change))
                case .update(let slug, let name, let policy, let labels, let expected):
                    let env = try environments.named(slug, change.db)
                    results.append(try PolicyWrites.update(name, in: env, to: policy, labels: labels, expectedRevision: expected, change))
                case .delete(let slug, let name, let expected):
                    let env = try environments.named(slug, change.db)
                    try PolicyWrites.delete(name, in: env, expectedRevision: expected, change)
                    results.append(nil)
                }
            }
            return results
        }
    }
}

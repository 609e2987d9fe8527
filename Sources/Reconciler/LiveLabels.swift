import Governance
import Planning

/// The labels of every live resource, by address, so an update keeps what the plan does not compare
/// (the `managed-by` label; a policy's labels, which manifests do not declare).
struct LiveLabels: Sendable {
    private let byAddress: [Address: [String: String]]

    /// Indexes `live`.
    init(_ live: LiveState) {
        var out: [Address: [String: String]] = [:]
        for e in live.environments { out[Address.environment(e.slug)] = e.labels }
        for p in live.policies { out[Address.policy(p.environment, p.policy.name)] = p.labels }
        for a in live.agents { out[Address.agent(a.environment, a.name)] = a.labels }
        for k in live.apiKeys where k.revokedAt == nil { out[Address.apiKey(k.environment, k.name)] = k.labels }
        for c in live.credentials { out[Address.credential(c.environment, c.name)] = c.labels }
        byAddress = out
    }

    /// The live labels at `address`; empty when it does not exist.
    func labels(at address: Address) -> [String: String] { byAddress[address] ?? [:] }

    /// What a create writes: the declared labels plus `managed-by: govctl`, the mark pruning looks for.
    static func created(_ declared: [String: String]) -> [String: String] {
        var labels = declared
        labels[ManagedLabels.managedByKey] = ManagedLabels.managedByValue
        return labels
    }

    /// What an update of `address` writes: the declared labels, keeping govctl's own live labels.
    func updated(_ declared: [String: String], at address: Address) -> [String: String] {
        var out = declared
        for key in ManagedLabels.ownKeys { out[key] = labels(at: address)[key] }
        return out
    }
}

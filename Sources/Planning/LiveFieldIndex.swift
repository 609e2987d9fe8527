import Governance

/// The fields of every live resource as a plan names them, by address: what a change's `after` is compared with to
/// tell whether the live state already holds it (a saved plan applied twice).
public struct LiveFieldIndex: Sendable {
    private let byAddress: [Address: Fields.Map]

    /// Indexes `live` (revoked keys left out: a plan never reads them).
    public init(_ live: LiveState) {
        var out: [Address: Fields.Map] = [:]
        for e in live.environments { out[.environment(e.slug)] = Fields.environment(e) }
        for p in live.policies { out[.policy(p.environment, p.policy.name)] = Fields.policy(p.policy) }
        for a in live.agents {
            var fields = Fields.agent(a)
            fields["environment"] = .value(.string(a.environment))
            out[.agent(a.environment, a.name)] = fields
        }
        for k in live.apiKeys where k.revokedAt == nil {
            var fields = Fields.apiKey(k)
            fields["prefix"] = nil
            out[.apiKey(k.environment, k.name)] = fields
        }
        for c in live.credentials { out[.credential(c.environment, c.name)] = Fields.credential(c) }
        out[.settings] = Fields.settings(live.settings.settings)
        byAddress = out
    }

    /// The live fields at `address`, or nil when nothing lives there.
    public func fields(at address: Address) -> [String: PlanValue]? { byAddress[address] }

    /// Whether the live state holds what `change` makes: a deleted resource is gone; a created or updated one has
    /// every comparable field of `after`. Secret values cannot be compared and are taken as held.
    public func reflects(_ change: Change) -> Bool {
        let current = byAddress[change.address]
        guard change.action != .delete else { return current == nil }
        guard let current, let after = change.after else { return false }
        return after.allSatisfy { field, wanted in
            switch wanted {
            case .sensitive, .sensitiveChanged: true
            case .value: current[field].map { $0 == wanted } ?? true
            }
        }
    }
}

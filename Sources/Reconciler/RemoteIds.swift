import Foundation
import Governance

/// The API ids of the resources the remote backend has seen, by plan address (`policy/staging/deny-x`).
final class RemoteIds: @unchecked Sendable {
    // Guarded by `lock`: the applier writes from several tasks at once.
    private let lock = NSLock()
    private var byAddress: [Address: String] = [:]

    /// Remembers every id of `state`; revoked keys yield to an active key of the same name.
    func remember(_ state: LiveState) {
        lock.withLock {
            byAddress = [:]
            for a in state.agents { byAddress[.agent(a.environment, a.name)] = a.id }
            for p in state.policies { byAddress[.policy(p.environment, p.policy.name)] = p.id }
            for k in state.apiKeys.sorted(by: { ($0.revokedAt == nil ? 1 : 0) < ($1.revokedAt == nil ? 1 : 0) }) {
                byAddress[.apiKey(k.environment, k.name)] = k.id
            }
            for c in state.credentials { byAddress[.credential(c.environment, c.name)] = c.id }
        }
    }

    /// Records one id.
    func set(_ address: Address, _ id: String?) {
        lock.withLock { byAddress[address] = id }
    }

    /// The id of `address`, when seen.
    func id(_ address: Address) -> String? {
        lock.withLock { byAddress[address] }
    }
}

/// Which plan an apply is carrying out, so each create's `Idempotency-Key` is derived from the plan and the change:
/// a retry of the same create (after a lost response) sends the same key, and the server replays instead of
/// creating twice. The applier sets it for the duration of an apply; other writes get a fresh key per call.
public enum RemoteIdempotency {
    /// A digest of the plan being applied, or nil outside an apply.
    @TaskLocal public static var plan: String?

    /// The key of a create at `address` (`action` names the write) within the current plan.
    static func key(action: String, address: Address) -> String {
        guard let plan else { return "govctl-" + UUID().uuidString.lowercased() }
        return "govctl-" + RemoteDigest.hex(plan + "\n" + action + "\n" + address.description)
    }
}

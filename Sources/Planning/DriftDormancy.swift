import Governance
import struct Foundation.Date

/// The vendor's advice to delete environments no longer used, as a rule: no agents and no audit events for
/// `dormantAfterDays` days (30 by default).
enum DormancyRule {
    /// One `dormant` item per live environment in scope that nobody uses.
    static func items(_ live: LiveState, options: DriftOptions) -> [DriftItem] {
        let withAgents = Set(live.agents.map(\.environment))
        let cutoff = options.now.addingTimeInterval(-Double(options.dormantAfterDays) * 86_400)
        return live.environments.compactMap { env in
            // The default environment cannot be deleted, so advising it would be noise every night.
            guard options.environments?.contains(env.slug) ?? true, !withAgents.contains(env.slug), !env.isDefault else { return nil }
            if let last = options.lastActivity[env.slug], last >= cutoff { return nil }
            return DriftItem(driftClass: .dormant, address: .environment(env.slug),
                             message: "no agents and no audit events in the last \(options.dormantAfterDays) days; delete it if it is no longer used")
        }
    }
}

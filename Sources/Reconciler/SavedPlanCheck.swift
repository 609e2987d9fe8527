import Governance
import Planning

/// Decides whether a saved plan may still be applied to a fresh snapshot: refused as a whole when any resource it
/// read changed since, when every change it holds is already live, or when it was made against an empty state that is no longer empty.
public enum SavedPlanCheck {
    /// Why `saved` may not be applied to `live`, or nil when it may.
    public static func refusal(_ saved: SavedPlan, _ plan: Plan, against live: LiveState) -> ApplyError? {
        if live.revision == saved.tenantRevision { return nil }
        var reasons = saved.staleness(against: live)
        if madeAgainstEmptyState(saved) && !isEmpty(live) {
            reasons.insert("the plan was made against an empty state, which is no longer empty", at: 0)
        }
        if reasons.isEmpty { return nil }
        if !plan.isEmpty && wasApplied(plan, live) {
            return ApplyError(.planAlreadyApplied,
                              "the live state moved since this plan was made, and every change it holds is now live (whoever applied it); nothing was applied: plan again to see what is left")
        }
        return ApplyError(.stalePlan,
                          "the live state changed since this plan was made; nothing was applied — plan again:\n"
                              + reasons.map { "  - \($0)" }.joined(separator: "\n"))
    }

    /// A new tenant holds one environment (the default) and its settings, nothing else.
    static func madeAgainstEmptyState(_ saved: SavedPlan) -> Bool {
        saved.environments == nil && holdsOnlyDefaults(saved.revisions.keys.compactMap(Address.init(parsing:)))
    }

    static func isEmpty(_ live: LiveState) -> Bool {
        holdsOnlyDefaults(SavedPlan.revisions(of: live, in: nil).keys.compactMap(Address.init(parsing:)))
    }

    private static func holdsOnlyDefaults(_ addresses: [Address]) -> Bool {
        addresses.filter { $0.kind == .environment }.count <= 1 && addresses.allSatisfy { $0.kind == .environment || $0.kind == .settings }
    }

    /// True when every change already shows in `live`: re-diffing the plan's addresses leaves nothing to do.
    static func wasApplied(_ plan: Plan, _ live: LiveState) -> Bool {
        let index = LiveFieldIndex(live)
        return plan.changes.allSatisfy(index.reflects)
    }
}

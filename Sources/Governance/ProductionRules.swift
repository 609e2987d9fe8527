/// The two rules a production environment puts on changes, each stated here once and used by the plan, the apply
/// gate and the control plane alike.
public enum ProductionRules {
    /// Whether an update of an environment removes its production flag, which unlocks deleting it: only a role with
    /// `Role.Permission.removeProductionFlag` (the Owner) may.
    public static func removesFlag(live: Bool, desired: Bool) -> Bool { live && !desired }

    /// The refusal when `role` may not remove the production flag of `slug`; nil when it may.
    public static func flagRemovalRefusal(_ slug: String, role: Role) -> RuleViolation? {
        guard !role.allows(.removeProductionFlag) else { return nil }
        return RuleViolation(.ownerRequired,
                             message: "removing the production flag from '\(slug)' needs the Owner role, and this is a \(role.rawValue); ask an owner to apply this change")
    }

    /// Whether policy changes in an environment need an explicit confirmation: it is production live, or declared
    /// production (a plan that sets the flag and changes policies at once confirms both).
    public static func policyChangesNeedConfirmation(declaredProduction: Bool, liveProduction: Bool) -> Bool {
        declaredProduction || liveProduction
    }
}

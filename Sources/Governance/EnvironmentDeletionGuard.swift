/// The rules that protect an environment from deletion, in the order the vendor applies them.
public enum EnvironmentDeletionGuard {
    /// What the guard needs to know about an environment and its tenant.
    public struct Facts: Sendable {
        public var slug: String
        public var isDefault: Bool
        public var isProduction: Bool
        /// Names of the environment's agents whose status is `active`.
        public var activeAgents: [String]
        /// How many environments the tenant has, this one included.
        public var environmentCount: Int

        /// Gathers the facts about one environment.
        public init(slug: String, isDefault: Bool, isProduction: Bool, activeAgents: [String], environmentCount: Int) {
            self.slug = slug
            self.isDefault = isDefault
            self.isProduction = isProduction
            self.activeAgents = activeAgents
            self.environmentCount = environmentCount
        }
    }

    /// Every rule that refuses deleting the environment, each with its way out; empty when it may go.
    public static func violations(_ facts: Facts) -> [RuleViolation] {
        var out: [RuleViolation] = []
        if facts.isDefault {
            out.append(RuleViolation(
                .defaultEnvironment,
                message: "environment '\(facts.slug)' is the tenant's default environment and can never be deleted; rename it instead"))
        }
        if facts.environmentCount <= 1 {
            out.append(RuleViolation(
                .lastEnvironment,
                message: "environment '\(facts.slug)' is the tenant's last environment; create another before deleting it"))
        }
        if facts.isProduction {
            out.append(RuleViolation(
                .productionProtected,
                message: "environment '\(facts.slug)' has the production flag; remove the production flag first (needs the Owner role), then delete it in a later apply"))
        }
        if !facts.activeAgents.isEmpty {
            let names = facts.activeAgents.sorted()
            let shown = names.prefix(10).joined(separator: ", ") + (names.count > 10 ? " and \(names.count - 10) more" : "")
            out.append(RuleViolation(
                .activeAgents,
                message: "environment '\(facts.slug)' has \(names.count) active agent\(names.count == 1 ? "" : "s") (\(shown)); suspend or move them in an earlier apply, then delete the environment"))
        }
        return out
    }
}

/// Every code a rule of the domain gives, in one catalog: the refusals and warnings Governance states, each with its
/// meaning. docs/manifests.md and docs/apply.md list them; a test holds the docs to this list.
public enum RuleCode: String, CaseIterable, Hashable, Sendable {
    /// A slug outside the slug rule.
    case invalidSlug = "invalid-slug"
    /// A resource name outside the name rule.
    case invalidName = "invalid-name"
    /// An action pattern, or a drift ignore address, that is not one.
    case invalidPattern = "invalid-pattern"
    /// A value outside the allowed ones.
    case invalidValue = "invalid-value"
    /// A drift ignore rule without a reason.
    case missingReason = "missing-reason"
    /// Removing a production flag without the Owner role.
    case ownerRequired = "owner-required"
    /// Deleting the tenant's default environment.
    case defaultEnvironment = "default-environment"
    /// Deleting the last environment.
    case lastEnvironment = "last-environment"
    /// Deleting an environment that has the production flag.
    case productionProtected = "production-protected"
    /// Deleting an environment with active agents.
    case activeAgents = "active-agents"
    /// Warning: a name that does not say what the environment is for.
    case ambiguousName = "ambiguous-name"
    /// Warning: a production environment not in enforce mode.
    case productionNotEnforcing = "production-not-enforcing"
    /// Warning: a development environment in enforce mode.
    case developmentEnforcing = "development-enforcing"
    /// Warning: a staging that does not mirror production.
    case stagingNotMirroring = "staging-not-mirroring"
}

extension RuleViolation {
    /// A violation of the rule `code`.
    public init(_ code: RuleCode, message: String) {
        self.init(code: code.rawValue, message: message)
    }
}

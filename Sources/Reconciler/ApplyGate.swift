import Governance
import Planning

/// What must hold before an apply touches anything: checked all at once, so a user fixes every problem in one go.
public enum ApplyGate {
    /// What the person or pipeline running apply brings.
    public struct Grant: Sendable {
        /// Who govctl acts as.
        public var principal: Principal
        /// Whether `--secrets-file` names a file for new key secrets.
        public var hasSecretsFile: Bool
        /// Environments whose production policy changes are confirmed (all of them with `--confirm-production`).
        public var confirmed: Set<String>
        /// `--confirm-production`: every environment confirmed.
        public var confirmsAll: Bool

        /// Creates a grant.
        public init(principal: Principal, hasSecretsFile: Bool, confirmed: Set<String> = [], confirmsAll: Bool = false) {
            self.principal = principal
            self.hasSecretsFile = hasSecretsFile
            self.confirmed = confirmed
            self.confirmsAll = confirmsAll
        }
    }

    /// The environments whose policy changes need a confirmation, sorted.
    public static func environmentsToConfirm(_ plan: Plan) -> [String] {
        Set(plan.changes.filter { $0.needs.contains(.confirmation) }.compactMap(\.address.environment)).sorted()
    }

    /// What needs confirming in environment `slug`: its production policy changes and what weakens it.
    public static func reasons(_ plan: Plan, in slug: String) -> [String] {
        let changes = plan.changes.filter { $0.needs.contains(.confirmation) && $0.address.environment == slug }
        var out = changes.contains { $0.address.kind == .policy } ? ["production policy changes"] : []
        out += changes.flatMap(\.callouts).map { $0.prefix { $0 != ":" }.description }
        return out
    }

    /// Every reason `plan` may not be applied with `grant`; empty when it may. Refused changes are not listed here:
    /// the plan itself shows them.
    public static func blockers(_ plan: Plan, _ grant: Grant) -> [ApplyError] {
        var out: [ApplyError] = []
        if !plan.isEmpty, let readOnly = PrincipalScope.cannotApply(grant.principal) {
            // Every change would be refused by the control plane: say so once instead of failing change by change.
            return [readOnly]
        }
        for change in plan.changes where change.needs.contains(.owner) {
            if let refusal = ProductionRules.flagRemovalRefusal(change.address.environment ?? "", role: grant.principal.role) {
                out.append(ApplyError(code: refusal.code, refusal.message))
            }
        }
        if !grant.hasSecretsFile {
            for change in plan.changes where change.needs.contains(.secretsFile) {
                out.append(ApplyError(.secretsFileRequired,
                                      "creating API key \(change.address) needs --secrets-file FILE: its secret is shown once and written only there"))
            }
        }
        if !grant.confirmsAll {
            let unconfirmed = environmentsToConfirm(plan).filter { !grant.confirmed.contains($0) }
            if !unconfirmed.isEmpty {
                let what = unconfirmed.map { "\($0) (\(reasons(plan, in: $0).joined(separator: ", ")))" }
                out.append(ApplyError(.confirmationRequired,
                                      "changes in environment\(unconfirmed.count == 1 ? "" : "s") \(what.joined(separator: ", ")) need confirmation: pass --confirm-production, or run apply on a terminal and type the environment's slug when asked"))
            }
        }
        return out
    }
}

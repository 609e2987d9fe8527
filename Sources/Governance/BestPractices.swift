/// The vendor's best practices, checked as advice: breaking one is a warning, never an error.
public enum BestPractices {
    /// Names the vendor calls out as unclear ("Test", "Env1", …), compared case-insensitively.
    static let ambiguousNames: Set<String> = [
        "test", "testing", "tmp", "temp", "env", "new", "new env", "default", "foo", "bar", "misc", "other", "sandbox",
    ]

    /// Warns when an environment's display name or slug says nothing about its purpose.
    public static func ambiguousName(_ env: EnvironmentSpec) -> RuleViolation? {
        for candidate in [env.name, env.slug] {
            let lowered = candidate.lowercased()
            let stem = String(lowered.reversed().drop(while: { $0.isNumber || $0 == " " || $0 == "-" }).reversed())
            if ambiguousNames.contains(lowered) || ambiguousNames.contains(stem) && stem != lowered {
                return RuleViolation(
                    code: "ambiguous-name",
                    message: "environment '\(env.slug)' is named '\(candidate)', which does not say what it is for; name it after its purpose, such as 'Staging' or 'EU Production'")
            }
        }
        return nil
    }

    /// Warns when a production environment does not enforce its policies.
    public static func productionNotEnforcing(_ env: EnvironmentSpec) -> RuleViolation? {
        guard env.production, env.enforcementMode != .enforce else { return nil }
        return RuleViolation(
            code: "production-not-enforcing",
            message: "production environment '\(env.slug)' is in \(env.enforcementMode.rawValue) mode; production should use enforcementMode: enforce")
    }

    /// Warns when a development environment blocks actions, which should stay permissive.
    public static func developmentEnforcing(_ env: EnvironmentSpec) -> RuleViolation? {
        let isDevelopment = env.slug == "development" || env.slug.hasPrefix("dev-") || env.slug.hasSuffix("-dev")
        guard isDevelopment, env.enforcementMode == .enforce else { return nil }
        return RuleViolation(
            code: "development-enforcing",
            message: "development environment '\(env.slug)' is in enforce mode; keep development permissive with monitor or alert")
    }

    /// Warns when a staging environment of a three-tier strategy does not mirror production.
    public static func stagingNotMirroring(_ env: EnvironmentSpec, production: String) -> RuleViolation? {
        guard env.mirror != production else { return nil }
        return RuleViolation(
            code: "staging-not-mirroring",
            message: "staging environment '\(env.slug)' does not mirror '\(production)'; add mirror: \(production) so staging tests the policies production enforces")
    }
}

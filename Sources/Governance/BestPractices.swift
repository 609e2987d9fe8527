/// The vendor's best practices, checked as advice: breaking one is a warning, never an error.
public enum BestPractices {
    /// Words that say nothing about an environment's purpose ("Test", "Env1", "New Environment"…), lowercased.
    static let fillerWords: Set<String> = [
        "test", "testing", "tmp", "temp", "env", "environment", "new", "default", "foo", "bar", "misc", "other", "sandbox",
        "my", "copy", "untitled",
    ]

    /// Warns when an environment's display name or slug is made only of filler words and numbers.
    public static func ambiguousName(_ env: EnvironmentSpec) -> RuleViolation? {
        for candidate in [env.name, env.slug] where isFiller(candidate) {
            return RuleViolation(
                .ambiguousName,
                message: "environment '\(env.slug)' is named '\(candidate)', which does not say what it is for; name it after its purpose, such as 'Staging' or 'EU Production'")
        }
        return nil
    }

    /// True when every word of `name` (split on spaces, hyphens, underscores and where digits start) is filler or a number.
    private static func isFiller(_ name: String) -> Bool {
        var words: [String] = []
        var current = ""
        for character in name.lowercased() {
            if character == " " || character == "-" || character == "_" || character == "." {
                words.append(current)
                current = ""
            } else if character.isNumber != (current.last?.isNumber ?? character.isNumber) {
                words.append(current)
                current = String(character)
            } else {
                current.append(character)
            }
        }
        words.append(current)
        let meaningful = words.filter { !$0.isEmpty && !$0.allSatisfy(\.isNumber) }
        return !meaningful.isEmpty && meaningful.allSatisfy(fillerWords.contains)
    }

    /// Warns when a production environment does not enforce its policies.
    public static func productionNotEnforcing(_ env: EnvironmentSpec) -> RuleViolation? {
        guard env.production, env.enforcementMode != .enforce else { return nil }
        return RuleViolation(
            .productionNotEnforcing,
            message: "production environment '\(env.slug)' is in \(env.enforcementMode.rawValue) mode; production should use enforcementMode: enforce")
    }

    /// Warns when a development environment blocks actions, which should stay permissive.
    public static func developmentEnforcing(_ env: EnvironmentSpec) -> RuleViolation? {
        let isDevelopment = env.slug == "development" || env.slug.hasPrefix("dev-") || env.slug.hasSuffix("-dev")
        guard isDevelopment, env.enforcementMode == .enforce else { return nil }
        return RuleViolation(
            .developmentEnforcing,
            message: "development environment '\(env.slug)' is in enforce mode; keep development permissive with monitor or alert")
    }

    /// Warns when a staging environment of a three-tier strategy does not mirror production.
    public static func stagingNotMirroring(_ env: EnvironmentSpec, production: String) -> RuleViolation? {
        guard env.mirror != production else { return nil }
        return RuleViolation(
            .stagingNotMirroring,
            message: "staging environment '\(env.slug)' does not mirror '\(production)'; add mirror: \(production) so staging tests the policies production enforces")
    }
}

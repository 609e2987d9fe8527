import Governance

/// What a key confined to one environment can plan: that environment alone, since it cannot see the others.
///
/// Without this, a scoped key's plan would offer to create every environment it cannot see, and apply would
/// then fail on each with 403.
public enum PrincipalScope {
    /// The environments a plan made as `principal` covers: `requested` for a tenant-wide principal; the principal's
    /// own environment for a scoped one, which may not ask for another.
    public static func environments(_ requested: Set<String>?, for principal: Principal) throws -> Set<String>? {
        guard let own = principal.environment else { return requested }
        if let other = requested?.subtracting([own]).sorted().first {
            throw ApplyError(.outsideKeyScope,
                             "the API key is scoped to environment '\(own)' and cannot plan '\(other)': plan with --env \(own), or use a tenant-wide key")
        }
        return [own]
    }

    /// Why `principal` may plan but not apply a plan with changes; nil when it may apply.
    public static func cannotApply(_ principal: Principal) -> ApplyError? {
        guard !principal.role.allows(.changeConfiguration) else { return nil }
        return ApplyError(.roleCannotApply,
                          "govctl acts as a \(principal.role.rawValue) key, which cannot change configuration: applying needs a manager or owner key")
    }
}

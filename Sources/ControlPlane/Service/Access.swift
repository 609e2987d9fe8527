import Governance

/// Who may see and change what: the vendor's role matrix plus environment scoping, in one place.
enum Access {
    /// Reading in environment `slug` (nil: tenant-wide) needs the principal to reach it.
    static func read(_ principal: Principal, _ slug: String?, _ resource: String) throws {
        guard principal.canReach(slug) else { throw outOfScope(principal, resource) }
    }

    /// Changing configuration in environment `slug` (nil: tenant-wide) needs Owner or Manager and the scope.
    static func change(_ principal: Principal, _ slug: String?, _ resource: String,
                       permission: Role.Permission = .changeConfiguration) throws {
        guard principal.role.allows(permission) else {
            throw ControlPlaneError(.forbidden, resource: resource,
                                    "a \(principal.role.rawValue) cannot change configuration (\(resource)); use an owner or manager key")
        }
        guard principal.canReach(slug) else { throw outOfScope(principal, resource) }
    }

    /// Where a new scoped resource lands: an environment-scoped principal creates in its own environment.
    ///
    /// `tenantWideAllowed` is true for keys and credentials, which may belong to the whole tenant.
    static func target(_ requested: String?, _ principal: Principal, tenantWideAllowed: Bool, what: String) throws -> String? {
        switch (principal.scope, requested) {
        case (.environment(let own), nil): return own
        case (.environment(let own), let slug?) where slug == own: return own
        case (.environment, let slug?): throw outOfScope(principal, Address.environment(slug).description)
        case (.tenant, nil) where !tenantWideAllowed:
            throw ControlPlaneError(.invalidValue, resource: "", "a \(what) belongs to exactly one environment; name it")
        case (.tenant, let slug): return slug
        }
    }

    /// What a principal does to a key with some role, as a refusal words it.
    enum KeyAction: String {
        case issue, change, rotate, revoke
        /// Giving an existing key a new role.
        case giveRole
    }

    /// A key may be issued, given a role, changed, rotated or revoked only when its role is no broader than the
    /// principal's own.
    static func keyRole(_ role: Role, _ action: KeyAction, by principal: Principal, _ resource: String) throws {
        guard role >= principal.role else {
            let deed = switch action {
            case .giveRole: "give a key the \(role.rawValue) role"
            case .issue, .change, .rotate, .revoke: "\(action.rawValue) \(withArticle(role)) key"
            }
            throw ControlPlaneError(.forbidden, resource: resource, "\(withArticle(principal.role)) cannot \(deed); ask an owner")
        }
    }

    /// A key may not revoke itself or narrow its own role: its holder would lock themselves out mid-request.
    static func notOwnKey(_ key: LiveApiKey, _ action: KeyAction, by principal: Principal, _ resource: String) throws {
        guard principal.apiKeyId == key.id else { return }
        let deed = action == .revoke ? "revoke itself" : "lower its own role"
        throw ControlPlaneError(.forbidden, resource: resource,
                                "\(resource) is the key making this request, and a key cannot \(deed); use another key with the right to")
    }

    private static func withArticle(_ role: Role) -> String {
        ("aeiou".contains(role.rawValue.prefix(1)) ? "an " : "a ") + role.rawValue
    }

    private static func outOfScope(_ principal: Principal, _ resource: String) -> ControlPlaneError {
        ControlPlaneError(.forbidden, resource: resource,
                          "this key is scoped to environment '\(principal.environment ?? "")' and cannot reach \(resource)")
    }
}

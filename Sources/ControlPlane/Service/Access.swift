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
        case (.environment, let slug?): throw outOfScope(principal, "environment/" + slug)
        case (.tenant, nil) where !tenantWideAllowed:
            throw ControlPlaneError(.invalidValue, resource: "", "a \(what) belongs to exactly one environment; name it")
        case (.tenant, let slug): return slug
        }
    }

    /// A key may be issued only with a role no broader than the issuer's own.
    static func issue(_ role: Role, by principal: Principal, _ resource: String) throws {
        guard role >= principal.role else {
            throw ControlPlaneError(.forbidden, resource: resource,
                                    "a \(principal.role.rawValue) cannot issue a \(role.rawValue) key; ask an owner")
        }
    }

    private static func outOfScope(_ principal: Principal, _ resource: String) -> ControlPlaneError {
        ControlPlaneError(.forbidden, resource: resource,
                          "this key is scoped to environment '\(principal.environment ?? "")' and cannot reach \(resource)")
    }
}

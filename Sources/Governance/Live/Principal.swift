/// Whoever makes a call to the control plane: a role and the part of the tenant it may see.
public struct Principal: Hashable, Sendable {
    /// What a principal may see and change: one environment, or the whole tenant.
    public enum Scope: Hashable, Sendable {
        case tenant
        case environment(String)
    }

    public var role: Role
    public var scope: Scope
    /// How audit events name the principal: an API key's prefix, or `cli`.
    public var name: String
    /// The id of the API key that authenticated (`key_7`); nil for the command line.
    public var apiKeyId: String?

    /// Creates a principal.
    public init(role: Role, scope: Scope, name: String, apiKeyId: String? = nil) {
        self.role = role
        self.scope = scope
        self.name = name
        self.apiKeyId = apiKeyId
    }

    /// The embedded command line, which acts as the tenant's Owner.
    public static let cli = Principal(role: .owner, scope: .tenant, name: "cli")

    /// The environment the principal is confined to, or nil when it sees the whole tenant.
    public var environment: String? {
        if case .environment(let slug) = scope { return slug }
        return nil
    }

    /// Whether the principal may see or change something in environment `slug` (nil: tenant-wide).
    public func canReach(_ slug: String?) -> Bool {
        switch scope {
        case .tenant: true
        case .environment(let own): slug == own
        }
    }
}

import struct Foundation.Date

/// An environment as the control plane holds it; counts are derived, never stored.
public struct LiveEnvironment: Hashable, Sendable {
    /// `env_` followed by the slug, as the vendor's API shows it.
    public var id: String { "env_" + slug }
    public var slug: String
    public var name: String
    public var description: String?
    public var isProduction: Bool
    public var enforcementMode: EnforcementMode
    public var labels: [String: String]
    /// Whether this is the tenant's default environment, which can never be deleted.
    public var isDefault: Bool
    public var agentCount: Int
    public var policyCount: Int
    public var revision: Int64
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a live environment.
    public init(slug: String, name: String, description: String?, isProduction: Bool, enforcementMode: EnforcementMode,
                labels: [String: String], isDefault: Bool, agentCount: Int, policyCount: Int, revision: Int64,
                createdAt: Date, updatedAt: Date) {
        self.slug = slug
        self.name = name
        self.description = description
        self.isProduction = isProduction
        self.enforcementMode = enforcementMode
        self.labels = labels
        self.isDefault = isDefault
        self.agentCount = agentCount
        self.policyCount = policyCount
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The address used in plans and audit events.
    public var address: String { Address.environment(slug).description }
}

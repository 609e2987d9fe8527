import struct Foundation.Date

/// An API key as the control plane holds it: metadata and a non-secret prefix, never the secret.
public struct LiveApiKey: Hashable, Sendable {
    public var id: String
    public var name: String
    /// The environment the key is scoped to; nil for a tenant-wide key.
    public var environment: String?
    public var role: Role
    /// The secret's first 8 characters, shown in lists and audit events to identify the key.
    public var prefix: String
    public var labels: [String: String]
    /// When the key was revoked; a revoked key never authenticates again.
    public var revokedAt: Date?
    public var revision: Int64
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a live API key.
    public init(id: String, name: String, environment: String?, role: Role, prefix: String, labels: [String: String],
                revokedAt: Date?, revision: Int64, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.environment = environment
        self.role = role
        self.prefix = prefix
        self.labels = labels
        self.revokedAt = revokedAt
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The address used in plans and audit events: `apikey/<env>/<name>`, or `apikey/<name>` tenant-wide.
    public var address: String { Address.apiKey(environment, name).description }
}

/// A key just created or rotated, with its secret: the only time the secret is ever seen.
public struct IssuedApiKey: Sendable {
    public var key: LiveApiKey
    /// `mk_` followed by 64 hex characters.
    public var secret: String

    /// Pairs a key with its secret.
    public init(key: LiveApiKey, secret: String) {
        self.key = key
        self.secret = secret
    }
}

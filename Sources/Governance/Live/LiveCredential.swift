import struct Foundation.Date

/// A credential as the control plane holds it: a fingerprint of its value, never the value.
public struct LiveCredential: Hashable, Sendable {
    public var id: String
    public var name: String
    /// The environment the credential is scoped to; nil for a tenant-wide credential.
    public var environment: String?
    public var type: CredentialType
    /// A keyed hash (HMAC-SHA256) of the value: equal values give equal fingerprints in one store.
    public var fingerprint: String
    /// Agents allowed to lease the credential, sorted.
    public var grants: [AgentReference]
    public var labels: [String: String]
    public var revision: Int64
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a live credential.
    public init(id: String, name: String, environment: String?, type: CredentialType, fingerprint: String,
                grants: [AgentReference], labels: [String: String], revision: Int64, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.environment = environment
        self.type = type
        self.fingerprint = fingerprint
        self.grants = grants
        self.labels = labels
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The address used in plans and audit events: `credential/<env>/<name>`, or `credential/<name>` tenant-wide.
    public var address: String { Address.credential(environment, name).description }
}

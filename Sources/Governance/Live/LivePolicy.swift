import struct Foundation.Date

/// A policy as the control plane holds it, in one environment.
public struct LivePolicy: Hashable, Sendable {
    public var id: String
    /// The slug of the environment the policy belongs to.
    public var environment: String
    public var policy: Policy
    public var labels: [String: String]
    public var revision: Int64
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a live policy.
    public init(id: String, environment: String, policy: Policy, labels: [String: String], revision: Int64,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.environment = environment
        self.policy = policy
        self.labels = labels
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The address used in plans and audit events, such as `policy/staging/deny-x`.
    public var address: String { Address.policy(environment, policy.name).description }
}

import struct Foundation.Date

/// An agent as the control plane holds it, in exactly one environment.
public struct LiveAgent: Hashable, Sendable {
    public var id: String
    /// The slug of the environment the agent belongs to.
    public var environment: String
    public var name: String
    public var description: String?
    public var missionScope: String?
    public var status: AgentStatus
    public var labels: [String: String]
    public var revision: Int64
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a live agent.
    public init(id: String, environment: String, name: String, description: String?, missionScope: String?,
                status: AgentStatus, labels: [String: String], revision: Int64, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.environment = environment
        self.name = name
        self.description = description
        self.missionScope = missionScope
        self.status = status
        self.labels = labels
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The address used in plans and audit events, such as `agent/staging/crm-bot`.
    public var address: String { Address.agent(environment, name).description }
}

/// Names one agent across the tenant: its environment and its name.
public struct AgentReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var environment: String
    public var name: String

    /// Creates a reference to agent `name` in `environment`.
    public init(environment: String, name: String) {
        self.environment = environment
        self.name = name
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.environment, lhs.name) < (rhs.environment, rhs.name) }

    public var description: String { "\(environment)/\(name)" }
}

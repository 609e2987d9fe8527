/// A governance policy as the manifests declare it and the control plane stores it.
public struct Policy: Hashable, Sendable {
    public var name: String
    public var type: PolicyType
    public var actionPattern: ActionPattern
    /// Higher is evaluated first.
    public var priority: Int
    public var constraints: [String: JSONValue]
    public var description: String?

    /// Creates a policy.
    public init(name: String, type: PolicyType, actionPattern: ActionPattern, priority: Int = 0,
                constraints: [String: JSONValue] = [:], description: String? = nil) {
        self.name = name
        self.type = type
        self.actionPattern = actionPattern
        self.priority = priority
        self.constraints = constraints
        self.description = description
    }
}

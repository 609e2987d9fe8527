import struct Foundation.Date

/// One recorded change: who did what to which resource, with the state before and after (never a secret).
public struct AuditEvent: Hashable, Sendable {
    /// `evt_` followed by a number that grows with time.
    public var id: String
    public var time: Date
    /// The principal's name: an API key prefix, or `cli`.
    public var principal: String
    /// Such as `environment.create`, `policy.update`, `apikey.rotate`.
    public var action: String
    /// The resource's address, such as `policy/staging/deny-x`.
    public var resource: String
    /// The environment the change happened in; nil for tenant-wide resources.
    public var environment: String?
    public var before: JSONValue?
    public var after: JSONValue?

    /// Creates an audit event.
    public init(id: String, time: Date, principal: String, action: String, resource: String, environment: String?,
                before: JSONValue?, after: JSONValue?) {
        self.id = id
        self.time = time
        self.principal = principal
        self.action = action
        self.resource = resource
        self.environment = environment
        self.before = before
        self.after = after
    }
}

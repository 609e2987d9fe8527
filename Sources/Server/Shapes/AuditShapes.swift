import Foundation
import Governance

/// An audit event as the API shows it.
struct AuditEventBody: Encodable {
    var id: String
    var time: Date
    var principal, action, resource: String
    var environmentId: String?
    var before, after: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id, time, principal, action, resource, environmentId = "environment_id", before, after
    }

    init(_ e: AuditEvent) {
        (id, time, principal, action, resource) = (e.id, e.time, e.principal, e.action, e.resource)
        (environmentId, before, after) = (e.environment.map(EnvironmentId.format), e.before, e.after)
    }
}

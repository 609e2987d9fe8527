import Foundation
import Governance

/// The audit log over `GET /audit-events`, page by page.
extension RemoteBackend: LiveHistory {
    private struct Event: Decodable {
        var id: String
        var time: Date
        var principal, action, resource: String
        var environmentId: String?
        var before, after: JSONValue?
        enum CodingKeys: String, CodingKey { case id, time, principal, action, resource, environmentId = "environment_id", before, after }
    }

    public func auditEvents(in environment: String?, since: Date?) async throws -> [AuditEvent] {
        var query: [(String, String)] = []
        if let environment { query.append(("environment_id", "env_" + environment)) }
        if let since {
            let formatter = ISO8601DateFormatter()
            query.append(("since", formatter.string(from: since)))
        }
        let events: [Event] = try await list("/audit-events", query: query, resource: "audit")
        return events.map {
            AuditEvent(id: $0.id, time: $0.time, principal: $0.principal, action: $0.action, resource: $0.resource,
                       environment: $0.environmentId.map(RemoteShapes.slug), before: $0.before, after: $0.after)
        }
    }
}

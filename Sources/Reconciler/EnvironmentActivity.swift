import ControlPlane
import Foundation
import Governance

/// The audit log of the live state, as its principal may see it: drift reads it for dormancy, `audit` prints it.
public protocol LiveHistory: Sendable {
    /// The audit events of `environment` (nil: all visible) at or after `since` (nil: all kept), oldest first.
    func auditEvents(in environment: String?, since: Date?) async throws -> [AuditEvent]
}

extension LiveHistory {
    /// The time of each environment's latest audit event at or after `since`, by slug; drift reads it to find
    /// dormant environments. Tenant-wide events belong to no environment and are left out.
    public func lastActivity(since: Date) async throws -> [String: Date] {
        var latest: [String: Date] = [:]
        for event in try await auditEvents(in: nil, since: since) {
            guard let slug = event.environment else { continue }
            latest[slug] = max(latest[slug] ?? event.time, event.time)
        }
        return latest
    }
}

extension EmbeddedBackend: LiveHistory {
    public func auditEvents(in environment: String?, since: Date?) async throws -> [AuditEvent] {
        try await controlPlane.auditEvents(in: environment, since: since, as: principal)
    }
}

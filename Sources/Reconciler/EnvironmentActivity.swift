import ControlPlane
import Foundation
import Governance

extension EmbeddedBackend {
    /// The time of each environment's latest audit event at or after `since`, by slug; drift reads it to find
    /// dormant environments. Tenant-wide events belong to no environment and are left out.
    public func lastActivity(since: Date) async throws -> [String: Date] {
        var latest: [String: Date] = [:]
        for event in try await controlPlane.auditEvents(since: since, as: principal) {
            guard let slug = event.environment else { continue }
            latest[slug] = max(latest[slug] ?? event.time, event.time)
        }
        return latest
    }
}

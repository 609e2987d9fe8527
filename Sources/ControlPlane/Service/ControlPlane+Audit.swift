import Foundation
import GRDB
import Governance

extension ControlPlane {
    /// Audit events the principal can see, oldest first: one environment's, or all (a scoped principal sees only its own).
    public func auditEvents(in environment: String? = nil, since: Date? = nil, as principal: Principal) async throws -> [AuditEvent] {
        let slug = environment ?? principal.environment
        if let slug { try Access.read(principal, slug, Address.environment(slug).description) }
        let after = since?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude
        // A scoped key's environment is live: the kept events of a deleted one that had the same slug are not its own.
        let liveOnly = principal.environment != nil
        return try await read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, time, principal, action, resource, environment, before, after FROM audit_event
                WHERE time >= ? AND (? IS NULL OR environment = ?) AND (? = 0 OR environment_deleted_at IS NULL) ORDER BY id
                """, arguments: [after, slug, slug, liveOnly])
            return try rows.map { row in
                let id: Int64 = try row.decode(atIndex: 0)
                let before: String? = try row.decode(atIndex: 6)
                let after: String? = try row.decode(atIndex: 7)
                return AuditEvent(id: "evt_\(id)", time: Date(timeIntervalSince1970: try row.decode(atIndex: 1)), principal: try row.decode(atIndex: 2), action: try row.decode(atIndex: 3),
                                  resource: try row.decode(atIndex: 4), environment: try row.decode(atIndex: 5), before: try before.map(JSONCoding.value),
                                  after: try after.map(JSONCoding.value))
            }
        }
    }

    /// Deletes audit events past their retention (see `AuditRetention`) as of the injected clock; returns how many.
    ///
    /// Opening a store runs it too, and `govctl serve` runs it hourly. Purging is housekeeping, not configuration: it
    /// leaves the tenant revision alone so saved plans stay valid.
    @discardableResult
    public func purgeExpiredAuditEvents() async throws -> Int {
        let now = clock()
        do {
            return try await pool.write { db in try Self.purgeExpiredAuditEvents(db, now: now) }
        } catch {
            throw Self.lift(error)
        }
    }

    static func purgeExpiredAuditEvents(_ db: Database, now date: Date) throws -> Int {
        let now = date.timeIntervalSince1970
        // Every event that may go is older than the shortest retention (an event predates its environment's deletion),
        // so the time index bounds the scan: opening a store with a year of events must not read them all.
        let shortest = [AuditRetention.afterDeletionDays, AuditRetention.tenantWideDays, AuditRetention.productionDays,
                        AuditRetention.otherDays].min() ?? 0
        try db.execute(sql: """
            DELETE FROM audit_event WHERE time < :newestCutoff AND (
              (environment_deleted_at IS NOT NULL AND environment_deleted_at < :deletedCutoff)
              OR (environment_deleted_at IS NULL AND environment_id IS NULL AND time < :tenantCutoff)
              OR (environment_deleted_at IS NULL AND environment_id IS NOT NULL AND time <
                  CASE WHEN audit_event.production = 1
                         OR (SELECT is_production FROM environment WHERE id = audit_event.environment_id) = 1
                       THEN :productionCutoff ELSE :otherCutoff END))
            """, arguments: [
                "newestCutoff": now - AuditRetention.seconds(shortest),
                "deletedCutoff": now - AuditRetention.seconds(AuditRetention.afterDeletionDays),
                "tenantCutoff": now - AuditRetention.seconds(AuditRetention.tenantWideDays),
                "productionCutoff": now - AuditRetention.seconds(AuditRetention.productionDays),
                "otherCutoff": now - AuditRetention.seconds(AuditRetention.otherDays),
            ])
        return db.changesCount
    }
}

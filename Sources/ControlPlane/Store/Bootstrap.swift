import Foundation
import GRDB
import Governance

/// Makes a new store's tenant: its default environment "Production" (`production`, production flag set) and settings.
enum Bootstrap {
    static let defaultSlug = "production"

    /// Does nothing when the tenant exists, so every process may run it on open.
    static func run(_ db: Database, now: Date) throws {
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM tenant") ?? 0 > 0 { return }
        let t = now.timeIntervalSince1970
        try db.execute(
            sql: """
                INSERT INTO tenant (id, revision, created_at, mfa_required, default_role, notification_channels, prune,
                                    settings_revision, settings_updated_at)
                VALUES (1, 1, ?, 0, ?, '[]', 0, 1, ?)
                """,
            arguments: [t, Role.viewer.rawValue, t])
        var production = EnvironmentRecord(slug: defaultSlug, name: "Production", description: nil, isProduction: true,
                                           enforcementMode: EnforcementMode.enforce.rawValue, labels: "{}", isDefault: true,
                                           revision: 1, createdAt: t, updatedAt: t)
        try production.insert(db)
        try db.execute(
            sql: "INSERT INTO audit_event (time, principal, action, resource, environment_id, environment, after) VALUES (?, 'system', 'tenant.create', ?, ?, ?, ?)",
            arguments: [t, production.address, production.id, production.slug, JSONCoding.text(production.auditValue)])
    }
}

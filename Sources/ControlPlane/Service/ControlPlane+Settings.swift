import Foundation
import GRDB
import Governance

extension ControlPlane {
    /// The tenant's settings; every principal may read them.
    public func settings(as principal: Principal) async throws -> LiveSettings {
        try await read { db in try SettingsRows.live(db) }
    }

    /// Replaces the tenant's settings; needs a tenant-wide Owner or Manager.
    public func updateSettings(_ settings: SettingsSpec, expectedRevision: Int64? = nil, as principal: Principal) async throws -> LiveSettings {
        let address = LiveSettings.address
        try Access.change(principal, nil, address)
        if let unknown = settings.notificationChannels.first(where: { !NotificationChannel.knownTypes.contains($0.type) }) {
            throw ControlPlaneError(.invalidValue, resource: address,
                                    "notification channel type '\(unknown.type)' is unknown; use one of \(NotificationChannel.knownTypes.joined(separator: ", "))")
        }
        return try await write(principal) { change in
            let before = try SettingsRows.live(change.db)
            try change.check(expectedRevision, against: before.revision, address)
            try change.db.execute(sql: """
                UPDATE tenant SET mfa_required = ?, default_role = ?, notification_channels = ?, prune = ?, settings_revision = ?, settings_updated_at = ?
                """, arguments: [settings.mfaRequired, settings.defaultRole.rawValue,
                                 JSONCoding.text(SettingsRows.channelsValue(settings.notificationChannels)), settings.prune,
                                 change.revision, change.now.timeIntervalSince1970])
            try change.audit("settings.update", address, environment: nil, before: SettingsRows.auditValue(before.settings),
                             after: SettingsRows.auditValue(settings))
            return try SettingsRows.live(change.db)
        }
    }
}

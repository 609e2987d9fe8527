import Foundation
import GRDB
import Governance

/// Reads the tenant's settings, kept on the `tenant` row.
enum SettingsRows {
    static func live(_ db: Database) throws -> LiveSettings {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT mfa_required, default_role, notification_channels, prune, settings_revision, settings_updated_at FROM tenant
            """) else {
            throw ControlPlaneError(.storeError, resource: LiveSettings.address, "the state store has no tenant; it was not initialised")
        }
        var channels: [NotificationChannel] = []
        if case .array(let items) = try JSONCoding.value(try row.decode(atIndex: 2)) {
            for case .object(let fields) in items {
                if case .string(let type)? = fields["type"], case .string(let target)? = fields["target"] {
                    channels.append(NotificationChannel(type: type, target: target))
                }
            }
        }
        let settings = SettingsSpec(mfaRequired: try row.decode(atIndex: 0), defaultRole: try StoredEnum.decode(try row.decode(atIndex: 1), "role"),
                                    notificationChannels: channels, prune: try row.decode(atIndex: 3))
        return LiveSettings(settings: settings, revision: try row.decode(atIndex: 4), updatedAt: Date(timeIntervalSince1970: try row.decode(atIndex: 5)))
    }

    static func channelsValue(_ channels: [NotificationChannel]) -> JSONValue {
        .array(channels.map { .object(["type": .string($0.type), "target": .string($0.target)]) })
    }

    static func auditValue(_ settings: SettingsSpec) -> JSONValue {
        .object([
            "mfa_required": .bool(settings.mfaRequired), "default_role": .string(settings.defaultRole.rawValue),
            "notification_channels": channelsValue(settings.notificationChannels), "prune": .bool(settings.prune),
        ])
    }
}

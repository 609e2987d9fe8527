import Foundation
import Governance

/// The tenant's settings as the API shows them.
struct SettingsBody: Encodable {
    var mfaRequired: Bool
    var defaultRole: Role
    var notificationChannels: [Channel]
    var prune: Bool
    var revision: Int64
    var updatedAt: Date

    /// A notification channel; a PATCH sends the same shape.
    struct Channel: Encodable, StrictBody {
        var type, target: String

        enum CodingKeys: String, CodingKey, CaseIterable { case type, target }

        static func form(of field: CodingKeys) -> FieldForm { .string }
    }

    enum CodingKeys: String, CodingKey {
        case mfaRequired = "mfa_required", defaultRole = "default_role", notificationChannels = "notification_channels", prune
        case revision, updatedAt = "updated_at"
    }

    init(_ live: LiveSettings) {
        let s = live.settings
        (mfaRequired, defaultRole, prune) = (s.mfaRequired, s.defaultRole, s.prune)
        notificationChannels = s.notificationChannels.map { Channel(type: $0.type, target: $0.target) }
        (revision, updatedAt) = (live.revision, live.updatedAt)
    }
}

/// `PATCH /settings`: only the fields sent change.
struct SettingsPatch: StrictBody {
    var mfaRequired: Bool?
    var defaultRole: String?
    var notificationChannels: [SettingsBody.Channel]?
    var prune: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case mfaRequired = "mfa_required", defaultRole = "default_role", notificationChannels = "notification_channels", prune
    }

    static func form(of field: CodingKeys) -> FieldForm {
        switch field {
        case .mfaRequired, .prune: .boolean
        case .defaultRole: .string
        case .notificationChannels: .array(.object(SettingsBody.Channel.self))
        }
    }
}

import struct Foundation.Date

/// The tenant-wide settings as the control plane holds them.
public struct LiveSettings: Hashable, Sendable {
    public var settings: SettingsSpec
    public var revision: Int64
    public var updatedAt: Date

    /// Creates live settings.
    public init(settings: SettingsSpec, revision: Int64, updatedAt: Date) {
        self.settings = settings
        self.revision = revision
        self.updatedAt = updatedAt
    }

    /// The address used in plans and audit events.
    public static let address = Address.settings.description
}

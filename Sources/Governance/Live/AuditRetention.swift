/// How long audit events are kept: one year in production, 90 days elsewhere, 90 days after an environment's deletion.
///
/// Events of tenant-wide resources (tenant keys and credentials, settings) reach every environment,
/// production included, so they are kept as long as production's.
public enum AuditRetention {
    public static let productionDays = 365
    public static let otherDays = 90
    public static let afterDeletionDays = 90
    public static let tenantWideDays = 365

    /// Seconds in `days` days.
    public static func seconds(_ days: Int) -> Double { Double(days) * 86_400 }
}

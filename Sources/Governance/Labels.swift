/// Labels govctl reads and writes on the resources it manages.
public enum ManagedLabels {
    /// Key of the label that marks a resource govctl created.
    public static let managedByKey = "managed-by"
    /// Value of that label.
    public static let managedByValue = "govctl"

    /// Whether `labels` say govctl created the resource, the only case pruning may delete it.
    public static func isManaged(_ labels: [String: String]) -> Bool {
        labels[managedByKey] == managedByValue
    }

    /// Key of the label `govctl serve` puts on the Owner key it issues at its first start.
    public static let issuedByKey = "issued-by"
    /// Value of that label.
    public static let bootstrapValue = "govctl-serve-bootstrap"

    /// The labels govctl itself writes: never compared with the manifests, never imported, kept by updates.
    public static let ownKeys = [managedByKey, issuedByKey]

    /// `labels` without govctl's own, as the manifests declare them.
    public static func declared(_ labels: [String: String]) -> [String: String] {
        labels.filter { !ownKeys.contains($0.key) }
    }

    /// Whether `labels` mark the key `govctl serve` issued for itself, which drift notes instead of reporting.
    public static func isBootstrapKey(_ labels: [String: String]) -> Bool {
        labels[issuedByKey] == bootstrapValue
    }
}

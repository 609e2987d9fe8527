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
}

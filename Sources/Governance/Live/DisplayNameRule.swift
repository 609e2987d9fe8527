/// The rule for display names (an environment's "EU Production"): free text, but not blank and not a paragraph.
public enum DisplayNameRule {
    /// Longest display name accepted.
    public static let maxLength = 100

    /// Returns why `name` (of a `what`, such as "environment") breaks the rule, or nil when it is valid.
    public static func check(_ name: String, what: String) -> RuleViolation? {
        if name.allSatisfy(\.isWhitespace) {
            return RuleViolation(.invalidName, message: "\(what) display name is empty; give it a name such as 'Staging'")
        }
        if name.count > maxLength {
            return RuleViolation(.invalidName, message: "\(what) display name '\(name.prefix(20))…' is \(name.count) characters; names need at most \(maxLength)")
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            return RuleViolation(.invalidName, message: "\(what) display name contains a control character such as a line break")
        }
        return nil
    }
}

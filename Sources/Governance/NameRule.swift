/// The rule for names of policies, agents, API keys and credentials: they appear in addresses such as
/// `policy/staging/deny-destructive-db`, so they stay short and free of slashes and spaces.
public enum NameRule {
    /// Longest name accepted.
    public static let maxLength = 100

    /// Returns why `name` (of a `what`, such as "policy") breaks the rule, or nil when it is valid.
    public static func check(_ name: String, what: String) -> RuleViolation? {
        let bytes = Array(name.utf8)
        guard let first = bytes.first else {
            return RuleViolation(.invalidName, message: "\(what) name is empty")
        }
        guard first.isASCIIAlphanumeric else {
            return RuleViolation(.invalidName, message: "\(what) name '\(name)' must start with a letter or digit")
        }
        if let bad = bytes.first(where: { !($0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")) }) {
            let shown = bad == UInt8(ascii: " ") ? "a space" : bad < 0x80 ? "'\(Character(Unicode.Scalar(bad)))'" : "a non-ASCII character"
            return RuleViolation(.invalidName, message: "\(what) name '\(name)' contains \(shown); use letters, digits, '-', '_' and '.'")
        }
        if bytes.count > maxLength {
            return RuleViolation(.invalidName, message: "\(what) name '\(name.prefix(20))…' is \(bytes.count) characters; names need at most \(maxLength)")
        }
        return nil
    }
}

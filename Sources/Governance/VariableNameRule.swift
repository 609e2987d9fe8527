/// The name of an environment variable a credential reads: letters, digits and underscores, not starting with a
/// digit (`[A-Za-z_][A-Za-z0-9_]*`), as every shell and CI system accepts.
public enum VariableNameRule {
    /// Returns why `name` breaks the rule, or nil when it is valid. The message never repeats the name: text
    /// written where a variable's name belongs may be the secret itself.
    public static func check(_ name: String) -> RuleViolation? {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, !first.isASCIIDigit, bytes.allSatisfy({ $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "_") }) else {
            return RuleViolation(.invalidValue,
                                 message: "an environment variable's name takes letters, digits and underscores and does not start with a digit")
        }
        return nil
    }
}

/// An error with a stable kebab-case code and a message that says the way out: what every layer's errors are, so
/// callers (the applier's report, the command line) read any of them the same way instead of casting type by type.
public protocol CodedError: Error {
    /// The stable code, such as `invalid-slug` or `revision-mismatch`.
    var errorCode: String { get }
    /// What is wrong and what to do, in words a user can act on.
    var errorMessage: String { get }
}

extension RuleViolation: CodedError {
    public var errorCode: String { code }
    public var errorMessage: String { message }
}

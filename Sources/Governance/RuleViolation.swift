/// A broken rule of the domain: a stable kebab-case code, what is wrong, and how to fix it.
///
/// Rules know nothing of files or HTTP; callers attach a location or a status code.
public struct RuleViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable machine code such as `invalid-slug` or `active-agents`.
    public let code: String
    /// What is wrong, in words a user can act on.
    public let message: String

    /// Creates a violation of the rule named by `code`.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(message) [\(code)]" }
}

/// A policy's action pattern: a glob such as `db.*`, or `regex:` followed by a regular expression.
public enum ActionPattern: Hashable, Sendable, CustomStringConvertible {
    case glob(String)
    case regex(String)

    /// The prefix that marks a regular expression.
    public static let regexPrefix = "regex:"

    /// Parses and checks `text`: within `PatternBounds`, and a regular expression must compile.
    public init(parsing text: String) throws(RuleViolation) {
        // The bounds come first: the regex parser recurses, and only bounded input may reach it.
        if let problem = PatternBounds.lengthProblem(text) { throw Self.violation(text, problem) }
        // Bytes, not characters: `regex:` followed by a combining mark is still a regular expression.
        if text.utf8.starts(with: Self.regexPrefix.utf8) {
            let body = String(Substring(text.utf8.dropFirst(Self.regexPrefix.utf8.count)))
            guard !body.isEmpty else {
                throw RuleViolation(.invalidPattern, message: "action pattern 'regex:' has no expression after the prefix")
            }
            if let problem = PatternBounds.regexProblem(body) { throw Self.violation(text, problem) }
            do {
                // Compiling costs about 0.1 ms; the plain expressions most policies use are recognised without it.
                if !SimpleRegexSyntax.isCertainlyValid(body) { _ = try Regex(body) }
            } catch {
                throw Self.violation(text, "is not a valid regular expression: \(Self.quoted(String(describing: error)))")
            }
            self = .regex(body)
            return
        }
        guard !text.isEmpty else {
            throw RuleViolation(.invalidPattern, message: "action pattern is empty; write a glob such as 'db.*' or 'regex:' followed by an expression")
        }
        if let bad = text.unicodeScalars.first(where: { $0.properties.isWhitespace || $0.value < 0x20 }) {
            let what = bad == " " ? "a space" : "whitespace or a control character"
            throw Self.violation(text, "contains \(what); globs match action names such as 'db.query' or 'read_*'")
        }
        self = .glob(text)
    }

    /// The pattern as written in a manifest and sent to the API.
    public var description: String {
        switch self {
        case .glob(let g): g
        case .regex(let r): Self.regexPrefix + r
        }
    }

    private static func violation(_ text: String, _ problem: String) -> RuleViolation {
        RuleViolation(.invalidPattern, message: "action pattern '\(quoted(text))' \(problem)")
    }

    /// At most 60 characters of `text`, so a hostile pattern cannot flood a diagnostic.
    private static func quoted(_ text: String) -> String {
        text.count <= 60 ? text : text.prefix(57) + "..."
    }
}

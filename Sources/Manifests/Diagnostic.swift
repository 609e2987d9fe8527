import YAMLNodes

/// A problem found in the manifests, with where it is and a stable code; commands collect and print many at once.
public struct Diagnostic: Hashable, Sendable {
    /// Errors make validation fail; warnings are advice and leave the exit code at 0.
    public enum Severity: String, Hashable, Sendable, Comparable {
        case error, warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    /// Stable kebab-case code, such as `unknown-field` or `mirror-cycle`.
    public var code: String
    /// Where the problem is; nil for problems of the whole input (an empty directory).
    public var location: SourceLocation?
    public var message: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, code: String, at location: SourceLocation?, _ message: String) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
    }

    /// An error diagnostic from a YAML problem.
    public init(_ error: YAMLError) {
        self.init(.error, code: error.code, at: error.location, error.message)
    }
}

extension Diagnostic: Comparable {
    /// Diagnostics sort by file, line and column, then by code, so output is stable whatever the read order.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        switch (a.location, b.location) {
        case let (x?, y?) where x != y: return x < y
        case (nil, _?): return true
        case (_?, nil): return false
        default: return (a.severity, a.code, a.message) < (b.severity, b.code, b.message)
        }
    }
}

import Governance

/// Why a control-plane call failed: a stable code, the resource it concerns, and what to do about it.
public struct ControlPlaneError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable kebab-case codes; the HTTP server maps them to statuses.
    public enum Code: String, Sendable, CaseIterable {
        case notFound = "not-found"
        case conflict
        case slugTaken = "slug-taken"
        case nameTaken = "name-taken"
        case invalidSlug = "invalid-slug"
        case invalidName = "invalid-name"
        case invalidPattern = "invalid-pattern"
        case activeAgents = "active-agents"
        case productionProtected = "production-protected"
        case defaultEnvironment = "default-environment"
        case lastEnvironment = "last-environment"
        case forbidden
        case ownerRequired = "owner-required"
        case unauthorized
        case revisionMismatch = "revision-mismatch"
        case invalidValue = "invalid-value"
        case storeError = "store-error"
    }

    public let code: Code
    /// The address of the resource concerned, such as `environment/staging`; empty when none.
    public let resource: String
    /// What is wrong, in words a user can act on.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, resource: String, _ message: String) {
        self.code = code
        self.resource = resource
        self.message = message
    }

    /// Lifts a domain rule's violation, keeping its code when the control plane knows it.
    init(_ violation: RuleViolation, resource: String) {
        self.init(Code(rawValue: violation.code) ?? .invalidValue, resource: resource, violation.message)
    }

    public var description: String { "\(message) [\(code.rawValue)]" }
}

extension ControlPlaneError {
    static func notFound(_ resource: String) -> Self {
        Self(.notFound, resource: resource, "\(resource) does not exist; list what exists with `govctl get`")
    }

    static func revisionMismatch(_ resource: String, expected: Int64, actual: Int64) -> Self {
        Self(.revisionMismatch, resource: resource,
             "\(resource) changed since it was read (revision \(expected), now \(actual)); read it again and retry")
    }
}

extension ControlPlaneError: CodedError {
    public var errorCode: String { code.rawValue }
    public var errorMessage: String { message }
}

import Governance
import Planning

/// Why the applier could not carry out a change itself (the control plane's own errors pass through unchanged).
public struct ApplyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable kebab-case code, printed as `[code]`.
    public let code: String
    /// What went wrong and what to do; never a secret.
    public let message: String

    /// Creates an error.
    public init(code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(message) [\(code)]" }

    /// A change whose fields do not say what the service needs (a hand-edited or foreign saved plan).
    static func malformed(_ address: Address, _ what: String) -> ApplyError {
        ApplyError(code: "malformed-change", "\(address): \(what); make the plan again with `govctl plan --out`")
    }

    /// The fault `GOVCTL_FAULT_INJECT` asked for.
    static func injected(_ address: Address) -> ApplyError {
        ApplyError(code: "injected-fault", "\(address) failed on purpose: GOVCTL_FAULT_INJECT names it (a test hook)")
    }
}

extension ApplyError: CodedError {
    public var errorCode: String { code }
    public var errorMessage: String { message }
}

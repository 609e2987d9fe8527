import Governance
import Planning

/// Why the applier could not carry out a change itself (the control plane's own errors pass through unchanged).
public struct ApplyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable kebab-case code, printed as `[code]`.
    public let code: String
    /// What went wrong and what to do; never a secret.
    public let message: String

    /// Every code the applier gives of its own, in one catalog (docs/apply.md lists them; a test holds it to this).
    public enum Code: String, CaseIterable, Sendable {
    /// Not on a terminal, without --auto-approve.
    case approvalRequired = "approval-required"
    /// A change created in one transaction with a change that failed.
    case batchRolledBack = "batch-rolled-back"
    /// Changes that need confirmation were not confirmed.
    case confirmationRequired = "confirmation-required"
    /// A change GOVCTL_FAULT_INJECT names (a test hook).
    case injectedFault = "injected-fault"
    /// A saved change whose fields do not read back.
    case malformedChange = "malformed-change"
    /// A --plan file that is not a saved plan.
    case notAPlan = "not-a-plan"
    /// An environment outside the API key's scope.
    case outsideKeyScope = "outside-key-scope"
    /// A saved plan whose every change is live already.
    case planAlreadyApplied = "plan-already-applied"
    /// A saved plan of another format version.
    case planFormatVersion = "plan-format-version"
    /// A --plan file that does not exist.
    case planNotFound = "plan-not-found"
    /// A --plan file that cannot be read.
    case planUnreadable = "plan-unreadable"
    /// A Viewer or Member key asked to apply changes.
    case roleCannotApply = "role-cannot-apply"
    /// A key secret that could not be written to the secrets file.
    case secretNotStored = "secret-not-stored"
    /// A credential value whose source cannot be read.
    case secretUnavailable = "secret-unavailable"
    /// Creating an API key without --secrets-file.
    case secretsFileRequired = "secrets-file-required"
    /// A saved plan made against a live state that moved since.
    case stalePlan = "stale-plan"
    }

    /// Creates an error of the applier's own.
    public init(_ code: Code, _ message: String) {
        self.init(code: code.rawValue, message)
    }

    /// Creates an error that passes on another layer's code (a domain rule's, a control plane's).
    public init(code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(message) [\(code)]" }

    /// A change whose fields do not say what the service needs (a hand-edited or foreign saved plan).
    static func malformed(_ address: Address, _ what: String) -> ApplyError {
        ApplyError(.malformedChange, "\(address): \(what); make the plan again with `govctl plan --out`")
    }

    /// The fault `GOVCTL_FAULT_INJECT` asked for.
    static func injected(_ address: Address) -> ApplyError {
        ApplyError(.injectedFault, "\(address) failed on purpose: GOVCTL_FAULT_INJECT names it (a test hook)")
    }
}

extension ApplyError: CodedError {
    public var errorCode: String { code }
    public var errorMessage: String { message }
}

import Governance

/// The live state govctl plans against and applies to (reads here, writes in `LiveWriter`): the embedded control
/// plane (`EmbeddedBackend`) or a remote API (`RemoteBackend`).
public protocol LiveBackend: LiveWriter, Sendable {
    /// Who govctl acts as; its role decides whether Owner-only changes may be applied.
    var principal: Principal { get }

    /// Everything the reconciler reads, in one consistent read.
    func snapshot() async throws -> LiveState

    /// The fingerprint the control plane would store for `value`, to tell whether a credential's value changed.
    func credentialFingerprint(of value: String) async throws -> String
}

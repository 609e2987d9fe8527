import ControlPlane
import Governance

/// The embedded default: the control plane's own service over a SQLite file, in this process.
public struct EmbeddedBackend: LiveBackend {
    public let controlPlane: ControlPlane
    public let principal: Principal

    /// Opens (or creates) the store at `path`, acting as `principal` (the CLI acts as the tenant's Owner).
    public init(path: String, principal: Principal = .cli) throws {
        self.controlPlane = try ControlPlane(ControlPlane.Configuration(path: path))
        self.principal = principal
    }

    public func snapshot() async throws -> LiveState {
        try await controlPlane.snapshot(as: principal)
    }

    public func credentialFingerprint(of value: String) async throws -> String {
        controlPlane.credentialFingerprint(of: value)
    }
}

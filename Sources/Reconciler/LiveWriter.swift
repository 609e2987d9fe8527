import ControlPlane
import Governance

/// The write side of the live state: one method per operation a plan can contain.
///
/// The embedded control plane implements it now and a remote API client will implement it next. Every write to an
/// existing resource takes the revision the plan read, and fails with `revision-mismatch` when the resource moved
/// since, so an apply never overwrites a change it did not see. Implementations throw `ControlPlaneError`.
public protocol LiveWriter: Sendable {
    /// Creates environment `slug`.
    func createEnvironment(_ slug: String, _ fields: EnvironmentFields) async throws
    /// Replaces environment `slug`'s fields; removing the production flag needs the Owner role.
    func updateEnvironment(_ slug: String, to fields: EnvironmentFields, expectedRevision: Int64?) async throws
    /// Deletes environment `slug` with everything in it (the control plane's guards still apply).
    func deleteEnvironment(_ slug: String, expectedRevision: Int64?) async throws

    /// Creates policies, all or none, in one call (the fast path of a large apply).
    func createPolicies(_ drafts: [PolicyDraft]) async throws
    /// Replaces policy `name` of `environment`.
    func updatePolicy(_ name: String, in environment: String, to policy: Policy, labels: [String: String],
                      expectedRevision: Int64?) async throws
    /// Deletes policy `name` of `environment`.
    func deletePolicy(_ name: String, in environment: String, expectedRevision: Int64?) async throws

    /// Registers agent `name` in `environment`.
    func createAgent(_ name: String, in environment: String, _ fields: AgentFields) async throws
    /// Replaces agent `name`'s fields, moving it to `moveTo` when not nil.
    func updateAgent(_ name: String, in environment: String, to fields: AgentFields, moveTo: String?,
                     expectedRevision: Int64?) async throws
    /// Deregisters agent `name` of `environment`.
    func deleteAgent(_ name: String, in environment: String, expectedRevision: Int64?) async throws

    /// Issues key `name` (`environment` nil: tenant-wide); the result holds its secret, the only time it is seen.
    func createApiKey(_ name: String, in environment: String?, role: Role, labels: [String: String]) async throws -> IssuedApiKey
    /// Changes key `name`'s role and labels; its secret stays.
    func updateApiKey(_ name: String, in environment: String?, role: Role, labels: [String: String],
                      expectedRevision: Int64?) async throws
    /// Revokes key `name`: the plan's delete of a key.
    func revokeApiKey(_ name: String, in environment: String?, expectedRevision: Int64?) async throws

    /// Stores credential `name` with `value`.
    func createCredential(_ name: String, in environment: String?, type: CredentialType, value: String,
                          labels: [String: String]) async throws
    /// Changes credential `name`'s type and labels, and its value when `value` is not nil.
    func updateCredential(_ name: String, in environment: String?, type: CredentialType, value: String?,
                          labels: [String: String], expectedRevision: Int64?) async throws
    /// Deletes credential `name` and its grants.
    func deleteCredential(_ name: String, in environment: String?, expectedRevision: Int64?) async throws
    /// Makes credential `name`'s grants exactly `agents`, in one write.
    func setCredentialGrants(_ name: String, in environment: String?, to agents: [AgentReference], expectedRevision: Int64?) async throws

    /// Replaces the tenant's settings.
    func updateSettings(_ settings: SettingsSpec, expectedRevision: Int64?) async throws

    /// Whether `createPolicies` is all-or-none; when not, the applier sends each policy create as its own step.
    var createsPoliciesAtomically: Bool { get }

    /// Whether the writer already retries its transient failures itself; then the applier does not send again.
    var retriesTransientFailures: Bool { get }
}

extension LiveWriter {
    /// The embedded control plane creates a batch in one transaction.
    public var createsPoliciesAtomically: Bool { true }

    /// The embedded control plane leaves retries to the applier.
    public var retriesTransientFailures: Bool { false }
}

import ControlPlane
import Governance

/// The write side over the in-process control plane, acting as the backend's principal.
extension EmbeddedBackend {
    public func createEnvironment(_ slug: String, _ fields: EnvironmentFields) async throws {
        _ = try await controlPlane.createEnvironment(slug: slug, fields, as: principal)
    }

    public func updateEnvironment(_ slug: String, to fields: EnvironmentFields, expectedRevision: Int64?) async throws {
        _ = try await controlPlane.updateEnvironment(slug, to: fields, expectedRevision: expectedRevision, as: principal)
    }

    public func deleteEnvironment(_ slug: String, expectedRevision: Int64?) async throws {
        try await controlPlane.deleteEnvironment(slug, expectedRevision: expectedRevision, as: principal)
    }

    public func createPolicies(_ drafts: [PolicyDraft]) async throws {
        _ = try await controlPlane.createPolicies(drafts, as: principal)
    }

    public func updatePolicy(_ name: String, in environment: String, to policy: Policy, labels: [String: String],
                             expectedRevision: Int64?) async throws {
        _ = try await controlPlane.updatePolicy(name, in: environment, to: policy, labels: labels, expectedRevision: expectedRevision,
                                                as: principal)
    }

    public func deletePolicy(_ name: String, in environment: String, expectedRevision: Int64?) async throws {
        try await controlPlane.deletePolicy(name, in: environment, expectedRevision: expectedRevision, as: principal)
    }

    public func createAgent(_ name: String, in environment: String, _ fields: AgentFields) async throws {
        _ = try await controlPlane.createAgent(name, in: environment, fields, as: principal)
    }

    public func updateAgent(_ name: String, in environment: String, to fields: AgentFields, moveTo: String?,
                            expectedRevision: Int64?) async throws {
        _ = try await controlPlane.updateAgent(name, in: environment, to: fields, moveTo: moveTo, expectedRevision: expectedRevision,
                                               as: principal)
    }

    public func deleteAgent(_ name: String, in environment: String, expectedRevision: Int64?) async throws {
        try await controlPlane.deleteAgent(name, in: environment, expectedRevision: expectedRevision, as: principal)
    }

    public func createApiKey(_ name: String, in environment: String?, role: Role, labels: [String: String]) async throws -> IssuedApiKey {
        try await controlPlane.createApiKey(name, in: environment, role: role, labels: labels, as: principal)
    }

    public func updateApiKey(_ name: String, in environment: String?, role: Role, labels: [String: String],
                             expectedRevision: Int64?) async throws {
        _ = try await controlPlane.updateApiKey(name, in: environment, role: role, labels: labels, expectedRevision: expectedRevision,
                                                as: principal)
    }

    public func revokeApiKey(_ name: String, in environment: String?, expectedRevision: Int64?) async throws {
        try await controlPlane.revokeApiKey(name, in: environment, expectedRevision: expectedRevision, as: principal)
    }

    public func createCredential(_ name: String, in environment: String?, type: CredentialType, value: String,
                                 labels: [String: String]) async throws {
        _ = try await controlPlane.createCredential(name, in: environment, type: type, value: value, labels: labels, as: principal)
    }

    public func updateCredential(_ name: String, in environment: String?, type: CredentialType, value: String?,
                                 labels: [String: String], expectedRevision: Int64?) async throws {
        _ = try await controlPlane.updateCredential(name, in: environment, type: type, value: value, labels: labels,
                                                    expectedRevision: expectedRevision, as: principal)
    }

    public func deleteCredential(_ name: String, in environment: String?, expectedRevision: Int64?) async throws {
        try await controlPlane.deleteCredential(name, in: environment, expectedRevision: expectedRevision, as: principal)
    }

    public func setCredentialGrants(_ name: String, in environment: String?, to agents: [AgentReference],
                                    expectedRevision: Int64?) async throws {
        _ = try await controlPlane.setCredentialGrants(name, in: environment, to: agents, expectedRevision: expectedRevision,
                                                       as: principal)
    }

    public func updateSettings(_ settings: SettingsSpec, expectedRevision: Int64?) async throws {
        _ = try await controlPlane.updateSettings(settings, expectedRevision: expectedRevision, as: principal)
    }
}

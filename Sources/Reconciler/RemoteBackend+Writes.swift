import ControlPlane
import Foundation
import Governance
import NIOHTTP1

/// The write side over the API: one call per write; creates carry an `Idempotency-Key`, changes carry `If-Match`.
extension RemoteBackend {
    public func createEnvironment(_ slug: String, _ fields: EnvironmentFields) async throws {
        var body = Self.environmentBody(fields)
        body["slug"] = .string(slug)
        try await create("/environments", body, address: Address.environment(slug))
    }

    public func updateEnvironment(_ slug: String, to fields: EnvironmentFields, expectedRevision: Int64?) async throws {
        try await change(.PATCH, "/environments/env_\(slug)", Self.environmentBody(fields), ifMatch: expectedRevision,
                         address: Address.environment(slug))
    }

    public func deleteEnvironment(_ slug: String, expectedRevision: Int64?) async throws {
        try await change(.DELETE, "/environments/env_\(slug)", nil, ifMatch: expectedRevision, address: Address.environment(slug))
    }

    public func createPolicies(_ drafts: [PolicyDraft]) async throws {
        for draft in drafts {
            let address = Address.policy(draft.environment ?? principal.environment ?? "", draft.policy.name)
            var body = Self.policyBody(draft.policy, labels: draft.labels)
            if let environment = draft.environment { body["environment_id"] = .string("env_" + environment) }
            try await create("/policies", body, address: address)
        }
    }

    public func updatePolicy(_ name: String, in environment: String, to policy: Policy, labels: [String: String],
                             expectedRevision: Int64?) async throws {
        let address = Address.policy(environment, name)
        let id = try await resolve(address, list: "/policies", in: environment)
        try await change(.PATCH, "/policies/\(id)", Self.policyBody(policy, labels: labels), ifMatch: expectedRevision, address: address)
    }

    public func deletePolicy(_ name: String, in environment: String, expectedRevision: Int64?) async throws {
        let address = Address.policy(environment, name)
        let id = try await resolve(address, list: "/policies", in: environment)
        try await change(.DELETE, "/policies/\(id)", nil, ifMatch: expectedRevision, address: address)
    }

    public func createAgent(_ name: String, in environment: String, _ fields: AgentFields) async throws {
        var body = Self.agentBody(fields)
        body["name"] = .string(name)
        body["environment_id"] = .string("env_" + environment)
        let address = Address.agent(environment, name)
        try await create("/agents", body, address: address)
    }

    public func updateAgent(_ name: String, in environment: String, to fields: AgentFields, moveTo: String?,
                            expectedRevision: Int64?) async throws {
        let address = Address.agent(environment, name)
        let id = try await resolve(address, list: "/agents", in: environment)
        var body = Self.agentBody(fields)
        if let moveTo { body["environment_id"] = .string("env_" + moveTo) }
        try await change(.PATCH, "/agents/\(id)", body, ifMatch: expectedRevision, address: address)
    }

    public func deleteAgent(_ name: String, in environment: String, expectedRevision: Int64?) async throws {
        let address = Address.agent(environment, name)
        let id = try await resolve(address, list: "/agents", in: environment)
        try await change(.DELETE, "/agents/\(id)", nil, ifMatch: expectedRevision, address: address)
    }

    public func createApiKey(_ name: String, in environment: String?, role: Role, labels: [String: String]) async throws -> IssuedApiKey {
        var body: [String: JSONValue] = ["name": .string(name), "role": .string(role.rawValue), "labels": Self.strings(labels)]
        if let environment { body["environment_id"] = .string("env_" + environment) }
        let address = Address.apiKey(environment, name)
        let response = try await send(.POST, "/api-keys", body, idempotencyKey: RemoteIdempotency.key(action: "create", address: address),
                                      address: address)
        let key = try decode(RemoteShapes.ApiKey.self, response, resource: address.description)
        let secret = try decode(RemoteShapes.IssuedKey.self, response, resource: address.description).secret
        return IssuedApiKey(key: key.live, secret: secret)
    }

    /// Sent as `PATCH /api-keys/{id}`, which the vendor documents only as "rotate and change access level".
    public func updateApiKey(_ name: String, in environment: String?, role: Role, labels: [String: String],
                             expectedRevision: Int64?) async throws {
        let address = Address.apiKey(environment, name)
        let id = try await resolve(address, list: "/api-keys", in: environment)
        try await change(.PATCH, "/api-keys/\(id)", ["role": .string(role.rawValue), "labels": Self.strings(labels)],
                         ifMatch: expectedRevision, address: address)
    }

    public func revokeApiKey(_ name: String, in environment: String?, expectedRevision: Int64?) async throws {
        let address = Address.apiKey(environment, name)
        let id = try await resolve(address, list: "/api-keys", in: environment)
        try await change(.DELETE, "/api-keys/\(id)", nil, ifMatch: expectedRevision, address: address)
    }

    public func createCredential(_ name: String, in environment: String?, type: CredentialType, value: String,
                                 labels: [String: String]) async throws {
        var body: [String: JSONValue] = ["name": .string(name), "type": .string(type.rawValue), "value": .string(value),
                                         "labels": Self.strings(labels)]
        if let environment { body["environment_id"] = .string("env_" + environment) }
        let address = Address.credential(environment, name)
        try await create("/credentials", body, address: address)
    }

    public func updateCredential(_ name: String, in environment: String?, type: CredentialType, value: String?,
                                 labels: [String: String], expectedRevision: Int64?) async throws {
        let address = Address.credential(environment, name)
        let id = try await resolve(address, list: "/credentials", in: environment)
        var body: [String: JSONValue] = ["type": .string(type.rawValue), "labels": Self.strings(labels)]
        if let value { body["value"] = .string(value) }
        try await change(.PATCH, "/credentials/\(id)", body, ifMatch: expectedRevision, address: address)
    }

    public func deleteCredential(_ name: String, in environment: String?, expectedRevision: Int64?) async throws {
        let address = Address.credential(environment, name)
        let id = try await resolve(address, list: "/credentials", in: environment)
        try await change(.DELETE, "/credentials/\(id)", nil, ifMatch: expectedRevision, address: address)
    }

    /// `PUT /credentials/{id}/grants` with the whole list, in the shape credentials show their grants; the vendor
    /// documents grants but not their route.
    public func setCredentialGrants(_ name: String, in environment: String?, to agents: [AgentReference],
                                    expectedRevision: Int64?) async throws {
        let address = Address.credential(environment, name)
        let id = try await resolve(address, list: "/credentials", in: environment)
        let grants = agents.map { JSONValue.object(["environment_id": .string("env_" + $0.environment), "agent": .string($0.name)]) }
        try await change(.PUT, "/credentials/\(id)/grants", ["grants": .array(grants)], ifMatch: expectedRevision, address: address)
    }

    public func updateSettings(_ settings: SettingsSpec, expectedRevision: Int64?) async throws {
        let channels = settings.notificationChannels.map { JSONValue.object(["type": .string($0.type), "target": .string($0.target)]) }
        let body: [String: JSONValue] = ["mfa_required": .bool(settings.mfaRequired), "default_role": .string(settings.defaultRole.rawValue),
                                         "notification_channels": .array(channels), "prune": .bool(settings.prune)]
        try await change(.PATCH, "/settings", body, ifMatch: expectedRevision, address: .settings)
    }
}

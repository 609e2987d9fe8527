import ControlPlane
import Foundation
import Governance
import NIOHTTP1

/// The calls every write is made of, and the JSON bodies the API takes.
extension RemoteBackend {
    /// The id field of any resource the API returns.
    private struct Identified: Decodable {
        var id: String?
        var name: String?
        var environmentId: String?
        var revokedAt: Date?
        enum CodingKeys: String, CodingKey { case id, name, environmentId = "environment_id", revokedAt = "revoked_at" }
    }

    /// POSTs `body` to `path` with the change's idempotency key. The new id is not taken from the answer: a later
    /// write looks it up by name, so an answer with a wrong or missing id cannot misdirect it.
    ///
    /// When an earlier attempt's answer was lost and the server no longer remembers the key (it restarted), the
    /// retry finds the name taken: that is the earlier attempt's own create, so the change is done, and a re-plan
    /// shows any difference.
    func create(_ path: String, _ body: [String: JSONValue], address: Address) async throws {
        let request = RemoteRequest(method: .POST, path: path, body: try Self.encode(body),
                                    idempotencyKey: RemoteIdempotency.key(action: "create", address: address), resource: address.description)
        let response = try await transport.send(request)
        if (200..<300).contains(response.status) { return }
        let error = RemoteErrors.from(status: response.status, body: response.body, resource: address.description, endpoint: transport.endpoint)
        if response.retriedAfterLoss && (error.code == .nameTaken || error.code == .slugTaken) { return }
        throw error
    }

    /// A PATCH or DELETE of an existing resource, conditional on `ifMatch`.
    ///
    /// When an earlier attempt's response was lost, that attempt may have been carried out: a DELETE then finding
    /// nothing is done, and a 412 may be the write's own effect, which the error says so a re-plan can tell.
    func change(_ method: HTTPMethod, _ path: String, _ body: [String: JSONValue]?, ifMatch: Int64?, address: Address) async throws {
        let response = try await transport.send(RemoteRequest(method: method, path: path, body: try body.map(Self.encode),
                                                              ifMatch: ifMatch, resource: address.description))
        if (200..<300).contains(response.status) { return }
        if response.retriedAfterLoss && method == .DELETE && response.status == 404 { return }
        var error = RemoteErrors.from(status: response.status, body: response.body, resource: address.description, endpoint: transport.endpoint)
        if response.retriedAfterLoss && response.status == 412 {
            error = ControlPlaneError(error.code, resource: address.description,
                                      error.message + "; an earlier attempt whose answer was lost may have applied this change: run plan again")
        }
        throw error
    }

    /// Sends one call and returns its success answer, or throws its error.
    func send(_ method: HTTPMethod, _ path: String, _ body: [String: JSONValue], idempotencyKey: String?,
              address: Address) async throws -> RemoteResponse {
        let response = try await transport.send(RemoteRequest(method: method, path: path, body: try Self.encode(body),
                                                              idempotencyKey: idempotencyKey, resource: address.description))
        guard (200..<300).contains(response.status) else {
            throw RemoteErrors.from(status: response.status, body: response.body, resource: address.description, endpoint: transport.endpoint)
        }
        return response
    }

    /// The API id of `address`, from what was read before or else from its environment's list at `path`.
    func resolve(_ address: Address, list path: String, in environment: String?) async throws -> String {
        if let id = ids.id(address) { return id }
        let query = environment.map { [("environment_id", "env_" + $0)] } ?? []
        let items: [Identified] = try await list(path, query: query, resource: address.description)
        for item in items.sorted(by: { ($0.revokedAt == nil ? 1 : 0) < ($1.revokedAt == nil ? 1 : 0) }) {
            guard let id = item.id, let name = item.name,
                  let seen = Address.named(address.kind, in: item.environmentId.map(RemoteShapes.slug), name) else { continue }
            ids.set(seen, id)
        }
        guard let id = ids.id(address) else {
            throw ControlPlaneError(.notFound, resource: address.description,
                                    "\(address) does not exist at \(transport.endpoint) (or this key cannot see it); run plan again")
        }
        return id
    }

    static func environmentBody(_ fields: EnvironmentFields) -> [String: JSONValue] {
        ["name": .string(fields.name), "description": fields.description.map(JSONValue.string) ?? .null,
         "is_production": .bool(fields.isProduction), "enforcement_mode": .string(fields.enforcementMode.rawValue),
         "labels": strings(fields.labels)]
    }

    static func policyBody(_ policy: Policy, labels: [String: String]) -> [String: JSONValue] {
        ["name": .string(policy.name), "type": .string(policy.type.rawValue), "action_pattern": .string(policy.actionPattern.description),
         "priority": .int(policy.priority), "constraints": .object(policy.constraints),
         "description": policy.description.map(JSONValue.string) ?? .null, "labels": strings(labels)]
    }

    static func agentBody(_ fields: AgentFields) -> [String: JSONValue] {
        ["description": fields.description.map(JSONValue.string) ?? .null,
         "mission_scope": fields.missionScope.map(JSONValue.string) ?? .null,
         "status": .string(fields.status.rawValue), "labels": strings(fields.labels)]
    }

    static func strings(_ labels: [String: String]) -> JSONValue { .object(labels.mapValues(JSONValue.string)) }

    /// JSON with sorted keys, so the same change always has the same body (the server ties a key to its body).
    static func encode(_ body: [String: JSONValue]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(JSONValue.object(body))
    }
}

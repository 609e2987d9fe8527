import Foundation
import Governance

/// An API key as the API shows it: never its secret.
struct ApiKeyBody: Encodable {
    var id, name: String
    var environmentId: String?
    var role: Role
    var prefix: String
    var labels: [String: String]
    var revokedAt: Date?
    var revision: Int64
    var createdAt, updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, environmentId = "environment_id", role, prefix, labels, revokedAt = "revoked_at", revision
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    init(_ k: LiveApiKey) {
        (id, name, environmentId, role, prefix) = (k.id, k.name, k.environment.map(EnvironmentId.format), k.role, k.prefix)
        (labels, revokedAt, revision, createdAt, updatedAt) = (k.labels, k.revokedAt, k.revision, k.createdAt, k.updatedAt)
    }
}

/// A key just issued: its metadata and, this once, its secret.
struct IssuedApiKeyBody: Encodable {
    var key: ApiKeyBody
    var secret: String

    func encode(to encoder: any Encoder) throws {
        try key.encode(to: encoder)
        var container = encoder.container(keyedBy: SecretKey.self)
        try container.encode(secret, forKey: .secret)
    }

    enum SecretKey: String, CodingKey { case secret }
}

/// `POST /api-keys`: without `environment_id` the key is tenant-wide (a scoped issuer's key lands in its environment);
/// without `role` it gets `Role.newKeyDefault`.
struct ApiKeyCreate: StrictBody {
    var name: String
    var role: String?
    var environmentId: String?
    var labels: [String: String]?

    enum CodingKeys: String, CodingKey, CaseIterable { case name, role, environmentId = "environment_id", labels }

    static func form(of field: CodingKeys) -> FieldForm {
        switch field {
        case .name, .role, .environmentId: .string
        case .labels: .labels
        }
    }
}

/// `PATCH /api-keys/{id}`: a new role and labels; absent keeps them.
struct ApiKeyPatch: StrictBody {
    var role: String?
    var labels: [String: String]?

    enum CodingKeys: String, CodingKey, CaseIterable { case role, labels }

    static func form(of field: CodingKeys) -> FieldForm {
        switch field {
        case .role: .string
        case .labels: .labels
        }
    }
}

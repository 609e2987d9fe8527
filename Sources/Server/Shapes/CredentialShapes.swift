import Foundation
import Governance

/// A credential as the API shows it: metadata only, never its value (nor its fingerprint).
struct CredentialBody: Encodable {
    var id, name: String
    var environmentId: String?
    var type: CredentialType
    var grants: [Grant]
    var labels: [String: String]
    var revision: Int64
    var createdAt, updatedAt: Date

    /// An agent allowed to lease the credential.
    struct Grant: Encodable {
        var environmentId, agent: String
        enum CodingKeys: String, CodingKey { case environmentId = "environment_id", agent }
    }

    enum CodingKeys: String, CodingKey {
        case id, name, environmentId = "environment_id", type, grants, labels, revision, createdAt = "created_at", updatedAt = "updated_at"
    }

    init(_ c: LiveCredential) {
        (id, name, environmentId, type) = (c.id, c.name, c.environment.map(EnvironmentId.format), c.type)
        grants = c.grants.map { Grant(environmentId: EnvironmentId.format($0.environment), agent: $0.name) }
        (labels, revision, createdAt, updatedAt) = (c.labels, c.revision, c.createdAt, c.updatedAt)
    }
}

/// `POST /credentials`: `value` is write-only.
struct CredentialCreate: StrictBody {
    var name, type, value: String
    var environmentId: String?
    var labels: [String: String]?

    enum CodingKeys: String, CodingKey, CaseIterable { case name, type, value, environmentId = "environment_id", labels }

    static func form(of field: CodingKeys) -> FieldForm {
        switch field {
        case .name, .type, .value, .environmentId: .string
        case .labels: .labels
        }
    }
}

/// `PATCH /credentials/{id}`: a new `value` replaces the secret; absent keeps it.
struct CredentialPatch: StrictBody {
    var type, value: String?
    var labels: [String: String]?

    enum CodingKeys: String, CodingKey, CaseIterable { case type, value, labels }

    static func form(of field: CodingKeys) -> FieldForm {
        switch field {
        case .type, .value: .string
        case .labels: .labels
        }
    }
}

/// `PUT /credentials/{id}/grants`: the whole list of agents allowed to lease the credential.
struct CredentialGrants: StrictBody {
    var grants: [Grant]

    /// One agent, named by its environment's id and its name.
    struct Grant: StrictBody {
        var environmentId, agent: String
        enum CodingKeys: String, CodingKey, CaseIterable { case environmentId = "environment_id", agent }

        static func form(of field: CodingKeys) -> FieldForm { .string }
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case grants }

    static func form(of field: CodingKeys) -> FieldForm { .array(.object(Grant.self)) }
}

import Foundation
import Governance

/// An agent as the API shows it.
struct AgentBody: Encodable {
    var id, environmentId, name: String
    var description, missionScope: String?
    var status: AgentStatus
    var labels: [String: String]
    var revision: Int64
    var createdAt, updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, environmentId = "environment_id", name, description, missionScope = "mission_scope", status, labels, revision
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    init(_ a: LiveAgent) {
        (id, environmentId, name, description, missionScope) = (a.id, EnvironmentId.format(a.environment), a.name, a.description, a.missionScope)
        (status, labels, revision, createdAt, updatedAt) = (a.status, a.labels, a.revision, a.createdAt, a.updatedAt)
    }
}

/// `POST /agents`; a tenant-wide key names `environment_id`, a scoped key's agent lands in its environment.
struct AgentCreate: StrictBody {
    var name: String
    var environmentId: String?
    var description, missionScope, status: String?
    var labels: [String: String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, environmentId = "environment_id", description, missionScope = "mission_scope", status, labels
    }

    static func form(of field: CodingKeys) -> FieldForm {
        switch field {
        case .name, .environmentId, .status: .string
        case .description, .missionScope: .nullable(.string)
        case .labels: .labels
        }
    }
}

/// `PATCH /agents/{id}`; a new `environment_id` moves the agent.
struct AgentPatch: StrictBody {
    var environmentId: String?
    var description, missionScope, status: String?
    var labels: [String: String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case environmentId = "environment_id", description, missionScope = "mission_scope", status, labels
    }

    static func form(of field: CodingKeys) -> FieldForm {
        switch field {
        case .environmentId, .status: .string
        case .description, .missionScope: .nullable(.string)
        case .labels: .labels
        }
    }
}

import Foundation
import Governance

/// An environment as the API shows it.
struct EnvironmentBody: Encodable {
    var id, slug, name: String
    var description: String?
    var isProduction: Bool
    var enforcementMode: EnforcementMode
    var labels: [String: String]
    var isDefault: Bool
    var agentCount, policyCount: Int
    var revision: Int64
    var createdAt, updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, slug, name, description, isProduction = "is_production", enforcementMode = "enforcement_mode", labels
        case isDefault = "is_default", agentCount = "agent_count", policyCount = "policy_count", revision
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    init(_ e: LiveEnvironment) {
        (id, slug, name, description, isProduction, enforcementMode) = (e.id, e.slug, e.name, e.description, e.isProduction, e.enforcementMode)
        (labels, isDefault, agentCount, policyCount) = (e.labels, e.isDefault, e.agentCount, e.policyCount)
        (revision, createdAt, updatedAt) = (e.revision, e.createdAt, e.updatedAt)
    }
}

/// `POST /environments`.
struct EnvironmentCreate: StrictBody {
    var slug: String
    var name: String
    var description: String?
    var isProduction: Bool?
    var enforcementMode: String?
    var labels: [String: String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case slug, name, description, isProduction = "is_production", enforcementMode = "enforcement_mode", labels
    }

    static func form(of field: CodingKeys) -> FieldForm {
        switch field {
        case .slug, .name, .enforcementMode: .string
        case .description: .nullable(.string)
        case .isProduction: .boolean
        case .labels: .labels
        }
    }
}

/// `PATCH /environments/{id}`: only the fields sent change; `description: null` clears it.
struct EnvironmentPatch: StrictBody {
    var name: String?
    var description: String?
    var isProduction: Bool?
    var enforcementMode: String?
    var labels: [String: String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, isProduction = "is_production", enforcementMode = "enforcement_mode", labels
    }

    static func form(of field: CodingKeys) -> FieldForm {
        switch field {
        case .name, .enforcementMode: .string
        case .description: .nullable(.string)
        case .isProduction: .boolean
        case .labels: .labels
        }
    }
}

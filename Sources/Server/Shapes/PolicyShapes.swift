import Foundation
import Governance

/// A policy as the API shows it.
struct PolicyBody: Encodable {
    var id, environmentId, name: String
    var type: PolicyType
    var actionPattern: String
    var priority: Int
    var constraints: [String: JSONValue]
    var description: String?
    var labels: [String: String]
    var revision: Int64
    var createdAt, updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, environmentId = "environment_id", name, type, actionPattern = "action_pattern", priority, constraints
        case description, labels, revision, createdAt = "created_at", updatedAt = "updated_at"
    }

    init(_ live: LivePolicy) {
        let p = live.policy
        (id, environmentId, name, type, actionPattern) = (live.id, EnvironmentId.format(live.environment), p.name, p.type, p.actionPattern.description)
        (priority, constraints, description, labels) = (p.priority, p.constraints, p.description, live.labels)
        (revision, createdAt, updatedAt) = (live.revision, live.createdAt, live.updatedAt)
    }
}

/// `POST /policies`; a tenant-wide key names `environment_id`, a scoped key's policy lands in its environment.
struct PolicyCreate: StrictBody {
    var name, type, actionPattern: String
    var environmentId: String?
    var priority: Int?
    var constraints: [String: JSONValue]?
    var description: String?
    var labels: [String: String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, type, actionPattern = "action_pattern", environmentId = "environment_id", priority, constraints, description, labels
    }

    static func form(of field: CodingKeys) -> FieldForm {
        switch field {
        case .name, .type, .actionPattern, .environmentId: .string
        case .description: .nullable(.string)
        case .priority: .integer
        case .constraints: .anyObject
        case .labels: .labels
        }
    }
}

/// `PATCH /policies/{id}`: only the fields sent change; a new `name` renames.
struct PolicyPatch: StrictBody {
    var name, type, actionPattern: String?
    var priority: Int?
    var constraints: [String: JSONValue]?
    var description: String?
    var labels: [String: String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, type, actionPattern = "action_pattern", priority, constraints, description, labels
    }

    static func form(of field: CodingKeys) -> FieldForm {
        switch field {
        case .name, .type, .actionPattern: .string
        case .description: .nullable(.string)
        case .priority: .integer
        case .constraints: .anyObject
        case .labels: .labels
        }
    }
}

extension ActionPattern {
    /// Parses a pattern from a request; a bad one is the domain's `invalid-pattern`, answered 422.
    static func fromRequest(_ text: String) throws -> ActionPattern {
        do {
            return try ActionPattern(parsing: text)
        } catch {
            throw APIError(.unprocessableContent, "unprocessable", "field 'action_pattern': \(error.message)", rule: error.code)
        }
    }
}

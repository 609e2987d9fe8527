import Foundation
import GRDB
import Governance

/// A row of `environment`.
struct EnvironmentRecord: FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "environment"

    var id: Int64?
    var slug: String
    var name: String
    var description: String?
    var isProduction: Bool
    var enforcementMode: String
    var labels: String
    var isDefault: Bool
    var revision: Int64
    var createdAt: Double
    var updatedAt: Double

    init(id: Int64? = nil, slug: String, name: String, description: String?, isProduction: Bool, enforcementMode: String,
         labels: String, isDefault: Bool, revision: Int64, createdAt: Double, updatedAt: Double) {
        self.id = id
        self.slug = slug
        self.name = name
        self.description = description
        self.isProduction = isProduction
        self.enforcementMode = enforcementMode
        self.labels = labels
        self.isDefault = isDefault
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        slug = try row.decode(forColumn: "slug")
        name = try row.decode(forColumn: "name")
        description = try row.decode(forColumn: "description")
        isProduction = try row.decode(forColumn: "is_production")
        enforcementMode = try row.decode(forColumn: "enforcement_mode")
        labels = try row.decode(forColumn: "labels")
        isDefault = try row.decode(forColumn: "is_default")
        revision = try row.decode(forColumn: "revision")
        createdAt = try row.decode(forColumn: "created_at")
        updatedAt = try row.decode(forColumn: "updated_at")
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["slug"] = slug
        container["name"] = name
        container["description"] = description
        container["is_production"] = isProduction
        container["enforcement_mode"] = enforcementMode
        container["labels"] = labels
        container["is_default"] = isDefault
        container["revision"] = revision
        container["created_at"] = createdAt
        container["updated_at"] = updatedAt
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var address: String { Address.environment(slug).description }

    /// The environment with the slug, or `not-found`.
    static func named(_ slug: String, _ db: Database) throws -> EnvironmentRecord {
        guard let record = try EnvironmentRecord.filter(Column("slug") == slug).fetchOne(db) else {
            throw ControlPlaneError(.notFound, resource: Address.environment(slug).description,
                                    "environment '\(slug)' does not exist; list environments with `govctl get environments`")
        }
        return record
    }

    func live(agentCount: Int, policyCount: Int) throws -> LiveEnvironment {
        LiveEnvironment(slug: slug, name: name, description: description, isProduction: isProduction,
                        enforcementMode: try StoredEnum.decode(enforcementMode, "enforcement mode"),
                        labels: try JSONCoding.labels(labels), isDefault: isDefault, agentCount: agentCount,
                        policyCount: policyCount, revision: revision, createdAt: Date(timeIntervalSince1970: createdAt),
                        updatedAt: Date(timeIntervalSince1970: updatedAt))
    }

    /// The live environment with its counts, derived from the rows that exist now.
    func live(_ db: Database) throws -> LiveEnvironment {
        let agents = try Int.fetchOne(db, sql: "SELECT count(*) FROM agent WHERE environment_id = ?", arguments: [id]) ?? 0
        let policies = try Int.fetchOne(db, sql: "SELECT count(*) FROM policy WHERE environment_id = ?", arguments: [id]) ?? 0
        return try live(agentCount: agents, policyCount: policies)
    }

    /// What audit events record of the environment.
    var auditValue: JSONValue {
        .object([
            "slug": .string(slug), "name": .string(name), "description": description.map(JSONValue.string) ?? .null,
            "is_production": .bool(isProduction), "enforcement_mode": .string(enforcementMode),
            "labels": (try? JSONCoding.value(labels)) ?? .object([:]),
        ])
    }
}

/// Reads enums the store keeps as text; an unknown value means the file was edited by hand or by a newer govctl.
enum StoredEnum {
    static func decode<T: RawRepresentable>(_ raw: String, _ what: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else {
            throw ControlPlaneError(.storeError, resource: "", "the state store holds an unknown \(what) '\(raw)'; was it written by a newer govctl?")
        }
        return value
    }
}

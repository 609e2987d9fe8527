import Foundation
import GRDB
import Governance

/// Reads `credential` rows with their grants; the sealed value is never selected here.
enum CredentialRows {
    static let select = """
        SELECT c.id, c.name, c.type, c.fingerprint, c.labels, c.revision, c.created_at, c.updated_at, e.slug
        FROM credential c LEFT JOIN environment e ON e.id = c.environment_id
        """

    /// Credentials matching `condition` (SQL over `c` and `e`), tenant-wide first, then by environment and name.
    static func fetch(_ db: Database, where condition: String = "1", arguments: StatementArguments = []) throws -> [LiveCredential] {
        let grants = try grantsByCredential(db)
        return try Row.fetchAll(db, sql: "\(select) WHERE \(condition) ORDER BY ifnull(e.slug, ''), c.name", arguments: arguments).map { row in
            let id: Int64 = try row.decode(atIndex: 0)
            return LiveCredential(id: "cred_\(id)", name: try row.decode(atIndex: 1), environment: try row.decode(atIndex: 8), type: try StoredEnum.decode(try row.decode(atIndex: 2), "credential type"),
                                  fingerprint: try row.decode(atIndex: 3), grants: grants[id] ?? [], labels: try JSONCoding.labels(try row.decode(atIndex: 4)), revision: try row.decode(atIndex: 5),
                                  createdAt: Date(timeIntervalSince1970: try row.decode(atIndex: 6)), updatedAt: Date(timeIntervalSince1970: try row.decode(atIndex: 7)))
        }
    }

    /// Credential `name` in `slug` (nil: tenant-wide), with its row id, or `not-found`.
    static func one(_ db: Database, _ slug: String?, _ name: String, address: String) throws -> (id: Int64, live: LiveCredential) {
        let scope = slug == nil ? "c.environment_id IS NULL" : "e.slug = ?"
        let arguments: StatementArguments = slug.map { [$0, name] } ?? [name]
        guard let found = try fetch(db, where: "\(scope) AND c.name = ?", arguments: arguments).first,
              let id = Int64(found.id.dropFirst("cred_".count)) else {
            throw ControlPlaneError(.notFound, resource: address, "\(address) does not exist; list credentials with `govctl get credentials`")
        }
        return (id, found)
    }

    /// Every grant, as agent references sorted per credential.
    static func grantsByCredential(_ db: Database) throws -> [Int64: [AgentReference]] {
        var out: [Int64: [AgentReference]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT g.credential_id, e.slug, a.name FROM credential_grant g
            JOIN agent a ON a.id = g.agent_id JOIN environment e ON e.id = a.environment_id
            ORDER BY e.slug, a.name
            """)
        while let row = try rows.next() { out[try row.decode(atIndex: 0), default: []].append(AgentReference(environment: try row.decode(atIndex: 1), name: try row.decode(atIndex: 2))) }
        return out
    }

    /// What audit events record of a credential: the fingerprint, never the value.
    static func auditValue(_ credential: LiveCredential) -> JSONValue {
        .object([
            "name": .string(credential.name), "environment": credential.environment.map(JSONValue.string) ?? .null,
            "type": .string(credential.type.rawValue), "fingerprint": .string(credential.fingerprint),
            "grants": .array(credential.grants.map { .string($0.description) }),
            "labels": .object(credential.labels.mapValues(JSONValue.string)),
        ])
    }
}

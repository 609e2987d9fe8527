import Foundation
import GRDB
import Governance

/// Reads `api_key` rows; the secret hash is never selected here.
enum ApiKeyRows {
    static let select = """
        SELECT k.id, k.name, k.role, k.prefix, k.labels, k.revoked_at, k.revision, k.created_at, k.updated_at, e.slug
        FROM api_key k LEFT JOIN environment e ON e.id = k.environment_id
        """

    static func live(_ row: Row) throws -> LiveApiKey {
        let id: Int64 = try row.decode(atIndex: 0)
        let revoked: Double? = try row.decode(atIndex: 5)
        return LiveApiKey(id: "key_\(id)", name: try row.decode(atIndex: 1), environment: try row.decode(atIndex: 9), role: try StoredEnum.decode(try row.decode(atIndex: 2), "role"),
                          prefix: try row.decode(atIndex: 3), labels: try JSONCoding.labels(try row.decode(atIndex: 4)), revokedAt: revoked.map(Date.init(timeIntervalSince1970:)),
                          revision: try row.decode(atIndex: 6), createdAt: Date(timeIntervalSince1970: try row.decode(atIndex: 7)), updatedAt: Date(timeIntervalSince1970: try row.decode(atIndex: 8)))
    }

    /// Keys matching `condition` (SQL over `k` and `e`), tenant-wide first, then by environment and name.
    static func fetch(_ db: Database, where condition: String = "1", arguments: StatementArguments = []) throws -> [LiveApiKey] {
        try Row.fetchAll(db, sql: "\(select) WHERE \(condition) ORDER BY ifnull(e.slug, ''), k.name, k.id", arguments: arguments).map(live)
    }

    /// The live (unrevoked) key `name` in `slug` (nil: tenant-wide), with its row id, or `not-found`.
    static func one(_ db: Database, _ slug: String?, _ name: String, address: String) throws -> (id: Int64, live: LiveApiKey) {
        let scope = slug == nil ? "k.environment_id IS NULL" : "e.slug = ?"
        let arguments: StatementArguments = slug.map { [$0, name] } ?? [name]
        guard let row = try Row.fetchOne(db, sql: "\(select) WHERE \(scope) AND k.name = ? AND k.revoked_at IS NULL", arguments: arguments) else {
            throw ControlPlaneError(.notFound, resource: address, "\(address) does not exist or was revoked; list keys with `govctl get apikeys`")
        }
        return (try row.decode(atIndex: 0), try live(row))
    }

    static func auditValue(_ key: LiveApiKey) -> JSONValue {
        .object([
            "name": .string(key.name), "environment": key.environment.map(JSONValue.string) ?? .null, "role": .string(key.role.rawValue),
            "prefix": .string(key.prefix), "labels": .object(key.labels.mapValues(JSONValue.string)),
            "revoked": .bool(key.revokedAt != nil),
        ])
    }
}

import Foundation
import GRDB
import Governance

/// What deleting an environment takes with it.
enum EnvironmentCascade {
    struct Removed {
        var credentials: [String]
        var apiKeys: [String]
        var agents: [String]
        var policyCount: Int

        /// What the environment's deletion event records it took along.
        var auditValue: JSONValue {
            .object(["credentials": .array(credentials.map(JSONValue.string)), "api_keys": .array(apiKeys.map(JSONValue.string)),
                     "agents": .array(agents.map(JSONValue.string)), "policies": .int(policyCount)])
        }
    }

    /// Deletes grants, credentials, API keys, policies and agents of the environment, then the environment.
    static func delete(_ record: EnvironmentRecord, _ db: Database) throws -> Removed {
        let credentials = try String.fetchAll(db, sql: "SELECT name FROM credential WHERE environment_id = ? ORDER BY name", arguments: [record.id])
        let keys = try String.fetchAll(db, sql: "SELECT name FROM api_key WHERE environment_id = ? AND revoked_at IS NULL ORDER BY name", arguments: [record.id])
        let agents = try String.fetchAll(db, sql: "SELECT name FROM agent WHERE environment_id = ? ORDER BY name", arguments: [record.id])
        let policies = try Int.fetchOne(db, sql: "SELECT count(*) FROM policy WHERE environment_id = ?", arguments: [record.id]) ?? 0
        // Grants go first: those on the environment's credentials and those held by its agents (even on tenant-wide credentials).
        try db.execute(sql: """
            DELETE FROM credential_grant
            WHERE credential_id IN (SELECT id FROM credential WHERE environment_id = ?1)
               OR agent_id IN (SELECT id FROM agent WHERE environment_id = ?1)
            """, arguments: [record.id])
        for table in ["credential", "api_key", "policy", "agent"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE environment_id = ?", arguments: [record.id])
        }
        try db.execute(sql: "DELETE FROM environment WHERE id = ?", arguments: [record.id])
        return Removed(credentials: credentials.map { Address.credential(record.slug, $0).description },
                       apiKeys: keys.map { Address.apiKey(record.slug, $0).description }, agents: agents.map { Address.agent(record.slug, $0).description },
                       policyCount: policies)
    }
}

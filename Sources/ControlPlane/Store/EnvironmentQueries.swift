import Foundation
import GRDB
import Governance

/// Queries over environments shared by lists and snapshots.
enum EnvironmentQueries {
    /// Every environment, sorted by slug, with counts computed in the same query.
    static func all(_ db: Database) throws -> [LiveEnvironment] {
        let agents = try countsByEnvironment("agent", db)
        let policies = try countsByEnvironment("policy", db)
        return try EnvironmentRecord.order(Column("slug")).fetchAll(db).map { record in
            try record.live(agentCount: agents[record.id ?? -1] ?? 0, policyCount: policies[record.id ?? -1] ?? 0)
        }
    }

    private static func countsByEnvironment(_ table: String, _ db: Database) throws -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT environment_id, count(*) FROM \(table) GROUP BY environment_id")
        while let row = try rows.next() { counts[try row.decode(atIndex: 0)] = try row.decode(atIndex: 1) }
        return counts
    }
}

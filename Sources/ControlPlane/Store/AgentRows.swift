import Foundation
import GRDB
import Governance

/// Reads `agent` rows joined to their environment's slug.
enum AgentRows {
    static let select = """
        SELECT a.id, a.name, a.description, a.mission_scope, a.status, a.labels, a.revision, a.created_at, a.updated_at, e.slug
        FROM agent a JOIN environment e ON e.id = a.environment_id
        """

    static func live(_ row: Row) throws -> LiveAgent {
        let id: Int64 = try row.decode(atIndex: 0)
        return LiveAgent(id: "agt_\(id)", environment: try row.decode(atIndex: 9), name: try row.decode(atIndex: 1), description: try row.decode(atIndex: 2), missionScope: try row.decode(atIndex: 3),
                         status: try StoredEnum.decode(try row.decode(atIndex: 4), "agent status"), labels: try JSONCoding.labels(try row.decode(atIndex: 5)),
                         revision: try row.decode(atIndex: 6), createdAt: Date(timeIntervalSince1970: try row.decode(atIndex: 7)), updatedAt: Date(timeIntervalSince1970: try row.decode(atIndex: 8)))
    }

    /// Agents matching `condition` (SQL over `a` and `e`), sorted by environment then name.
    static func fetch(_ db: Database, where condition: String = "1", arguments: StatementArguments = []) throws -> [LiveAgent] {
        try Row.fetchAll(db, sql: "\(select) WHERE \(condition) ORDER BY e.slug, a.name", arguments: arguments).map(live)
    }

    /// Agent `name` in environment `slug`, with its row id, or `not-found`.
    static func one(_ db: Database, _ slug: String, _ name: String) throws -> (id: Int64, live: LiveAgent) {
        guard let row = try Row.fetchOne(db, sql: "\(select) WHERE e.slug = ? AND a.name = ?", arguments: [slug, name]) else {
            throw ControlPlaneError(.notFound, resource: Address.agent(slug, name).description,
                                    "agent '\(name)' does not exist in '\(slug)'; list agents with `govctl get agents -e \(slug)`")
        }
        return (try row.decode(atIndex: 0), try live(row))
    }

    static func auditValue(_ agent: LiveAgent) -> JSONValue {
        .object([
            "name": .string(agent.name), "environment": .string(agent.environment),
            "description": agent.description.map(JSONValue.string) ?? .null,
            "mission_scope": agent.missionScope.map(JSONValue.string) ?? .null, "status": .string(agent.status.rawValue),
            "labels": .object(agent.labels.mapValues(JSONValue.string)),
        ])
    }
}

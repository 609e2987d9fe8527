import Foundation
import GRDB
import Governance

/// Reads and writes `policy` rows with prepared statements: the table holds 100k rows in big tenants.
enum PolicyRows {
    static let columns = "p.id, p.name, p.type, p.action_pattern, p.priority, p.constraints, p.description, p.labels, p.revision, p.created_at, p.updated_at, e.slug"
    static let from = "FROM policy p JOIN environment e ON e.id = p.environment_id"

    /// Builds a live policy from a row selected with `columns`; patterns were checked on write, so none is re-parsed.
    static func live(_ row: Row, memo: JSONCoding.Memo = JSONCoding.Memo()) throws -> LivePolicy {
        let pattern: String = try row.decode(atIndex: 3)
        let actionPattern: ActionPattern = pattern.hasPrefix(ActionPattern.regexPrefix)
            ? .regex(String(pattern.dropFirst(ActionPattern.regexPrefix.count))) : .glob(pattern)
        let id: Int64 = try row.decode(atIndex: 0)
        let policy = Policy(name: try row.decode(atIndex: 1), type: try StoredEnum.decode(try row.decode(atIndex: 2), "policy type"), actionPattern: actionPattern,
                            priority: try row.decode(atIndex: 4), constraints: try memo.object(try row.decode(atIndex: 5)), description: try row.decode(atIndex: 6))
        return LivePolicy(id: "pol_\(id)", environment: try row.decode(atIndex: 11), policy: policy, labels: try memo.labels(try row.decode(atIndex: 7)),
                          revision: try row.decode(atIndex: 8), createdAt: Date(timeIntervalSince1970: try row.decode(atIndex: 9)), updatedAt: Date(timeIntervalSince1970: try row.decode(atIndex: 10)))
    }

    /// Policies matching `condition` (SQL over `p` and `e`), sorted by environment then name.
    static func fetch(_ db: Database, where condition: String = "1", arguments: StatementArguments = []) throws -> [LivePolicy] {
        var out: [LivePolicy] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT \(columns) \(from) WHERE \(condition) ORDER BY e.slug, p.name", arguments: arguments)
        let memo = JSONCoding.Memo()
        while let row = try rows.next() { out.append(try live(row, memo: memo)) }
        return out
    }

    /// The one policy `name` in environment `environmentId`, or `not-found`.
    static func one(_ db: Database, environmentId: Int64?, name: String, address: String) throws -> (id: Int64, live: LivePolicy) {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(columns) \(from) WHERE p.environment_id = ? AND p.name = ?",
                                         arguments: [environmentId, name]) else {
            throw ControlPlaneError(.notFound, resource: address, "\(address) does not exist; list policies with `govctl get policies`")
        }
        return (try row.decode(atIndex: 0), try live(row))
    }

    /// What audit events record of a policy.
    static func auditValue(_ policy: Policy, labels: [String: String]) -> JSONValue {
        .object([
            "name": .string(policy.name), "type": .string(policy.type.rawValue),
            "action_pattern": .string(policy.actionPattern.description), "priority": .int(policy.priority),
            "constraints": .object(policy.constraints), "description": policy.description.map(JSONValue.string) ?? .null,
            "labels": .object(labels.mapValues(JSONValue.string)),
        ])
    }
}

import Foundation
import GRDB
import Governance

/// The policy writes, each inside a caller's transaction, shared by the single-item and batch APIs.
///
/// Statements are cached and names checked through the unique index, so a batch of 100k stays fast.
enum PolicyWrites {
    /// Creates `policy` in `env`; `name-taken` when the environment already has one of that name.
    static func create(_ policy: Policy, labels: [String: String], in env: EnvironmentRecord, _ change: WriteTransaction) throws -> LivePolicy {
        let address = Address.policy(env.slug, policy.name).description
        try requireFreeName(policy.name, env, change.db, address)
        let t = change.now.timeIntervalSince1970
        try change.db.cachedStatement(sql: """
            INSERT INTO policy (environment_id, name, type, action_pattern, priority, constraints, description, labels,
                                revision, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [env.id, policy.name, policy.type.rawValue, policy.actionPattern.description, policy.priority,
                                     JSONCoding.text(.object(policy.constraints)), policy.description, JSONCoding.text(labels),
                                     change.revision, t, t])
        // Read the row id before the audit insert, which becomes the last inserted row.
        let id = change.db.lastInsertedRowID
        try change.audit("policy.create", address, environment: env, before: nil, after: PolicyRows.auditValue(policy, labels: labels))
        return LivePolicy(id: "pol_\(id)", environment: env.slug, policy: policy, labels: labels,
                          revision: change.revision, createdAt: change.now, updatedAt: change.now)
    }

    /// Replaces policy `name` in `env` with `policy` (which may rename it).
    static func update(_ name: String, in env: EnvironmentRecord, to policy: Policy, labels: [String: String],
                       expectedRevision: Int64?, _ change: WriteTransaction) throws -> LivePolicy {
        let address = Address.policy(env.slug, name).description
        let (id, before) = try PolicyRows.one(change.db, environmentId: env.id, name: name, address: address)
        try change.check(expectedRevision, against: before.revision, address)
        if policy.name != name { try requireFreeName(policy.name, env, change.db, address) }
        try change.db.cachedStatement(sql: """
            UPDATE policy SET name = ?, type = ?, action_pattern = ?, priority = ?, constraints = ?, description = ?, labels = ?,
                              revision = ?, updated_at = ? WHERE id = ?
            """).execute(arguments: [policy.name, policy.type.rawValue, policy.actionPattern.description, policy.priority,
                                     JSONCoding.text(.object(policy.constraints)), policy.description, JSONCoding.text(labels),
                                     change.revision, change.now.timeIntervalSince1970, id])
        try change.audit("policy.update", Address.policy(env.slug, policy.name).description, environment: env,
                         before: PolicyRows.auditValue(before.policy, labels: before.labels), after: PolicyRows.auditValue(policy, labels: labels))
        var after = before
        after.policy = policy
        after.labels = labels
        after.revision = change.revision
        after.updatedAt = change.now
        return after
    }

    /// Deletes policy `name` in `env`.
    static func delete(_ name: String, in env: EnvironmentRecord, expectedRevision: Int64?, _ change: WriteTransaction) throws {
        let address = Address.policy(env.slug, name).description
        let (id, before) = try PolicyRows.one(change.db, environmentId: env.id, name: name, address: address)
        try change.check(expectedRevision, against: before.revision, address)
        try change.db.cachedStatement(sql: "DELETE FROM policy WHERE id = ?").execute(arguments: [id])
        try change.audit("policy.delete", address, environment: env, before: PolicyRows.auditValue(before.policy, labels: before.labels), after: nil)
    }

    private static func requireFreeName(_ name: String, _ env: EnvironmentRecord, _ db: Database, _ address: String) throws {
        let taken = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM policy WHERE environment_id = ? AND name = ?"),
                                     arguments: [env.id, name]) ?? 0
        if taken > 0 {
            throw ControlPlaneError(.nameTaken, resource: address,
                                    "policy '\(name)' already exists in '\(env.slug)'; choose another name or update it")
        }
    }
}

/// Environment records looked up once per transaction, however many policies name them.
struct EnvironmentCache {
    private var records: [String: EnvironmentRecord] = [:]

    mutating func named(_ slug: String, _ db: Database) throws -> EnvironmentRecord {
        if let hit = records[slug] { return hit }
        let record = try EnvironmentRecord.named(slug, db)
        records[slug] = record
        return record
    }
}

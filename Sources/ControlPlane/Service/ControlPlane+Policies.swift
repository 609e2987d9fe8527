import Foundation
import GRDB
import Governance

/// A policy to create, with the environment it goes to (nil: the principal's own environment).
public struct PolicyDraft: Hashable, Sendable {
    public var environment: String?
    public var policy: Policy
    public var labels: [String: String]

    /// Creates a draft.
    public init(environment: String?, policy: Policy, labels: [String: String] = [:]) {
        self.environment = environment
        self.policy = policy
        self.labels = labels
    }
}

extension ControlPlane {
    /// Policies the principal can see, in one environment or all, sorted by environment then name.
    public func policies(in environment: String? = nil, as principal: Principal) async throws -> [LivePolicy] {
        let slug = environment ?? principal.environment
        if let slug { try Access.read(principal, slug, "environment/" + slug) }
        return try await read { db in
            guard let slug else { return try PolicyRows.fetch(db) }
            _ = try EnvironmentRecord.named(slug, db)
            return try PolicyRows.fetch(db, where: "e.slug = ?", arguments: [slug])
        }
    }

    /// Creates one policy.
    public func createPolicy(_ policy: Policy, in environment: String?, labels: [String: String] = [:],
                             as principal: Principal) async throws -> LivePolicy {
        let created = try await createPolicies([PolicyDraft(environment: environment, policy: policy, labels: labels)], as: principal)
        guard let first = created.first else { throw ControlPlaneError(.storeError, resource: "", "policy creation returned nothing") }
        return first
    }

    /// Creates many policies in one transaction (all or none), each audited; the path `apply` takes.
    public func createPolicies(_ drafts: [PolicyDraft], as principal: Principal) async throws -> [LivePolicy] {
        var targets: [String] = []
        targets.reserveCapacity(drafts.count)
        for draft in drafts {
            let slug = try Access.target(draft.environment, principal, tenantWideAllowed: false, what: "policy") ?? ""
            let address = "policy/\(slug)/\(draft.policy.name)"
            try Access.change(principal, slug, address)
            try Self.validate(draft.policy, address)
            targets.append(slug)
        }
        let slugs = targets
        return try await write(principal) { change in
            let db = change.db
            var environments: [String: EnvironmentRecord] = [:]
            for slug in Set(slugs) { environments[slug] = try EnvironmentRecord.named(slug, db) }
            var taken = Set<String>()
            for (slug, environment) in environments {
                let names = try String.fetchCursor(db, sql: "SELECT name FROM policy WHERE environment_id = ?", arguments: [environment.id])
                while let name = try names.next() { taken.insert(slug + "/" + name) }
            }
            let t = change.now.timeIntervalSince1970
            let insert = try db.cachedStatement(sql: """
                INSERT INTO policy (environment_id, name, type, action_pattern, priority, constraints, description, labels,
                                    revision, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var created: [LivePolicy] = []
            created.reserveCapacity(drafts.count)
            for (draft, slug) in zip(drafts, slugs) {
                guard let environment = environments[slug] else { continue }
                let address = "policy/\(slug)/\(draft.policy.name)"
                guard taken.insert(slug + "/" + draft.policy.name).inserted else {
                    throw ControlPlaneError(.nameTaken, resource: address,
                                            "policy '\(draft.policy.name)' already exists in '\(slug)'; choose another name or update it")
                }
                let p = draft.policy
                try insert.execute(arguments: [environment.id, p.name, p.type.rawValue, p.actionPattern.description, p.priority,
                                               JSONCoding.text(.object(p.constraints)), p.description,
                                               JSONCoding.text(draft.labels), change.revision, t, t])
                try change.audit("policy.create", address, environment: environment, before: nil,
                                 after: PolicyRows.auditValue(p, labels: draft.labels))
                created.append(LivePolicy(id: "pol_\(db.lastInsertedRowID)", environment: slug, policy: p, labels: draft.labels,
                                          revision: change.revision, createdAt: change.now, updatedAt: change.now))
            }
            return created
        }
    }

    /// Replaces policy `name` in `environment` with `policy` (which may rename it) and `labels`.
    public func updatePolicy(_ name: String, in environment: String, to policy: Policy, labels: [String: String] = [:],
                             expectedRevision: Int64? = nil, as principal: Principal) async throws -> LivePolicy {
        let address = "policy/\(environment)/\(name)"
        try Access.change(principal, environment, address)
        try Self.validate(policy, address)
        return try await write(principal) { change in
            let db = change.db
            let env = try EnvironmentRecord.named(environment, db)
            let (id, before) = try PolicyRows.one(db, environmentId: env.id, name: name, address: address)
            try change.check(expectedRevision, against: before.revision, address)
            if policy.name != name,
               try Int.fetchOne(db, sql: "SELECT count(*) FROM policy WHERE environment_id = ? AND name = ?", arguments: [env.id, policy.name]) ?? 0 > 0 {
                throw ControlPlaneError(.nameTaken, resource: address, "policy '\(policy.name)' already exists in '\(environment)'; choose another name")
            }
            try db.execute(sql: """
                UPDATE policy SET name = ?, type = ?, action_pattern = ?, priority = ?, constraints = ?, description = ?, labels = ?,
                                  revision = ?, updated_at = ? WHERE id = ?
                """, arguments: [policy.name, policy.type.rawValue, policy.actionPattern.description, policy.priority,
                                 JSONCoding.text(.object(policy.constraints)), policy.description, JSONCoding.text(labels),
                                 change.revision, change.now.timeIntervalSince1970, id])
            try change.audit("policy.update", "policy/\(environment)/\(policy.name)", environment: env,
                             before: PolicyRows.auditValue(before.policy, labels: before.labels), after: PolicyRows.auditValue(policy, labels: labels))
            return try PolicyRows.one(db, environmentId: env.id, name: policy.name, address: address).live
        }
    }

    /// Deletes policy `name` in `environment`.
    public func deletePolicy(_ name: String, in environment: String, expectedRevision: Int64? = nil, as principal: Principal) async throws {
        let address = "policy/\(environment)/\(name)"
        try Access.change(principal, environment, address)
        try await write(principal) { change in
            let env = try EnvironmentRecord.named(environment, change.db)
            let (id, before) = try PolicyRows.one(change.db, environmentId: env.id, name: name, address: address)
            try change.check(expectedRevision, against: before.revision, address)
            try change.db.execute(sql: "DELETE FROM policy WHERE id = ?", arguments: [id])
            try change.audit("policy.delete", address, environment: env, before: PolicyRows.auditValue(before.policy, labels: before.labels), after: nil)
        }
    }

    /// A policy's name follows `NameRule` and its pattern parses, however the caller built it.
    static func validate(_ policy: Policy, _ address: String) throws {
        if let violation = NameRule.check(policy.name, what: "policy") { throw ControlPlaneError(violation, resource: address) }
        do {
            _ = try ActionPattern(parsing: policy.actionPattern.description)
        } catch {
            throw ControlPlaneError(error, resource: address)
        }
    }
}

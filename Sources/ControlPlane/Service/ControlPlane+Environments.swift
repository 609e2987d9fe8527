import Foundation
import GRDB
import Governance

/// What a caller sets on an environment; the slug is its identity and is given apart.
public struct EnvironmentFields: Hashable, Sendable {
    public var name: String
    public var description: String?
    public var isProduction: Bool
    public var enforcementMode: EnforcementMode
    public var labels: [String: String]

    /// Creates environment fields.
    public init(name: String, description: String? = nil, isProduction: Bool = false,
                enforcementMode: EnforcementMode = .monitor, labels: [String: String] = [:]) {
        self.name = name
        self.description = description
        self.isProduction = isProduction
        self.enforcementMode = enforcementMode
        self.labels = labels
    }
}

extension ControlPlane {
    /// Every environment the principal can see, sorted by slug, with true agent and policy counts.
    public func environments(as principal: Principal) async throws -> [LiveEnvironment] {
        try await read { db in
            try EnvironmentQueries.all(db).filter { principal.canReach($0.slug) }
        }
    }

    /// One environment, or `not-found`; `forbidden` outside the principal's scope.
    public func environment(_ slug: String, as principal: Principal) async throws -> LiveEnvironment {
        try Access.read(principal, slug, Address.environment(slug).description)
        return try await read { db in try EnvironmentRecord.named(slug, db).live(db) }
    }

    /// Creates an environment; needs a tenant-wide Owner or Manager.
    public func createEnvironment(slug: String, _ fields: EnvironmentFields, as principal: Principal) async throws -> LiveEnvironment {
        let address = Address.environment(slug).description
        try Access.change(principal, nil, address)
        if let violation = SlugRule.check(slug) { throw ControlPlaneError(violation, resource: address) }
        if let violation = DisplayNameRule.check(fields.name, what: "environment") { throw ControlPlaneError(violation, resource: address) }
        return try await write(principal) { change in
            let db = change.db
            if try EnvironmentRecord.filter(Column("slug") == slug).fetchCount(db) > 0 {
                throw ControlPlaneError(.slugTaken, resource: address, "environment '\(slug)' already exists; choose another slug or update it")
            }
            let t = change.now.timeIntervalSince1970
            var record = EnvironmentRecord(slug: slug, name: fields.name, description: fields.description,
                                           isProduction: fields.isProduction, enforcementMode: fields.enforcementMode.rawValue,
                                           labels: JSONCoding.text(fields.labels), isDefault: false, revision: change.revision,
                                           createdAt: t, updatedAt: t)
            try record.insert(db)
            try change.audit("environment.create", address, environment: record, before: nil, after: record.auditValue)
            return try record.live(agentCount: 0, policyCount: 0)
        }
    }

    /// Replaces an environment's fields; removing the production flag needs the Owner role and is audited on its own.
    public func updateEnvironment(_ slug: String, to fields: EnvironmentFields, expectedRevision: Int64? = nil,
                                  as principal: Principal) async throws -> LiveEnvironment {
        let address = Address.environment(slug).description
        try Access.change(principal, slug, address)
        if let violation = DisplayNameRule.check(fields.name, what: "environment") { throw ControlPlaneError(violation, resource: address) }
        return try await write(principal) { change in
            let before = try EnvironmentRecord.named(slug, change.db)
            try change.check(expectedRevision, against: before.revision, address)
            let removesFlag = ProductionRules.removesFlag(live: before.isProduction, desired: fields.isProduction)
            if removesFlag, let refusal = ProductionRules.flagRemovalRefusal(slug, role: principal.role) {
                throw ControlPlaneError(.ownerRequired, resource: address, refusal.message)
            }
            var after = before
            after.name = fields.name
            after.description = fields.description
            after.isProduction = fields.isProduction
            after.enforcementMode = fields.enforcementMode.rawValue
            after.labels = JSONCoding.text(fields.labels)
            after.revision = change.revision
            after.updatedAt = change.now.timeIntervalSince1970
            try after.update(change.db)
            try change.audit("environment.update", address, environment: after, before: before.auditValue, after: after.auditValue)
            if removesFlag {
                // Filed as written while the flag was still set: the record of its removal is kept a production year.
                try change.audit("environment.production-flag.remove", address, environment: before,
                                 before: .object(["is_production": .bool(true)]), after: .object(["is_production": .bool(false)]))
            }
            return try after.live(change.db)
        }
    }

    /// Deletes an environment with its agents, policies, credentials, API keys and grants, in one transaction.
    ///
    /// Refused by `EnvironmentDeletionGuard` (default, last, production-protected, active agents). The environment's
    /// audit events are kept for 90 days from now.
    public func deleteEnvironment(_ slug: String, expectedRevision: Int64? = nil, as principal: Principal) async throws {
        let address = Address.environment(slug).description
        try Access.change(principal, nil, address)
        try await write(principal) { change in
            let db = change.db
            let record = try EnvironmentRecord.named(slug, db)
            try change.check(expectedRevision, against: record.revision, address)
            let facts = EnvironmentDeletionGuard.Facts(
                slug: slug, isDefault: record.isDefault, isProduction: record.isProduction,
                activeAgents: try String.fetchAll(db, sql: "SELECT name FROM agent WHERE environment_id = ? AND status = ?",
                                                  arguments: [record.id, AgentStatus.active.rawValue]),
                environmentCount: try EnvironmentRecord.fetchCount(db))
            if let first = EnvironmentDeletionGuard.violations(facts).first {
                throw ControlPlaneError(first, resource: address)
            }
            let cascade = try EnvironmentCascade.delete(record, db)
            var before = record.auditValue
            if case .object(var fields) = before {
                fields["cascade"] = cascade.auditValue
                before = .object(fields)
            }
            try change.audit("environment.delete", address, environment: record, before: before, after: nil)
            for credential in cascade.credentials {
                try change.audit("credential.delete", credential, environment: record, before: .object(["cascade": .string(address)]), after: nil)
            }
            for key in cascade.apiKeys {
                try change.audit("apikey.delete", key, environment: record, before: .object(["cascade": .string(address)]), after: nil)
            }
            // From now on the environment's events follow the 90-days-after-deletion rule.
            try db.execute(sql: "UPDATE audit_event SET environment_deleted_at = ? WHERE environment_id = ?",
                           arguments: [change.now.timeIntervalSince1970, record.id])
        }
    }
}

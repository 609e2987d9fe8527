import Foundation
import GRDB
import Governance

/// What a caller sets on an agent; its name and environment are given apart.
public struct AgentFields: Hashable, Sendable {
    public var description: String?
    public var missionScope: String?
    public var status: AgentStatus
    public var labels: [String: String]

    /// Creates agent fields.
    public init(description: String? = nil, missionScope: String? = nil, status: AgentStatus = .active, labels: [String: String] = [:]) {
        self.description = description
        self.missionScope = missionScope
        self.status = status
        self.labels = labels
    }
}

extension ControlPlane {
    /// Agents the principal can see, in one environment or all, sorted by environment then name.
    public func agents(in environment: String? = nil, as principal: Principal) async throws -> [LiveAgent] {
        let slug = environment ?? principal.environment
        if let slug { try Access.read(principal, slug, Address.environment(slug).description) }
        return try await read { db in
            guard let slug else { return try AgentRows.fetch(db) }
            _ = try EnvironmentRecord.named(slug, db)
            return try AgentRows.fetch(db, where: "e.slug = ?", arguments: [slug])
        }
    }

    /// Registers agent `name` in `environment` (nil: the principal's own).
    public func createAgent(_ name: String, in environment: String?, _ fields: AgentFields = AgentFields(),
                            as principal: Principal) async throws -> LiveAgent {
        let slug = try Access.target(environment, principal, tenantWideAllowed: false, what: "agent") ?? ""
        let address = Address.agent(slug, name).description
        try Access.change(principal, slug, address)
        if let violation = NameRule.check(name, what: "agent") { throw ControlPlaneError(violation, resource: address) }
        return try await write(principal) { change in
            let env = try EnvironmentRecord.named(slug, change.db)
            try Self.requireFreeAgentName(name, env, change.db)
            let t = change.now.timeIntervalSince1970
            try change.db.execute(sql: """
                INSERT INTO agent (environment_id, name, description, mission_scope, status, labels, revision, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [env.id, name, fields.description, fields.missionScope, fields.status.rawValue,
                                 JSONCoding.text(fields.labels), change.revision, t, t])
            let created = try AgentRows.one(change.db, slug, name).live
            try change.audit("agent.create", address, environment: env, before: nil, after: AgentRows.auditValue(created))
            return created
        }
    }

    /// Replaces agent `name`'s fields; `moveTo` moves it to another environment (grants on the old one's credentials go).
    public func updateAgent(_ name: String, in environment: String, to fields: AgentFields, moveTo: String? = nil,
                            expectedRevision: Int64? = nil, as principal: Principal) async throws -> LiveAgent {
        let address = Address.agent(environment, name).description
        let destination = moveTo ?? environment
        try Access.change(principal, environment, address)
        try Access.change(principal, destination, Address.environment(destination).description)
        return try await write(principal) { change in
            let db = change.db
            let (id, before) = try AgentRows.one(db, environment, name)
            try change.check(expectedRevision, against: before.revision, address)
            let target = try EnvironmentRecord.named(destination, db)
            if destination != environment {
                try Self.requireFreeAgentName(name, target, db)
                // A grant on an environment-scoped credential cannot follow the agent out of that environment.
                try change.revokeGrants(ofAgent: id, AgentReference(environment: environment, name: name),
                                        credentialFilter: "c.environment_id IS NOT NULL AND c.environment_id != ?", arguments: [target.id])
            }
            try db.execute(sql: """
                UPDATE agent SET environment_id = ?, description = ?, mission_scope = ?, status = ?, labels = ?, revision = ?, updated_at = ?
                WHERE id = ?
                """, arguments: [target.id, fields.description, fields.missionScope, fields.status.rawValue,
                                 JSONCoding.text(fields.labels), change.revision, change.now.timeIntervalSince1970, id])
            let after = try AgentRows.one(db, destination, name).live
            try change.audit(destination == environment ? "agent.update" : "agent.move", address, environment: target,
                             before: AgentRows.auditValue(before), after: AgentRows.auditValue(after))
            if destination != environment {
                // The environment it left keeps its own record of the departure.
                try change.audit("agent.move", address, environment: try EnvironmentRecord.named(environment, db),
                                 before: AgentRows.auditValue(before), after: AgentRows.auditValue(after))
            }
            return after
        }
    }

    /// Deregisters agent `name` from `environment`, revoking its grants.
    public func deleteAgent(_ name: String, in environment: String, expectedRevision: Int64? = nil, as principal: Principal) async throws {
        let address = Address.agent(environment, name).description
        try Access.change(principal, environment, address)
        try await write(principal) { change in
            let (id, before) = try AgentRows.one(change.db, environment, name)
            try change.check(expectedRevision, against: before.revision, address)
            let env = try EnvironmentRecord.named(environment, change.db)
            try change.revokeGrants(ofAgent: id, AgentReference(environment: environment, name: name))
            try change.db.execute(sql: "DELETE FROM agent WHERE id = ?", arguments: [id])
            try change.audit("agent.delete", address, environment: env, before: AgentRows.auditValue(before), after: nil)
        }
    }

    static func requireFreeAgentName(_ name: String, _ env: EnvironmentRecord, _ db: Database) throws {
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM agent WHERE environment_id = ? AND name = ?", arguments: [env.id, name]) ?? 0 > 0 {
            throw ControlPlaneError(.nameTaken, resource: Address.agent(env.slug, name).description,
                                    "agent '\(name)' already exists in '\(env.slug)'; choose another name or update it")
        }
    }
}

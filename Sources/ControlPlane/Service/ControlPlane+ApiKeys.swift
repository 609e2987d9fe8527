import Foundation
import GRDB
import Governance

extension ControlPlane {
    /// Keys the principal can see (revoked ones included), never their secrets.
    public func apiKeys(in environment: String? = nil, as principal: Principal) async throws -> [LiveApiKey] {
        let slug = environment ?? principal.environment
        if let slug { try Access.read(principal, slug, Address.environment(slug).description) }
        return try await read { db in
            guard let slug else { return try ApiKeyRows.fetch(db) }
            _ = try EnvironmentRecord.named(slug, db)
            return try ApiKeyRows.fetch(db, where: "e.slug = ?", arguments: [slug])
        }
    }

    /// Issues a key scoped to `environment` (nil: tenant-wide, or the principal's own environment when it is scoped).
    ///
    /// The secret is in the result and nowhere else: the store keeps its SHA-256 hash and 8-character prefix.
    public func createApiKey(_ name: String, in environment: String?, role: Role, labels: [String: String] = [:],
                             as principal: Principal) async throws -> IssuedApiKey {
        let slug = try Access.target(environment, principal, tenantWideAllowed: true, what: "API key")
        let address = Address.apiKey(slug, name).description
        try Access.change(principal, slug, address, permission: .manageKeys)
        try Access.keyRole(role, .issue, by: principal, address)
        if let violation = NameRule.check(name, what: "API key") { throw ControlPlaneError(violation, resource: address) }
        let secret = ApiKeySecret.generate()
        return try await write(principal) { change in
            let db = change.db
            let env = try slug.map { try EnvironmentRecord.named($0, db) }
            let taken = try Int.fetchOne(db, sql: "SELECT count(*) FROM api_key WHERE ifnull(environment_id, 0) = ? AND name = ? AND revoked_at IS NULL",
                                         arguments: [env?.id ?? 0, name]) ?? 0
            if taken > 0 {
                throw ControlPlaneError(.nameTaken, resource: address, "\(address) already exists; rotate it, or revoke it first")
            }
            let t = change.now.timeIntervalSince1970
            try db.execute(sql: """
                INSERT INTO api_key (environment_id, name, role, prefix, secret_hash, labels, revision, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [env?.id, name, role.rawValue, ApiKeySecret.prefix(of: secret), ApiKeySecret.hash(secret),
                                 JSONCoding.text(labels), change.revision, t, t])
            let key = try ApiKeyRows.one(db, slug, name, address: address).live
            try change.audit("apikey.create", address, environment: env, before: nil, after: ApiKeyRows.auditValue(key))
            return IssuedApiKey(key: key, secret: secret)
        }
    }

    /// Changes key `name`'s role and labels; its secret stays. Neither the old nor the new role may exceed the caller's.
    public func updateApiKey(_ name: String, in environment: String?, role: Role, labels: [String: String] = [:],
                             expectedRevision: Int64? = nil, as principal: Principal) async throws -> LiveApiKey {
        let address = Address.apiKey(environment, name).description
        try Access.change(principal, environment, address, permission: .manageKeys)
        try Access.keyRole(role, .giveRole, by: principal, address)
        return try await write(principal) { change in
            let db = change.db
            let (id, before) = try ApiKeyRows.one(db, environment, name, address: address)
            try change.check(expectedRevision, against: before.revision, address)
            try Access.keyRole(before.role, .change, by: principal, address)
            if role > before.role { try Access.notOwnKey(before, .giveRole, by: principal, address) }
            try db.execute(sql: "UPDATE api_key SET role = ?, labels = ?, revision = ?, updated_at = ? WHERE id = ?",
                           arguments: [role.rawValue, JSONCoding.text(labels), change.revision, change.now.timeIntervalSince1970, id])
            let after = try ApiKeyRows.one(db, environment, name, address: address).live
            let env = try environment.map { try EnvironmentRecord.named($0, db) }
            try change.audit("apikey.update", address, environment: env, before: ApiKeyRows.auditValue(before), after: ApiKeyRows.auditValue(after))
            return after
        }
    }

    /// Gives key `name` a new secret; the old one stops working at once.
    public func rotateApiKey(_ name: String, in environment: String?, expectedRevision: Int64? = nil,
                             as principal: Principal) async throws -> IssuedApiKey {
        let address = Address.apiKey(environment, name).description
        try Access.change(principal, environment, address, permission: .manageKeys)
        let secret = ApiKeySecret.generate()
        return try await write(principal) { change in
            let db = change.db
            let (id, before) = try ApiKeyRows.one(db, environment, name, address: address)
            try change.check(expectedRevision, against: before.revision, address)
            try Access.keyRole(before.role, .rotate, by: principal, address)
            try db.execute(sql: "UPDATE api_key SET prefix = ?, secret_hash = ?, revision = ?, updated_at = ? WHERE id = ?",
                           arguments: [ApiKeySecret.prefix(of: secret), ApiKeySecret.hash(secret), change.revision,
                                       change.now.timeIntervalSince1970, id])
            let after = try ApiKeyRows.one(db, environment, name, address: address).live
            let env = try environment.map { try EnvironmentRecord.named($0, db) }
            try change.audit("apikey.rotate", address, environment: env, before: ApiKeyRows.auditValue(before), after: ApiKeyRows.auditValue(after))
            return IssuedApiKey(key: after, secret: secret)
        }
    }

    /// Revokes key `name`: it never authenticates again; its row stays, marked revoked, for the record.
    public func revokeApiKey(_ name: String, in environment: String?, expectedRevision: Int64? = nil, as principal: Principal) async throws {
        let address = Address.apiKey(environment, name).description
        try Access.change(principal, environment, address, permission: .manageKeys)
        try await write(principal) { change in
            let db = change.db
            let (id, before) = try ApiKeyRows.one(db, environment, name, address: address)
            try change.check(expectedRevision, against: before.revision, address)
            // Revoking is no smaller a power than issuing: a manager cannot revoke an owner's key.
            try Access.keyRole(before.role, .revoke, by: principal, address)
            try Access.notOwnKey(before, .revoke, by: principal, address)
            let t = change.now.timeIntervalSince1970
            try db.execute(sql: "UPDATE api_key SET revoked_at = ?, revision = ?, updated_at = ? WHERE id = ?",
                           arguments: [t, change.revision, t, id])
            var after = before
            after.revokedAt = change.now
            let env = try environment.map { try EnvironmentRecord.named($0, db) }
            try change.audit("apikey.revoke", address, environment: env, before: ApiKeyRows.auditValue(before), after: ApiKeyRows.auditValue(after))
        }
    }

    /// The principal a secret stands for, or `unauthorized`; hashes are compared in constant time.
    public func authenticate(_ secret: String) async throws -> Principal {
        let refused = ControlPlaneError(.unauthorized, resource: "", "the API key is not valid; it may have been rotated or revoked")
        guard ApiKeySecret.isWellFormed(secret) else { throw refused }
        let prefix = ApiKeySecret.prefix(of: secret)
        let presented = ApiKeySecret.hash(secret)
        let candidates = try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT k.secret_hash, k.role, e.slug, k.id FROM api_key k LEFT JOIN environment e ON e.id = k.environment_id
                WHERE k.prefix = ? AND k.revoked_at IS NULL
                """, arguments: [prefix]).map { row -> (Data, String, String?, Int64) in
                    (try row.decode(atIndex: 0), try row.decode(atIndex: 1), try row.decode(atIndex: 2), try row.decode(atIndex: 3))
                }
        }
        var match: Principal?
        // Every candidate is compared in full, so timing does not say which (if any) matched.
        for (stored, roleText, slug, id) in candidates {
            let role: Role = try StoredEnum.decode(roleText, "role")
            if ApiKeySecret.constantTimeEquals(stored, presented) {
                match = Principal(role: role, scope: slug.map(Principal.Scope.environment) ?? .tenant, name: prefix,
                                  apiKeyId: "key_\(id)")
            }
        }
        guard let match else { throw refused }
        return match
    }
}

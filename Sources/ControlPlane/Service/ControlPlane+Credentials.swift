import Foundation
import GRDB
import Governance

extension ControlPlane {
    /// Credentials the principal can see, with fingerprints and grants, never values.
    public func credentials(in environment: String? = nil, as principal: Principal) async throws -> [LiveCredential] {
        let slug = environment ?? principal.environment
        if let slug { try Access.read(principal, slug, Address.environment(slug).description) }
        return try await read { db in
            guard let slug else { return try CredentialRows.fetch(db) }
            _ = try EnvironmentRecord.named(slug, db)
            return try CredentialRows.fetch(db, where: "e.slug = ?", arguments: [slug])
        }
    }

    /// The fingerprint this store gives `value`, so a caller can tell whether a credential holds it without reading it.
    public func credentialFingerprint(of value: String) -> String { secrets.fingerprint(value) }

    /// Stores a credential; `value` is encrypted with AES-GCM and only its fingerprint is ever read back.
    public func createCredential(_ name: String, in environment: String?, type: CredentialType, value: String,
                                 labels: [String: String] = [:], as principal: Principal) async throws -> LiveCredential {
        let slug = try Access.target(environment, principal, tenantWideAllowed: true, what: "credential")
        let address = Address.credential(slug, name).description
        try Access.change(principal, slug, address)
        if let violation = NameRule.check(name, what: "credential") { throw ControlPlaneError(violation, resource: address) }
        let sealed = try seal(value, address)
        let fingerprint = secrets.fingerprint(value)
        return try await write(principal) { change in
            let db = change.db
            let env = try slug.map { try EnvironmentRecord.named($0, db) }
            let taken = try Int.fetchOne(db, sql: "SELECT count(*) FROM credential WHERE ifnull(environment_id, 0) = ? AND name = ?",
                                         arguments: [env?.id ?? 0, name]) ?? 0
            if taken > 0 {
                throw ControlPlaneError(.nameTaken, resource: address, "\(address) already exists; update it or choose another name")
            }
            let t = change.now.timeIntervalSince1970
            try db.execute(sql: """
                INSERT INTO credential (environment_id, name, type, sealed_value, fingerprint, labels, revision, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [env?.id, name, type.rawValue, sealed, fingerprint, JSONCoding.text(labels), change.revision, t, t])
            let created = try CredentialRows.one(db, slug, name, address: address).live
            try change.audit("credential.create", address, environment: env, before: nil, after: CredentialRows.auditValue(created))
            return created
        }
    }

    /// Changes a credential's type and labels, and its value when `value` is not nil.
    public func updateCredential(_ name: String, in environment: String?, type: CredentialType, value: String?,
                                 labels: [String: String] = [:], expectedRevision: Int64? = nil,
                                 as principal: Principal) async throws -> LiveCredential {
        let address = Address.credential(environment, name).description
        try Access.change(principal, environment, address)
        let sealed = try value.map { try seal($0, address) }
        let fingerprint = value.map(secrets.fingerprint)
        return try await write(principal) { change in
            let db = change.db
            let (id, before) = try CredentialRows.one(db, environment, name, address: address)
            try change.check(expectedRevision, against: before.revision, address)
            try db.execute(sql: """
                UPDATE credential SET type = ?, sealed_value = ifnull(?, sealed_value), fingerprint = ifnull(?, fingerprint), labels = ?,
                                      revision = ?, updated_at = ? WHERE id = ?
                """, arguments: [type.rawValue, sealed, fingerprint, JSONCoding.text(labels), change.revision,
                                 change.now.timeIntervalSince1970, id])
            let after = try CredentialRows.one(db, environment, name, address: address).live
            let env = try environment.map { try EnvironmentRecord.named($0, db) }
            try change.audit("credential.update", address, environment: env, before: CredentialRows.auditValue(before),
                             after: CredentialRows.auditValue(after))
            return after
        }
    }

    /// Deletes a credential and revokes every grant on it, in one transaction.
    public func deleteCredential(_ name: String, in environment: String?, expectedRevision: Int64? = nil, as principal: Principal) async throws {
        let address = Address.credential(environment, name).description
        try Access.change(principal, environment, address)
        try await write(principal) { change in
            let db = change.db
            let (id, before) = try CredentialRows.one(db, environment, name, address: address)
            try change.check(expectedRevision, against: before.revision, address)
            let env = try environment.map { try EnvironmentRecord.named($0, db) }
            try db.execute(sql: "DELETE FROM credential_grant WHERE credential_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM credential WHERE id = ?", arguments: [id])
            for grant in before.grants { try change.auditGrant(.revoke, credential: before.name, agent: grant) }
            try change.audit("credential.delete", address, environment: env, before: CredentialRows.auditValue(before), after: nil)
        }
    }

    /// Lets `agent` lease the credential; an environment's credential can only go to that environment's agents.
    public func grantCredential(_ name: String, in environment: String?, to agent: AgentReference,
                                as principal: Principal) async throws -> LiveCredential {
        let current = try await credential(name, in: environment, as: principal)
        return try await setCredentialGrants(name, in: environment, to: current.grants + [agent],
                                             expectedRevision: current.revision, as: principal)
    }

    /// Withdraws `agent`'s grant on the credential.
    public func revokeGrant(_ name: String, in environment: String?, from agent: AgentReference,
                            as principal: Principal) async throws -> LiveCredential {
        let current = try await credential(name, in: environment, as: principal)
        return try await setCredentialGrants(name, in: environment, to: current.grants.filter { $0 != agent },
                                             expectedRevision: current.revision, as: principal)
    }

    /// One credential as the principal may see it.
    func credential(_ name: String, in environment: String?, as principal: Principal) async throws -> LiveCredential {
        let address = Address.credential(environment, name).description
        guard let found = try await credentials(in: environment, as: principal).first(where: { $0.name == name && $0.environment == environment }) else {
            throw ControlPlaneError.notFound(address)
        }
        return found
    }

    private func seal(_ value: String, _ address: String) throws -> Data {
        guard !value.isEmpty else {
            throw ControlPlaneError(.invalidValue, resource: address, "\(address) has an empty value; check the variable or file its valueFrom names")
        }
        return try secrets.seal(value)
    }
}

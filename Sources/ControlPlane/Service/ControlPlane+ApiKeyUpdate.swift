import Foundation
import GRDB
import Governance

extension ControlPlane {
    /// Changes key `name`'s role and labels in place (the API's `PATCH /api-keys/{id}`); its secret stays valid.
    ///
    /// A key's new role may be no broader than the caller's own, as when it is issued.
    public func updateApiKey(_ name: String, in environment: String?, role: Role, labels: [String: String],
                             expectedRevision: Int64? = nil, as principal: Principal) async throws -> LiveApiKey {
        let address = environment.map { "apikey/\($0)/\(name)" } ?? "apikey/\(name)"
        try Access.change(principal, environment, address, permission: .manageKeys)
        try Access.issue(role, by: principal, address)
        return try await write(principal) { change in
            let db = change.db
            let (id, before) = try ApiKeyRows.one(db, environment, name, address: address)
            try change.check(expectedRevision, against: before.revision, address)
            try db.execute(sql: "UPDATE api_key SET role = ?, labels = ?, revision = ?, updated_at = ? WHERE id = ?",
                           arguments: [role.rawValue, JSONCoding.text(labels), change.revision, change.now.timeIntervalSince1970, id])
            let after = try ApiKeyRows.one(db, environment, name, address: address).live
            let env = try environment.map { try EnvironmentRecord.named($0, db) }
            try change.audit("apikey.update", address, environment: env, before: ApiKeyRows.auditValue(before), after: ApiKeyRows.auditValue(after))
            return after
        }
    }
}

import Foundation
import GRDB
import Governance

/// One write transaction in progress: the new tenant revision, the time, and the audit trail it writes.
struct WriteTransaction {
    let db: Database
    let principal: Principal
    let now: Date
    /// The tenant revision this write produces; every row it touches takes it as its revision.
    let revision: Int64

    init(db: Database, principal: Principal, now: Date) throws {
        self.db = db
        self.principal = principal
        self.now = now
        try db.execute(sql: "UPDATE tenant SET revision = revision + 1")
        guard let revision = try Int64.fetchOne(db, sql: "SELECT revision FROM tenant") else {
            throw ControlPlaneError(.storeError, resource: "", "the state store has no tenant; it was not initialised")
        }
        self.revision = revision
    }

    /// Records what happened, in the same transaction as the change itself.
    func audit(_ action: String, _ resource: String, environment: EnvironmentRecord?, before: JSONValue?, after: JSONValue?) throws {
        // A cached statement: bulk creates write one event per resource, 100k in one transaction.
        let insert = try db.cachedStatement(sql: """
            INSERT INTO audit_event (time, principal, action, resource, environment_id, environment, before, after, production)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.execute(arguments: [now.timeIntervalSince1970, principal.name, action, resource, environment?.id, environment?.slug,
                                       before.map(JSONCoding.text), after.map(JSONCoding.text), environment?.isProduction])
    }

    /// Fails with `revision-mismatch` when the caller read an older revision than the row holds.
    func check(_ expected: Int64?, against actual: Int64, _ resource: String) throws {
        if let expected, expected != actual {
            throw ControlPlaneError.revisionMismatch(resource, expected: expected, actual: actual)
        }
    }
}

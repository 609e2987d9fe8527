import GRDB
import Governance

/// Grants withdrawn as a side effect (an agent deregistered or moved, a credential deleted): each one audited in
/// the agent's environment, as `setCredentialGrants` does, and each credential that lost one given the new revision.
extension WriteTransaction {
    /// A grant's audit action.
    enum GrantAction: String {
        case create = "grant.create", revoke = "grant.revoke"
    }

    /// Records one grant given or withdrawn, filed under the agent's environment so its scoped readers see it.
    func auditGrant(_ action: GrantAction, credential: String, agent: AgentReference) throws {
        let agentValue = JSONValue.string(agent.description)
        try audit(action.rawValue, "grant/\(credential)/\(agent)", environment: try EnvironmentRecord.named(agent.environment, db),
                  before: action == .revoke ? agentValue : nil, after: action == .create ? agentValue : nil)
    }

    /// Deletes agent `agentId`'s grants on the credentials `credentialFilter` selects (SQL over `credential c`, `?`
    /// bound to `arguments`), audits each, and moves those credentials to this change's revision.
    func revokeGrants(ofAgent agentId: Int64, _ agent: AgentReference, credentialFilter: String = "1",
                      arguments: StatementArguments = []) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT c.id, c.name FROM credential_grant g JOIN credential c ON c.id = g.credential_id
            WHERE g.agent_id = ? AND (\(credentialFilter)) ORDER BY c.name
            """, arguments: [agentId] + arguments)
        for row in rows {
            let credentialId: Int64 = try row.decode(atIndex: 0)
            try db.execute(sql: "DELETE FROM credential_grant WHERE credential_id = ? AND agent_id = ?", arguments: [credentialId, agentId])
            try db.execute(sql: "UPDATE credential SET revision = ?, updated_at = ? WHERE id = ?",
                           arguments: [revision, now.timeIntervalSince1970, credentialId])
            try auditGrant(.revoke, credential: try row.decode(atIndex: 1), agent: agent)
        }
    }
}

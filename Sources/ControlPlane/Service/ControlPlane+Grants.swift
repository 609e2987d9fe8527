import Foundation
import GRDB
import Governance

extension ControlPlane {
    /// Makes the credential's grants exactly `agents`, in one transaction: the reconciler's converge step.
    ///
    /// Each added and each withdrawn grant is audited; an environment's credential only goes to its own agents.
    public func setCredentialGrants(_ name: String, in environment: String?, to agents: [AgentReference],
                                    expectedRevision: Int64? = nil, as principal: Principal) async throws -> LiveCredential {
        let address = Address.credential(environment, name).description
        try Access.change(principal, environment, address)
        let wanted = Set(agents)
        for agent in wanted {
            try Access.change(principal, agent.environment, Address.agent(agent.environment, agent.name).description)
            if let environment, environment != agent.environment {
                throw ControlPlaneError(.conflict, resource: address,
                                        "\(address) belongs to '\(environment)' and cannot be granted to agent '\(agent)'; use a tenant-wide credential")
            }
        }
        return try await write(principal) { change in
            let db = change.db
            let (id, before) = try CredentialRows.one(db, environment, name, address: address)
            try change.check(expectedRevision, against: before.revision, address)
            let current = Set(before.grants)
            // Withdrawing needs the caller to reach the agent too: a scoped key cannot touch another environment's grants.
            for agent in current.subtracting(wanted) { try Access.change(principal, agent.environment, Address.agent(agent.environment, agent.name).description) }
            let t = change.now.timeIntervalSince1970
            for agent in current.subtracting(wanted).sorted() {
                let (agentId, _) = try AgentRows.one(db, agent.environment, agent.name)
                try db.execute(sql: "DELETE FROM credential_grant WHERE credential_id = ? AND agent_id = ?", arguments: [id, agentId])
                try change.auditGrant(.revoke, credential: name, agent: agent)
            }
            for agent in wanted.subtracting(current).sorted() {
                let (agentId, _) = try AgentRows.one(db, agent.environment, agent.name)
                try db.execute(sql: "INSERT INTO credential_grant (credential_id, agent_id, created_at) VALUES (?, ?, ?)",
                               arguments: [id, agentId, t])
                try change.auditGrant(.create, credential: name, agent: agent)
            }
            try db.execute(sql: "UPDATE credential SET revision = ?, updated_at = ? WHERE id = ?", arguments: [change.revision, t, id])
            return try CredentialRows.one(db, environment, name, address: address).live
        }
    }
}

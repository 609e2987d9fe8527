import Foundation
import GRDB
import Governance

extension ControlPlane {
    /// Everything the principal can see, from one read transaction, with the tenant revision it reflects.
    public func snapshot(as principal: Principal) async throws -> LiveState {
        try await read { db in
            guard let revision = try Int64.fetchOne(db, sql: "SELECT revision FROM tenant") else {
                throw ControlPlaneError(.storeError, resource: "", "the state store has no tenant; it was not initialised")
            }
            var state = LiveState(revision: revision, environments: try EnvironmentQueries.all(db), agents: try AgentRows.fetch(db),
                                  policies: try PolicyRows.fetch(db), apiKeys: try ApiKeyRows.fetch(db),
                                  credentials: try CredentialRows.fetch(db), settings: try SettingsRows.live(db))
            if principal.environment != nil {
                state.environments.removeAll { !principal.canReach($0.slug) }
                state.agents.removeAll { !principal.canReach($0.environment) }
                state.policies.removeAll { !principal.canReach($0.environment) }
                state.apiKeys.removeAll { !principal.canReach($0.environment) }
                state.credentials.removeAll { !principal.canReach($0.environment) }
            }
            return state
        }
    }

    /// The tenant-wide revision: it moves on every write.
    public func revision() async throws -> Int64 {
        try await read { db in
            guard let revision = try Int64.fetchOne(db, sql: "SELECT revision FROM tenant") else {
                throw ControlPlaneError(.storeError, resource: "", "the state store has no tenant; it was not initialised")
            }
            return revision
        }
    }
}

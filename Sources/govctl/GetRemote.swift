import ControlPlane
import Foundation
import Governance
import Reconciler

extension Get {
    /// Lists from a remote API's snapshot: one consistent read, filtered here as the embedded lists filter.
    func listRemote(_ remote: RemoteBackend, _ renderer: LiveRenderer) async throws {
        let state = try await remote.snapshot()
        let env = environment
        func visible(_ slug: String?) -> Bool { env.map { slug == $0 } ?? true }
        switch kind {
        case .environments:
            let items = state.environments.filter { visible($0.slug) }
            if let env, items.isEmpty {
                throw ControlPlaneError(.notFound, resource: "environment/\(env)",
                                        "environment/\(env) does not exist; list what exists with `govctl get environments`")
            }
            emitRemote(items.map(renderer.json), renderer.table(items))
        case .agents:
            let items = state.agents.filter { visible($0.environment) }
            emitRemote(items.map(renderer.json), renderer.table(items))
        case .policies:
            let items = state.policies.filter { visible($0.environment) }
            emitRemote(items.map(renderer.json), renderer.table(items))
        case .apikeys:
            let items = state.apiKeys.filter { visible($0.environment) }
            emitRemote(items.map(renderer.json), renderer.table(items))
        case .credentials:
            let items = state.credentials.filter { visible($0.environment) }
            emitRemote(items.map(renderer.json), renderer.table(items))
        }
    }

    private func emitRemote(_ json: [JSONValue], _ table: TableRenderer) {
        Output.emit(format: format, json: json, table: table,
                    empty: "No \(kind.rawValue) found\(environment.map { " in environment '\($0)'" } ?? "").")
    }
}

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
                throw ControlPlaneError(.notFound, resource: Address.environment(env).description,
                                        "\(Address.environment(env)) does not exist; list what exists with `govctl get environments`")
            }
            emitRemote(items, renderer.json, renderer.table)
        case .agents: emitRemote(state.agents.filter { visible($0.environment) }, renderer.json, renderer.table)
        case .policies: emitRemote(state.policies.filter { visible($0.environment) }, renderer.json, renderer.table)
        case .apikeys: emitRemote(state.apiKeys.filter { visible($0.environment) }, renderer.json, renderer.table)
        case .credentials: emitRemote(state.credentials.filter { visible($0.environment) }, renderer.json, renderer.table)
        }
    }

    private func emitRemote<T>(_ items: [T], _ json: (T) -> JSONValue, _ table: ([T]) -> TableRenderer) {
        Output.emit(format: format, json: items.map(json), table: table(items),
                    empty: "No \(kind.rawValue) found\(environment.map { " in environment '\($0)'" } ?? "").")
    }
}

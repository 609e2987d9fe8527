import ControlPlane
import Foundation
import Governance
import Hummingbird

/// `GET /state`: everything the principal may see, from one read transaction, with the tenant revision.
struct StateRoutes {
    let controlPlane: ControlPlane

    func register(on api: RouterGroup<APIContext>) {
        api.get("state", use: get)
    }

    @Sendable func get(_ request: Request, context: APIContext) async throws -> Response {
        let state = try await controlPlane.snapshot(as: context.requirePrincipal())
        return try Reply.data(StateBody(state), context, revision: state.revision)
    }
}

/// The snapshot as the API shows it; lists keep the service's order.
struct StateBody: Encodable {
    var revision: Int64
    var environments: [EnvironmentBody]
    var agents: [AgentBody]
    var policies: [PolicyBody]
    var apiKeys: [ApiKeyBody]
    var credentials: [CredentialBody]
    var settings: SettingsBody

    enum CodingKeys: String, CodingKey {
        case revision, environments, agents, policies, apiKeys = "api_keys", credentials, settings
    }

    init(_ s: LiveState) {
        revision = s.revision
        environments = s.environments.map(EnvironmentBody.init)
        agents = s.agents.map(AgentBody.init)
        policies = s.policies.map(PolicyBody.init)
        apiKeys = s.apiKeys.map(ApiKeyBody.init)
        credentials = s.credentials.map(CredentialBody.init)
        settings = SettingsBody(s.settings)
    }
}

import ControlPlane
import Governance
import Hummingbird

/// `/agents`: list, register, get, update (and move), deregister.
struct AgentRoutes {
    let controlPlane: ControlPlane
    var lookup: Lookup { Lookup(controlPlane: controlPlane) }

    func register(on api: RouterGroup<APIContext>) {
        api.get("agents", use: list)
        api.post("agents", use: create)
        api.get("agents/{id}", use: get)
        api.patch("agents/{id}", use: patch)
        api.delete("agents/{id}", use: delete)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        let page = try PageRequest(request)
        let all = try await controlPlane.agents(in: EnvironmentId.query(request), as: context.requirePrincipal())
        return try Reply.page(page.page(all, key: { $0.environment + "\u{0}" + $0.name }, map: AgentBody.init), context)
    }

    @Sendable func create(_ request: Request, context: APIContext) async throws -> Response {
        let body = try await StrictDecoder.decode(AgentCreate.self, from: request, context: context).value
        let fields = AgentFields(description: body.description, missionScope: body.missionScope,
                                 status: try StrictDecoder.enumValue(body.status, "status", as: AgentStatus.self) ?? .active,
                                 labels: body.labels ?? [:])
        let created = try await controlPlane.createAgent(body.name, in: EnvironmentId.slug(body.environmentId, field: "environment_id"),
                                                         fields, as: context.requirePrincipal())
        return try Reply.data(AgentBody(created), context, status: .created, revision: created.revision)
    }

    @Sendable func get(_ request: Request, context: APIContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let found = try await lookup.agent(context.pathId(), principal)
        let agent = try await lookup.visible(found, "agent") { try await controlPlane.agents(in: found.environment, as: principal) }
        return try Reply.data(AgentBody(agent), context, revision: agent.revision)
    }

    @Sendable func patch(_ request: Request, context: APIContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.pathId()
        let patch = try await StrictDecoder.decode(AgentPatch.self, from: request, context: context)
        let p = patch.value
        let status = try StrictDecoder.enumValue(p.status, "status", as: AgentStatus.self)
        let destination = try EnvironmentId.slug(p.environmentId, field: "environment_id")
        let updated: LiveAgent = try await ReadMergeWrite.run(ifMatch: try ETag.expectedRevision(request)) {
            let current = try await lookup.agent(id, principal)
            var fields = AgentFields(description: current.description, missionScope: current.missionScope, status: current.status,
                                     labels: current.labels)
            if patch.has("description") { fields.description = p.description }
            if patch.has("mission_scope") { fields.missionScope = p.missionScope }
            if let status { fields.status = status }
            if let labels = p.labels { fields.labels = labels }
            return (current.revision, { expected in
                try await controlPlane.updateAgent(current.name, in: current.environment, to: fields, moveTo: destination,
                                                   expectedRevision: expected, as: principal)
            })
        }
        return try Reply.data(AgentBody(updated), context, revision: updated.revision)
    }

    @Sendable func delete(_ request: Request, context: APIContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let found = try await lookup.agent(context.pathId(), principal)
        try await controlPlane.deleteAgent(found.name, in: found.environment, expectedRevision: ETag.expectedRevision(request),
                                           as: principal)
        return Reply.noContent()
    }
}

import ControlPlane
import Governance
import Hummingbird

/// `/environments`: list, create, get, patch, delete.
struct EnvironmentRoutes {
    let controlPlane: ControlPlane

    func register(on api: RouterGroup<APIContext>) {
        api.get("environments", use: list)
        api.post("environments", use: create)
        api.get("environments/{id}", use: get)
        api.patch("environments/{id}", use: patch)
        api.delete("environments/{id}", use: delete)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        let page = try PageRequest(request)
        let all = try await controlPlane.environments(as: context.requirePrincipal())
        return try Reply.page(page.page(all, key: \.slug, map: EnvironmentBody.init), context)
    }

    @Sendable func create(_ request: Request, context: APIContext) async throws -> Response {
        let body = try await StrictDecoder.decode(EnvironmentCreate.self, from: request, context: context).value
        let fields = EnvironmentFields(
            name: body.name, description: body.description, isProduction: body.isProduction ?? false,
            enforcementMode: try StrictDecoder.enumValue(body.enforcementMode, "enforcement_mode", as: EnforcementMode.self) ?? .monitor,
            labels: body.labels ?? [:])
        let created = try await controlPlane.createEnvironment(slug: body.slug, fields, as: context.requirePrincipal())
        return try Reply.data(EnvironmentBody(created), context, status: .created, revision: created.revision)
    }

    @Sendable func get(_ request: Request, context: APIContext) async throws -> Response {
        let slug = try EnvironmentId.slug(context.pathId(), field: "id")
        let found = try await controlPlane.environment(slug, as: context.requirePrincipal())
        return try Reply.data(EnvironmentBody(found), context, revision: found.revision)
    }

    @Sendable func patch(_ request: Request, context: APIContext) async throws -> Response {
        let slug = try EnvironmentId.slug(context.pathId(), field: "id")
        let patch = try await StrictDecoder.decode(EnvironmentPatch.self, from: request, context: context)
        let mode = try StrictDecoder.enumValue(patch.value.enforcementMode, "enforcement_mode", as: EnforcementMode.self)
        let principal = try context.requirePrincipal()
        let updated: LiveEnvironment = try await ReadMergeWrite.run(ifMatch: try ETag.expectedRevision(request)) {
            let current = try await controlPlane.environment(slug, as: principal)
            var fields = EnvironmentFields(name: current.name, description: current.description, isProduction: current.isProduction,
                                           enforcementMode: current.enforcementMode, labels: current.labels)
            let p = patch.value
            if let name = p.name { fields.name = name }
            if patch.has("description") { fields.description = p.description }
            if let flag = p.isProduction { fields.isProduction = flag }
            if let mode { fields.enforcementMode = mode }
            if let labels = p.labels { fields.labels = labels }
            return (current.revision, { expected in
                try await controlPlane.updateEnvironment(slug, to: fields, expectedRevision: expected, as: principal)
            })
        }
        return try Reply.data(EnvironmentBody(updated), context, revision: updated.revision)
    }

    @Sendable func delete(_ request: Request, context: APIContext) async throws -> Response {
        let slug = try EnvironmentId.slug(context.pathId(), field: "id")
        try await controlPlane.deleteEnvironment(slug, expectedRevision: ETag.expectedRevision(request), as: context.requirePrincipal())
        return Reply.noContent()
    }
}

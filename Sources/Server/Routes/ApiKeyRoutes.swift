import ControlPlane
import Governance
import Hummingbird

/// `/api-keys`: list (never secrets), issue (the secret shown once), get, change role and labels, revoke.
struct ApiKeyRoutes {
    let controlPlane: ControlPlane
    var lookup: Lookup { Lookup(controlPlane: controlPlane) }

    func register(on api: RouterGroup<APIContext>) {
        api.get("api-keys", use: list)
        api.post("api-keys", use: create)
        api.get("api-keys/{id}", use: get)
        api.patch("api-keys/{id}", use: patch)
        api.delete("api-keys/{id}", use: revoke)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        let page = try PageRequest(request)
        let all = try await controlPlane.apiKeys(in: EnvironmentId.query(request), as: context.requirePrincipal())
        return try Reply.page(page.page(all, key: { $0.id.sortable }, map: ApiKeyBody.init), context)
    }

    @Sendable func create(_ request: Request, context: APIContext) async throws -> Response {
        let body = try await StrictDecoder.decode(ApiKeyCreate.self, from: request, context: context).value
        let role = try StrictDecoder.enumValue(body.role, "role", as: Role.self) ?? .newKeyDefault
        let issued = try await controlPlane.createApiKey(body.name, in: EnvironmentId.slug(body.environmentId, field: "environment_id"),
                                                         role: role, labels: body.labels ?? [:], as: context.requirePrincipal())
        return try Reply.data(IssuedApiKeyBody(key: ApiKeyBody(issued.key), secret: issued.secret), context, status: .created,
                              revision: issued.key.revision)
    }

    @Sendable func get(_ request: Request, context: APIContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let found = try await lookup.apiKey(context.pathId(), principal)
        let key = try await lookup.visible(found, "API key") { try await controlPlane.apiKeys(in: found.environment, as: principal) }
        return try Reply.data(ApiKeyBody(key), context, revision: key.revision)
    }

    /// Changes a key's role (no broader than the caller's own) and labels; its secret stays valid.
    @Sendable func patch(_ request: Request, context: APIContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.pathId()
        let p = try await StrictDecoder.decode(ApiKeyPatch.self, from: request, context: context).value
        let role = try StrictDecoder.enumValue(p.role, "role", as: Role.self)
        let updated: LiveApiKey = try await ReadMergeWrite.run(ifMatch: try ETag.expectedRevision(request)) {
            let current = try await lookup.activeApiKey(id, principal)
            return (current.revision, { expected in
                try await controlPlane.updateApiKey(current.name, in: current.environment, role: role ?? current.role,
                                                    labels: p.labels ?? current.labels, expectedRevision: expected, as: principal)
            })
        }
        return try Reply.data(ApiKeyBody(updated), context, revision: updated.revision)
    }

    @Sendable func revoke(_ request: Request, context: APIContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let found = try await lookup.activeApiKey(context.pathId(), principal)
        try await controlPlane.revokeApiKey(found.name, in: found.environment, expectedRevision: ETag.expectedRevision(request),
                                           as: principal)
        return Reply.noContent()
    }
}

extension String {
    /// A sort key for `prefix_<number>` ids that orders them by number, for keyset pagination.
    var sortable: String {
        guard let underscore = lastIndex(of: "_") else { return self }
        let digits = self[index(after: underscore)...]
        return String(self[...underscore]) + String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }
}

import ControlPlane
import Governance
import Hummingbird

/// `/credentials`: list, create, get, patch, delete, and the grant list; values go in and never come out.
struct CredentialRoutes {
    let controlPlane: ControlPlane
    var lookup: Lookup { Lookup(controlPlane: controlPlane) }

    func register(on api: RouterGroup<APIContext>) {
        api.get("credentials", use: list)
        api.post("credentials", use: create)
        api.get("credentials/{id}", use: get)
        api.patch("credentials/{id}", use: patch)
        api.delete("credentials/{id}", use: delete)
        api.put("credentials/{id}/grants", use: putGrants)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        let page = try PageRequest(request)
        let all = try await controlPlane.credentials(in: EnvironmentId.query(request), as: context.requirePrincipal())
        return try Reply.page(page.page(all, key: { $0.id.sortable }, map: CredentialBody.init), context)
    }

    @Sendable func create(_ request: Request, context: APIContext) async throws -> Response {
        let body = try await StrictDecoder.decode(CredentialCreate.self, from: request, context: context).value
        let type = try StrictDecoder.enumValue(body.type, "type", as: CredentialType.self)
        let created = try await controlPlane.createCredential(body.name, in: EnvironmentId.slug(body.environmentId, field: "environment_id"),
                                                              type: type, value: body.value, labels: body.labels ?? [:],
                                                              as: context.requirePrincipal())
        return try Reply.data(CredentialBody(created), context, status: .created, revision: created.revision)
    }

    @Sendable func get(_ request: Request, context: APIContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let found = try await lookup.credential(context.pathId(), principal)
        let credential = try await lookup.visible(found, "credential") { try await controlPlane.credentials(in: found.environment, as: principal) }
        return try Reply.data(CredentialBody(credential), context, revision: credential.revision)
    }

    @Sendable func patch(_ request: Request, context: APIContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.pathId()
        let p = try await StrictDecoder.decode(CredentialPatch.self, from: request, context: context).value
        let type = try StrictDecoder.enumValue(p.type, "type", as: CredentialType.self)
        let updated: LiveCredential = try await ReadMergeWrite.run(ifMatch: try ETag.expectedRevision(request)) {
            let current = try await lookup.credential(id, principal)
            return (current.revision, { expected in
                try await controlPlane.updateCredential(current.name, in: current.environment, type: type ?? current.type, value: p.value,
                                                        labels: p.labels ?? current.labels, expectedRevision: expected, as: principal)
            })
        }
        return try Reply.data(CredentialBody(updated), context, revision: updated.revision)
    }

    /// Replaces the agents allowed to lease the credential with exactly the list sent.
    @Sendable func putGrants(_ request: Request, context: APIContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.pathId()
        let body = try await StrictDecoder.decode(CredentialGrants.self, from: request, context: context).value
        let agents = try body.grants.enumerated().map { index, grant in
            AgentReference(environment: try EnvironmentId.slug(grant.environmentId, field: "grants[\(index)].environment_id"),
                           name: grant.agent)
        }
        let updated: LiveCredential = try await ReadMergeWrite.run(ifMatch: try ETag.expectedRevision(request)) {
            let current = try await lookup.credential(id, principal)
            return (current.revision, { expected in
                try await controlPlane.setCredentialGrants(current.name, in: current.environment, to: agents,
                                                           expectedRevision: expected, as: principal)
            })
        }
        return try Reply.data(CredentialBody(updated), context, revision: updated.revision)
    }

    @Sendable func delete(_ request: Request, context: APIContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let found = try await lookup.credential(context.pathId(), principal)
        try await controlPlane.deleteCredential(found.name, in: found.environment, expectedRevision: ETag.expectedRevision(request),
                                                as: principal)
        return Reply.noContent()
    }
}

import ControlPlane
import Governance
import Hummingbird

/// `/policies`: list, create, get, patch, delete.
struct PolicyRoutes {
    let controlPlane: ControlPlane
    var lookup: Lookup { Lookup(controlPlane: controlPlane) }

    func register(on api: RouterGroup<APIContext>) {
        api.get("policies", use: list)
        api.post("policies", use: create)
        api.get("policies/{id}", use: get)
        api.patch("policies/{id}", use: patch)
        api.delete("policies/{id}", use: delete)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        let page = try PageRequest(request)
        let all = try await controlPlane.policies(in: EnvironmentId.query(request), as: context.requirePrincipal())
        return try Reply.page(page.page(all, key: { $0.environment + "\u{0}" + $0.policy.name }, map: PolicyBody.init), context)
    }

    @Sendable func create(_ request: Request, context: APIContext) async throws -> Response {
        let body = try await StrictDecoder.decode(PolicyCreate.self, from: request, context: context).value
        let policy = Policy(name: body.name, type: try StrictDecoder.enumValue(body.type, "type", as: PolicyType.self),
                            actionPattern: try ActionPattern.fromRequest(body.actionPattern), priority: body.priority ?? 0,
                            constraints: body.constraints ?? [:], description: body.description)
        let principal = try context.requirePrincipal()
        let created = try await controlPlane.createPolicy(policy, in: EnvironmentId.slug(body.environmentId, field: "environment_id"),
                                                          labels: body.labels ?? [:], as: principal)
        // `createPolicies` reports the row id of the audit event it wrote last, not the policy's; until the control plane
        // is fixed, read the policy back so the answer carries the id every other route knows it by.
        let stored = try await controlPlane.policies(in: created.environment, as: principal)
            .first { $0.policy.name == created.policy.name } ?? created
        return try Reply.data(PolicyBody(stored), context, status: .created, revision: stored.revision)
    }

    @Sendable func get(_ request: Request, context: APIContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let found = try await lookup.policy(context.pathId(), principal)
        let policy = try await lookup.visible(found, "policy") { try await controlPlane.policies(in: found.environment, as: principal) }
        return try Reply.data(PolicyBody(policy), context, revision: policy.revision)
    }

    @Sendable func patch(_ request: Request, context: APIContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.pathId()
        let patch = try await StrictDecoder.decode(PolicyPatch.self, from: request, context: context)
        let p = patch.value
        let type = try StrictDecoder.enumValue(p.type, "type", as: PolicyType.self)
        let pattern = try p.actionPattern.map(ActionPattern.fromRequest)
        let updated: LivePolicy = try await ReadMergeWrite.run(ifMatch: try ETag.expectedRevision(request)) {
            let current = try await lookup.policy(id, principal)
            var policy = current.policy
            if let name = p.name { policy.name = name }
            if let type { policy.type = type }
            if let pattern { policy.actionPattern = pattern }
            if let priority = p.priority { policy.priority = priority }
            if let constraints = p.constraints { policy.constraints = constraints }
            if patch.has("description") { policy.description = p.description }
            let labels = p.labels ?? current.labels
            return (current.revision, { expected in
                try await controlPlane.updatePolicy(current.policy.name, in: current.environment, to: policy, labels: labels,
                                                    expectedRevision: expected, as: principal)
            })
        }
        return try Reply.data(PolicyBody(updated), context, revision: updated.revision)
    }

    @Sendable func delete(_ request: Request, context: APIContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let found = try await lookup.policy(context.pathId(), principal)
        try await controlPlane.deletePolicy(found.policy.name, in: found.environment, expectedRevision: ETag.expectedRevision(request),
                                            as: principal)
        return Reply.noContent()
    }
}

import ControlPlane
import Governance

/// Finds resources by their API id, which the control plane does not index: it lists them tenant-wide as a Viewer
/// to learn the environment and name, and the caller then acts as the real principal, so the service still decides
/// what that principal may see or change (403 for another environment's resource, as the vendor documents).
struct Lookup {
    let controlPlane: ControlPlane

    private static func resolver(_ principal: Principal) -> Principal {
        Principal(role: .viewer, scope: .tenant, name: principal.name)
    }

    func agent(_ id: String, _ principal: Principal) async throws -> LiveAgent {
        try first(try await controlPlane.agents(as: Self.resolver(principal)), id, "agent")
    }

    func policy(_ id: String, _ principal: Principal) async throws -> LivePolicy {
        try first(try await controlPlane.policies(as: Self.resolver(principal)), id, "policy")
    }

    func apiKey(_ id: String, _ principal: Principal) async throws -> LiveApiKey {
        try first(try await controlPlane.apiKeys(as: Self.resolver(principal)), id, "API key")
    }

    /// Key `id` when it is not revoked: the service addresses keys by name, and a revoked key's name may since
    /// belong to a live one, which a change meant for the revoked key must never reach.
    func activeApiKey(_ id: String, _ principal: Principal) async throws -> LiveApiKey {
        let key = try await apiKey(id, principal)
        guard key.revokedAt == nil else {
            throw APIError(.conflict, "conflict", "API key '\(id)' is revoked and can no longer be changed", rule: "key-revoked")
        }
        return key
    }

    func credential(_ id: String, _ principal: Principal) async throws -> LiveCredential {
        try first(try await controlPlane.credentials(as: Self.resolver(principal)), id, "credential")
    }

    /// `found` as `list` (the principal's own view of one environment) shows it: reading through that view is what
    /// enforces the principal's scope, so another environment's resource is the service's 403.
    func visible<T: Identified>(_ found: T, _ what: String, _ list: () async throws -> [T]) async throws -> T {
        try first(try await list(), found.id, what)
    }

    private func first<T: Identified>(_ items: [T], _ id: String, _ what: String) throws -> T {
        guard let found = items.first(where: { $0.id == id }) else { throw APIError.notFound("\(what) '\(id)'") }
        return found
    }
}

/// Live values with an API id.
protocol Identified { var id: String { get } }
extension LiveAgent: Identified {}
extension LivePolicy: Identified {}
extension LiveApiKey: Identified {}
extension LiveCredential: Identified {}

import ControlPlane
import Crypto
import Foundation
import Governance
import NIOHTTP1

/// The live state behind the vendor's REST API (or `govctl serve`): reads, writes, retries and idempotency over HTTP.
///
/// Resources are addressed by the API's ids, which the plan does not carry: every read remembers them by address,
/// and a write to an address not yet seen looks it up in its environment's list first.
public final class RemoteBackend: LiveBackend, CustomStringConvertible {
    /// The fingerprint every remote credential carries: the API never returns a value or its fingerprint, so a value
    /// changed outside git cannot be seen remotely, and a declared value is taken to match the live one.
    public static let unknownFingerprint = "unknown:remote"

    public let principal: Principal
    let transport: RemoteTransport
    let ids = RemoteIds()

    init(transport: RemoteTransport, principal: Principal) {
        self.transport = transport
        self.principal = principal
    }

    /// Connects to `endpoint` with `key`: checks the key and learns who it is (its role and scope) from the key list.
    public static func connect(_ endpoint: RemoteEndpoint, key: RemoteAPIKey,
                               policy: RemoteRetryPolicy = RemoteRetryPolicy()) async throws -> RemoteBackend {
        let transport = RemoteTransport(endpoint: endpoint, key: key, policy: policy)
        let probe = RemoteBackend(transport: transport, principal: Principal(role: .owner, scope: .tenant, name: key.prefix))
        return RemoteBackend(transport: transport, principal: try await probe.whoAmI())
    }

    public var description: String { "RemoteBackend(\(transport))" }

    /// The principal the key stands for: the one active key in its own visible list with the key's prefix.
    ///
    /// The API has no "who am I" route. When the key list is closed to this key (403), the server stays the judge of
    /// what the key may do and govctl assumes a tenant-wide Owner, so no change is refused before the server sees it.
    private func whoAmI() async throws -> Principal {
        let keys: [RemoteShapes.ApiKey]
        do {
            keys = try await list("/api-keys", resource: "apikey")
        } catch let error as ControlPlaneError where error.code == .forbidden || error.code == .ownerRequired {
            return principal
        }
        let mine = keys.filter { $0.prefix == transport.key.prefix && $0.revokedAt == nil }
        guard mine.count == 1, let key = mine.first else { return principal }
        let scope: Principal.Scope = key.environmentId.map { .environment(RemoteShapes.slug($0)) } ?? .tenant
        return Principal(role: key.role, scope: scope, name: transport.key.prefix)
    }

    public func snapshot() async throws -> LiveState {
        let response = try await transport.send(RemoteRequest(method: .GET, path: "/state", resource: "state"))
        let state: LiveState
        if response.status == 404 || response.status == 405 || response.status == 501 {
            state = try await snapshotFromLists()
        } else {
            let body = try decode(RemoteShapes.State.self, response, resource: "state")
            state = LiveState(revision: body.revision, environments: body.environments.map(\.live), agents: body.agents.map(\.live),
                              policies: try body.policies.map { try $0.live() }, apiKeys: body.apiKeys.map(\.live),
                              credentials: body.credentials.map(\.live), settings: body.settings.live)
        }
        ids.remember(state)
        return state
    }

    /// The snapshot of a server without `/state`: every list, page by page. Not one transaction, so its revision is a
    /// digest of every resource's revision: equal digests mean nothing moved between two reads.
    private func snapshotFromLists() async throws -> LiveState {
        let environments: [RemoteShapes.Environment] = try await list("/environments", resource: "environment")
        let agents: [RemoteShapes.Agent] = try await list("/agents", resource: "agent")
        let policies: [RemoteShapes.Policy] = try await list("/policies", resource: "policy")
        let keys: [RemoteShapes.ApiKey] = try await list("/api-keys", resource: "apikey")
        let credentials: [RemoteShapes.Credential] = try await list("/credentials", resource: "credential")
        let settings = try await get(RemoteShapes.Settings.self, "/settings", resource: LiveSettings.address)
        var state = LiveState(
            revision: 0,
            environments: environments.map(\.live).sorted { $0.slug < $1.slug },
            agents: agents.map(\.live).sorted { ($0.environment, $0.name) < ($1.environment, $1.name) },
            policies: try policies.map { try $0.live() }.sorted { ($0.environment, $0.policy.name) < ($1.environment, $1.policy.name) },
            apiKeys: keys.map(\.live).sorted { ($0.environment ?? "", $0.name) < ($1.environment ?? "", $1.name) },
            credentials: credentials.map(\.live).sorted { ($0.environment ?? "", $0.name) < ($1.environment ?? "", $1.name) },
            settings: settings.live)
        state.revision = Self.digest(state)
        return state
    }

    static func digest(_ state: LiveState) -> Int64 {
        var text = "settings \(state.settings.revision)\n"
        for e in state.environments { text += "\(e.address) \(e.revision)\n" }
        for a in state.agents { text += "\(a.address) \(a.revision)\n" }
        for p in state.policies { text += "\(p.address) \(p.revision)\n" }
        for k in state.apiKeys { text += "\(k.address) \(k.revision)\n" }
        for c in state.credentials { text += "\(c.address) \(c.revision)\n" }
        let bytes = Array(SHA256.hash(data: Data(text.utf8)).prefix(8))
        return Int64(bitPattern: bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }) & Int64.max
    }

    /// Never sends `value`: the API does not fingerprint (see `unknownFingerprint`).
    public func credentialFingerprint(of value: String) async throws -> String { Self.unknownFingerprint }

    /// The plan's policy creates go one request each: the API has no all-or-none batch.
    public var createsPoliciesAtomically: Bool { false }

    /// The transport retries connection failures, 429 and 502–504 within its deadline; what it throws is final.
    public var retriesTransientFailures: Bool { true }

    // MARK: Reading helpers

    /// Every item of list `path`, following `next_cursor`.
    func list<T: Decodable>(_ path: String, query: [(String, String)] = [], resource: String) async throws -> [T] {
        var items: [T] = []
        var cursor: String?
        repeat {
            var q = query + [("limit", "500")]
            if let cursor { q.append(("cursor", cursor)) }
            let response = try await transport.send(RemoteRequest(method: .GET, path: path, query: q, resource: resource))
            let page = try decodeBody(RemoteShapes.Envelope<[T]>.self, response, resource: resource)
            items += page.data
            cursor = page.meta?.nextCursor.flatMap { $0.isEmpty ? nil : $0 }
        } while cursor != nil
        return items
    }

    /// The `data` of `GET path`.
    func get<T: Decodable>(_ type: T.Type, _ path: String, resource: String) async throws -> T {
        try decode(type, try await transport.send(RemoteRequest(method: .GET, path: path, resource: resource)), resource: resource)
    }

    /// Decodes a success answer's `data` as `T`, or throws the answer's error.
    func decode<T: Decodable>(_ type: T.Type, _ response: RemoteResponse, resource: String) throws -> T {
        try decodeBody(RemoteShapes.Envelope<T>.self, response, resource: resource).data
    }

    private func decodeBody<T: Decodable>(_ type: T.Type, _ response: RemoteResponse, resource: String) throws -> T {
        guard (200..<300).contains(response.status) else {
            throw RemoteErrors.from(status: response.status, body: response.body, resource: resource, endpoint: transport.endpoint)
        }
        do {
            return try JSONCoding.decode(type, from: response.body, with: RemoteShapes.decoder)
        } catch {
            throw ControlPlaneError(.storeError, resource: resource,
                                    "\(transport.endpoint) answered with a body govctl cannot read: \(error)")
        }
    }
}

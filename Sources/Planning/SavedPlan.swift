import Governance

/// A plan saved by `plan --out`, with what it was made against, so `apply --plan` applies exactly it or refuses it.
public struct SavedPlan: Codable, Hashable, Sendable {
    /// Bumped when a saved plan of an older govctl could be misread.
    public static let currentFormatVersion = "1"

    public var formatVersion: String
    public var govctlVersion: String
    /// The tenant revision of the live state the plan read.
    public var tenantRevision: Int64
    /// The revision of every live resource the plan read, by address.
    public var revisions: [String: Int64]
    /// A digest of the desired state, so a plan made from other manifests is recognised.
    public var desiredDigest: String
    /// The options the plan was made with.
    public var prune: Bool
    public var environments: [String]?
    public var plan: PlanDocument

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", govctlVersion = "govctl_version", tenantRevision = "tenant_revision"
        case revisions, desiredDigest = "desired_digest", prune, environments, plan
    }

    /// Saves `plan`, made against `live` with `options`, from manifests whose digest is `desiredDigest`.
    public init(plan: Plan, live: LiveState, options: DiffOptions, desiredDigest: String, govctlVersion: String) {
        formatVersion = Self.currentFormatVersion
        self.govctlVersion = govctlVersion
        tenantRevision = live.revision
        revisions = Self.revisions(of: live, in: options.environments)
        self.desiredDigest = desiredDigest
        prune = options.prune
        environments = options.environments?.sorted()
        self.plan = PlanDocument(plan)
    }

    /// The revision of every resource of `live` a plan limited to `environments` reads.
    public static func revisions(of live: LiveState, in environments: Set<String>?) -> [String: Int64] {
        func inScope(_ slug: String?) -> Bool { environments.map { only in slug.map(only.contains) ?? false } ?? true }
        var out: [String: Int64] = [:]
        for e in live.environments where inScope(e.slug) { out[Address.environment(e.slug).description] = e.revision }
        for p in live.policies where inScope(p.environment) { out[Address.policy(p.environment, p.policy.name).description] = p.revision }
        for a in live.agents where inScope(a.environment) { out[Address.agent(a.environment, a.name).description] = a.revision }
        for k in live.apiKeys where inScope(k.environment) && k.revokedAt == nil {
            out[Address.apiKey(k.environment, k.name).description] = k.revision
        }
        for c in live.credentials where inScope(c.environment) { out[Address.credential(c.environment, c.name).description] = c.revision }
        if environments == nil { out[Address.settings.description] = live.settings.revision }
        return out
    }

    /// Why the plan no longer fits `live`, one reason per resource that appeared, disappeared or changed since; empty
    /// when it may be applied. Nothing here reads the clock or the store: the caller passes a fresh snapshot.
    public func staleness(against live: LiveState) -> [String] {
        if live.revision == tenantRevision { return [] }
        let now = Self.revisions(of: live, in: environments.map(Set.init))
        var reasons: [String] = []
        for (address, revision) in revisions.sorted(by: { $0.key < $1.key }) {
            switch now[address] {
            case nil: reasons.append("\(address) was deleted")
            case let current? where current != revision: reasons.append("\(address) changed (revision \(revision) -> \(current))")
            default: break
            }
        }
        for address in now.keys.sorted() where revisions[address] == nil {
            reasons.append("\(address) was created")
        }
        return reasons
    }
}

import Governance

/// The mirror rule seen live: an environment that says `mirror: X` has, live, the same policies X has live — for
/// the policies the mirror brings.
enum MirrorSync {
    /// One `mirror-out-of-sync` item per mirrored policy whose live copy differs from the source's live policy.
    ///
    /// The policies a mirror brings are those the mirroring environment declares exactly as its source declares
    /// them: an excluded policy, or one replaced by the environment's own, is not compared.
    static func items(_ desired: DesiredState, _ live: LiveState, environments: Set<String>?) -> [DriftItem] {
        let declared = Dictionary(desired.environments.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        var livePolicies: [String: [String: Policy]] = [:]
        for p in live.policies { livePolicies[p.environment, default: [:]][p.policy.name] = p.policy }
        let liveSlugs = Set(live.environments.map(\.slug))
        var out: [DriftItem] = []
        for env in desired.environments where environments?.contains(env.slug) ?? true {
            guard let source = env.mirror, let sourceSpec = declared[source],
                  liveSlugs.contains(env.slug), liveSlugs.contains(source) else { continue }
            let sourceDeclared = Dictionary(sourceSpec.policies.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for policy in env.policies where sourceDeclared[policy.name] == policy {
                let mine = livePolicies[env.slug]?[policy.name]
                let theirs = livePolicies[source]?[policy.name]
                guard mine != theirs else { continue }
                out.append(DriftItem(driftClass: .mirrorOutOfSync, address: .policy(env.slug, policy.name),
                                     fields: fields(mine, theirs), sides: .init(before: env.slug, after: source),
                                     message: message(env.slug, source: source, mine: mine, theirs: theirs)))
            }
        }
        return out
    }

    /// Live mirror (before) against live source (after), field by field; a side that is absent shows as null.
    static func fields(_ mine: Policy?, _ theirs: Policy?) -> [FieldChange] {
        guard let mine, let theirs else {
            return [FieldChange(field: "present", before: .value(.bool(mine != nil)), after: .value(.bool(theirs != nil)))]
        }
        return Fields.differences(Fields.policy(mine), Fields.policy(theirs))
    }

    static func message(_ slug: String, source: String, mine: Policy?, theirs: Policy?) -> String {
        switch (mine, theirs) {
        case (nil, _): "\(slug) mirrors \(source), which has this policy live; \(slug) does not"
        case (_, nil): "\(slug) mirrors \(source), which no longer has this policy live"
        default: "\(slug) mirrors \(source), but the live policies differ"
        }
    }
}

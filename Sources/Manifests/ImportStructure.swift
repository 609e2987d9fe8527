import Governance

/// The structure `import` recognises in live policies, so adopted manifests keep the design the tenant was built
/// with: a non-production environment holding (most of) a production environment's policies mirrors it, and
/// policies several environments (mirrors aside) hold verbatim come from one shared policy set. What fits neither is written inline. Pure, and the
/// same state always gives the same structure.
public struct ImportStructure: Hashable, Sendable {
    /// An environment written as `mirror: <source>`.
    public struct Mirror: Hashable, Sendable {
        public let environment: String
        public let source: String
        /// The source's policies the environment does not hold verbatim, by name.
        public let exclude: [String]
        /// The environment's own policies beside the mirror, by name.
        public let own: [Policy]
    }

    /// Policies held verbatim by exactly these environments, written once as a policy set.
    public struct SharedSet: Hashable, Sendable {
        /// The set's name; a set too large for one document is written as `<name>-1`, `<name>-2`…
        public let name: String
        /// In the order sources are preferred: production first, then by slug.
        public let environments: [String]
        /// By name.
        public let policies: [Policy]
    }

    public let mirrors: [Mirror]
    public let sharedSets: [SharedSet]
    /// Environments with policies that share none of them: neither mirrored, nor a mirror, nor in a shared set.
    public let inline: [String]
    /// Environments without policies (never made mirrors: an empty set says nothing about a design).
    public let empty: [String]
    /// Groups of environments a `Strategy` document could generate.
    public let strategies: [StrategyMatch]

    /// What one environment's document says about its policies, with final set names.
    struct Layout: Hashable, Sendable {
        var mirror: String?
        var exclude: [String] = []
        var policySets: [String] = []
        var policies: [Policy] = []
    }

    /// One policy-set document, in its own file.
    struct SetFile: Hashable, Sendable {
        let path: String
        let name: String
        let policies: [Policy]
        let about: String
    }

    /// Each environment's policies as its document writes them, by slug.
    let layouts: [String: Layout]
    /// The shared sets' files, written before the environments.
    let sharedFiles: [SetFile]
    /// Each environment's own policies too many for its document, as policy-set files, by slug.
    let ownFiles: [String: [SetFile]]

    /// Recognises the structure of `environments` (the ones imported) from their live `policies`; a document
    /// holds at most `perDocument` policies, more are split into policy sets.
    init(environments: [LiveEnvironment], policies live: [LivePolicy], perDocument: Int) {
        let byEnvironment = Dictionary(grouping: live, by: \.environment).mapValues { $0.map(\.policy).sorted { $0.name < $1.name } }
        // Production sources first: staging must mirror production, never production something else.
        let ranked = environments.sorted { ($0.isProduction ? 0 : 1, $0.isDefault ? 0 : 1, $0.slug) < ($1.isProduction ? 0 : 1, $1.isDefault ? 0 : 1, $1.slug) }
        let (roots, holders, mirrors) = Self.mirrors(ranked, policies: byEnvironment)
        // Policies grouped by exactly which roots hold them; a group of two or more roots becomes a set.
        var groups: [[Int]: [Policy]] = [:]
        for (policy, owners) in holders where owners.count > 1 { groups[owners, default: []].append(policy) }
        // Sets shared most widely first, so each environment lists its broadest set first.
        let ordered = groups.keys.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }

        var names = SetNames(taken: Set(environments.map(\.slug)))
        var shared: Set<Policy> = []
        for key in ordered { shared.formUnion(groups[key] ?? []) }
        // Each environment's policies written in its own document (or its own sets, when too many).
        var own: [String: [Policy]] = [:]
        for root in roots { own[root.slug] = (byEnvironment[root.slug] ?? []).filter { !shared.contains($0) } }
        for mirror in mirrors { own[mirror.environment] = mirror.own }
        // Own sets keep the names import always gave them, so they are reserved before shared sets are named.
        var ownFiles: [String: [SetFile]] = [:]
        for env in ranked {
            let policies = own[env.slug] ?? []
            guard policies.count > perDocument else { continue }
            let parts = chunks(policies, of: perDocument)
            ownFiles[env.slug] = parts.enumerated().map { index, part in
                SetFile(path: "policy-sets/\(env.slug).part-\(index + 1).yaml", name: names.reserve("\(env.slug)-imported-\(index + 1)"),
                        policies: part, about: "policies of environment \(env.slug), part \(index + 1) of \(parts.count)")
            }
        }
        var sharedSets: [SharedSet] = []
        var sharedFiles: [SetFile] = []
        var setsOf: [String: [String]] = [:]
        let withPolicies = roots.filter { byEnvironment[$0.slug] != nil }.count
        for key in ordered {
            let slugs = key.map { roots[$0].slug }
            let policies = (groups[key] ?? []).sorted { $0.name < $1.name }
            let parts = chunks(policies, of: perDocument)
            let name = names.reserve(Self.baseName(slugs, all: slugs.count == withPolicies), parts: parts.count)
            let about = "policies shared by \(slugs.joined(separator: ", "))"
            let files = parts.count == 1 ? [SetFile(path: "policy-sets/\(name).yaml", name: name, policies: policies, about: about)]
                : parts.enumerated().map { index, part in
                    SetFile(path: "policy-sets/\(name).part-\(index + 1).yaml", name: "\(name)-\(index + 1)", policies: part,
                            about: "\(about), part \(index + 1) of \(parts.count)")
                }
            sharedFiles += files
            for slug in slugs { setsOf[slug, default: []] += files.map(\.name) }
            sharedSets.append(SharedSet(name: name, environments: slugs, policies: policies))
        }
        var layouts: [String: Layout] = [:]
        let mirrorOf = Dictionary(uniqueKeysWithValues: mirrors.map { ($0.environment, $0) })
        for env in ranked {
            let mirror = mirrorOf[env.slug]
            let chunked = ownFiles[env.slug]
            layouts[env.slug] = Layout(mirror: mirror?.source, exclude: mirror?.exclude ?? [],
                                       policySets: (setsOf[env.slug] ?? []) + (chunked ?? []).map(\.name),
                                       policies: chunked == nil ? own[env.slug] ?? [] : [])
        }
        let sources = Set(mirrors.map(\.source))
        let grouped = Set(sharedSets.flatMap(\.environments))
        self.mirrors = mirrors.sorted { $0.environment < $1.environment }
        self.sharedSets = sharedSets
        inline = roots.map(\.slug).filter { byEnvironment[$0] != nil && !sources.contains($0) && !grouped.contains($0) }
        empty = roots.map(\.slug).filter { byEnvironment[$0] == nil }
        strategies = StrategyMatch.matches(in: ranked, mirrors: mirrorOf.mapValues(\.source))
        self.layouts = layouts
        self.sharedFiles = sharedFiles
        self.ownFiles = ownFiles
    }

    /// Splits `ranked` into mirrors and roots (the rest): each environment, in order, mirrors the best-fitting root
    /// before it, so no mirror is mirrored and no cycle can form. Also returns which roots hold each policy verbatim,
    /// as indices into the roots.
    private static func mirrors(_ ranked: [LiveEnvironment], policies: [String: [Policy]])
        -> (roots: [LiveEnvironment], holders: [Policy: [Int]], mirrors: [Mirror]) {
        var roots: [LiveEnvironment] = []
        var holders: [Policy: [Int]] = [:]
        var byName: [String: [Int]] = [:]
        var mirrors: [Mirror] = []
        for env in ranked {
            let held = policies[env.slug] ?? []
            // A production environment keeps its own policies: an edit of one must not silently change another.
            if !env.isProduction, let source = Self.source(for: held, roots: roots, holders: holders, byName: byName, policies: policies) {
                let root = roots[source].slug
                let kept = Set(held)
                mirrors.append(Mirror(environment: env.slug, source: root,
                                      exclude: (policies[root] ?? []).filter { !kept.contains($0) }.map(\.name),
                                      own: held.filter { !(holders[$0] ?? []).contains(source) }))
            } else {
                for policy in held {
                    holders[policy, default: []].append(roots.count)
                    byName[policy.name, default: []].append(roots.count)
                }
                roots.append(env)
            }
        }
        return (roots, holders, mirrors)
    }

    /// The root an environment holding `held` mirrors best, as an index into `roots`, or nil when none fits.
    ///
    /// A root fits when it is production-flagged or the default environment, and it and the environment share at least as many policies verbatim as there are names
    /// telling them apart (a policy of the root's to exclude, one of the environment's own, or one it replaces with
    /// its own version): the mirror is then mostly what it says. Production roots come first, then the one with the
    /// fewest differences, then the earliest. `holders` and `byName` say which roots hold a policy, and a name.
    static func source(for held: [Policy], roots: [LiveEnvironment], holders: [Policy: [Int]], byName: [String: [Int]],
                       policies: [String: [Policy]]) -> Int? {
        var common: [Int: Int] = [:]
        var sameName: [Int: Int] = [:]
        for policy in held {
            for root in holders[policy] ?? [] { common[root, default: 0] += 1 }
            for root in byName[policy.name] ?? [] { sameName[root, default: 0] += 1 }
        }
        let fitting = common.compactMap { root, shared -> (root: Int, differences: Int)? in
            // Only production (or the default environment) is mirrored: a mirror follows its source's every edit,
            // which suits staging following production, not one team or sandbox following another.
            guard roots[root].isProduction || roots[root].isDefault else { return nil }
            let names = (policies[roots[root].slug]?.count ?? 0) + held.count - (sameName[root] ?? 0)
            return names - shared <= shared ? (root, names - shared) : nil
        }
        return fitting.min { a, b in
            (roots[a.root].isProduction ? 0 : 1, a.differences, a.root) < (roots[b.root].isProduction ? 0 : 1, b.differences, b.root)
        }?.root
    }

    /// A readable name for the set the environments `slugs` share: their slugs when two or three, `common` when
    /// every environment with policies shares it, else the first slug and how many more.
    static func baseName(_ slugs: [String], all: Bool) -> String {
        let joined = slugs.count == 2 ? "\(slugs[0])-and-\(slugs[1])"
            : slugs.dropLast().joined(separator: "-") + "-and-" + (slugs.last ?? "")
        if slugs.count <= 3, joined.count <= 90 { return joined }
        if all { return "common" }
        return "\(slugs[0])-and-\(slugs.count - 1)-more"
    }
}

/// Policy-set names handed out once each, so no two sets, and no set and environment, share a name.
private struct SetNames {
    var taken: Set<String>

    /// `name` itself, reserved.
    mutating func reserve(_ name: String) -> String {
        taken.insert(name)
        return name
    }

    /// `base`, or `base-2`, `base-3`… when taken; a set of several parts also reserves `<name>-1`…`<name>-parts`.
    mutating func reserve(_ base: String, parts: Int) -> String {
        var name = base
        var suffix = 2
        func names(_ n: String) -> [String] { [n] + (parts > 1 ? (1...parts).map { "\(n)-\($0)" } : []) }
        while names(name).contains(where: taken.contains) {
            name = "\(base)-\(suffix)"
            suffix += 1
        }
        taken.formUnion(names(name))
        return name
    }
}

/// `items` in runs of at most `size`; one empty run when there are none.
func chunks<T>(_ items: [T], of size: Int) -> [[T]] {
    let size = max(1, size)
    return stride(from: 0, to: max(items.count, 1), by: size).map { Array(items[$0..<min($0 + size, items.count)]) }
}

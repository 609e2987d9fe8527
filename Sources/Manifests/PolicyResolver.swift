import Governance
import YAMLNodes

/// Works out each environment's effective policies: the mirrored environment's (minus `exclude`), then its
/// policy sets, then its inline policies. Mirror chains resolve transitively; cycles and name clashes are reported.
struct PolicyResolver {
    /// Where a policy in an effective set came from, kept for messages and `sources`.
    ///
    /// Flat, not a chain of mirrors: a chain as long as the environments declared would make reading it recurse
    /// that deep. The nearest mirror and the number of mirrors passed say enough to find the policy.
    struct Origin {
        /// Where the policy is written: in a policy set, or inline in an environment.
        enum Source {
            case set(String, SourceLocation)
            case inline(SourceLocation)
        }

        var source: Source
        /// The mirror the policy came through last, and how many mirrors it passed (0: none).
        var mirror: String?
        var mirrors = 0

        static func set(_ name: String, _ at: SourceLocation) -> Origin { Origin(source: .set(name, at)) }
        static func inline(_ at: SourceLocation) -> Origin { Origin(source: .inline(at)) }

        /// The same policy, one mirror further along.
        func mirrored(by slug: String) -> Origin {
            Origin(source: source, mirror: slug, mirrors: mirrors + 1)
        }

        /// Where the policy itself is written.
        var location: SourceLocation {
            switch source {
            case .set(_, let at), .inline(let at): at
            }
        }

        /// "policy set 'a' at f:l:c", "inline at f:l:c", "mirror 'production' (…)".
        var words: String {
            let written = switch source {
            case .set(let name, let at): "policy set '\(name)' at \(at)"
            case .inline(let at): "inline at \(at)"
            }
            guard let mirror else { return written }
            let further = mirrors > 1 ? ", through \(mirrors - 1) more mirror\(mirrors > 2 ? "s" : "")" : ""
            return "mirror '\(mirror)' (\(written)\(further))"
        }
    }

    /// One policy of an effective set.
    struct Entry {
        var policy: Policy
        var origin: Origin
    }

    /// An environment's effective policies by name; `complete` is false when an error left some out,
    /// so checks that need the whole set (unknown-exclude) stay quiet rather than cascade.
    struct Effective {
        var entries: [String: Entry] = [:]
        var complete = true
    }

    let declarations: Declarations
    let catalog: Catalog
    let sink: DiagnosticSink

    /// The longest mirror chain: an environment mirrors through at most this many others. Each one copies every
    /// policy further down, so a long chain of environments with a policy each grows as its square.
    static let maxMirrorChain = 16
    /// The most policies all environments may hold together, after mirrors and policy sets expand: a small file
    /// of one big set listed by thousands of environments must not fill a CI runner's memory.
    static let maxEffectivePolicies = 500_000

    /// Effective policies of every environment, by slug.
    func resolve() -> [String: Effective] {
        let members = reportCycles()
        var memo: [String: Effective] = [:]
        memo.reserveCapacity(catalog.environments.count)
        // Mirrors passed to reach each environment's policies, environments cut off for a chain too long, and
        // the policies resolved so far.
        var hops: [String: Int] = [:], tooLong: Set<String> = [], total = 0
        for slug in catalog.environments.keys.sorted() {
            // Walk up the chain to something already resolved (or its end), then resolve back down:
            // iterative, so a chain of a thousand mirrors costs no stack.
            var chain: [String] = []
            var current = slug
            while memo[current] == nil {
                chain.append(current)
                guard !members.contains(current), let next = environment(current)?.mirror?.value,
                      catalog.environments[next] != nil else { break }
                current = next
            }
            for member in chain.reversed() {
                guard let env = environment(member) else { continue }
                if total > Self.maxEffectivePolicies {
                    memo[member] = Effective(complete: false)
                    continue
                }
                var base = members.contains(member) ? nil : env.mirror.flatMap { memo[$0.value] }
                if let mirror = env.mirror, base != nil {
                    if tooLong.contains(mirror.value) {
                        // Cut off further down the chain, where the error was reported.
                        tooLong.insert(member)
                        base = nil
                    } else {
                        hops[member] = (hops[mirror.value] ?? 0) + 1
                        if hops[member, default: 0] > Self.maxMirrorChain {
                            sink.error(.mirrorChainTooLong, at: mirror.location,
                                       "environment '\(env.slug)' mirrors through more than \(Self.maxMirrorChain) environments; mirror the environment the policies come from directly")
                            tooLong.insert(member)
                            base = nil
                        }
                    }
                }
                let resolved = effective(env, base: base)
                total += resolved.entries.count
                if total > Self.maxEffectivePolicies {
                    sink.error(.tooManyPolicies, at: env.location,
                               "the manifests hold more than \(Self.maxEffectivePolicies) policies across environments once mirrors and policy sets expand (here, at environment '\(env.slug)'); split the tenant or share fewer sets")
                }
                memo[member] = resolved
            }
        }
        return memo
    }

    private func environment(_ slug: String) -> EnvironmentDecl? {
        catalog.environments[slug].map { declarations.environments[$0] }
    }

    /// Reports each mirror cycle once, naming every member and where its `mirror` is written; returns the members.
    private func reportCycles() -> Set<String> {
        var links: [String: String] = [:]
        for index in catalog.environments.values {
            let env = declarations.environments[index]
            if let mirror = env.mirror, catalog.environments[mirror.value] != nil { links[env.slug] = mirror.value }
        }
        var members: Set<String> = []
        for cycle in MirrorGraph(links: links).cycles() {
            guard let first = cycle.first, let start = environment(first)?.mirror else { continue }
            members.formUnion(cycle)
            // At most ten members are named: a cycle of thousands would make one line of hundreds of kilobytes.
            var path = cycle.prefix(10).map { slug in
                "'\(slug)' (\(environment(slug)?.mirror.map { "\($0.location)" } ?? "?"))"
            }
            if cycle.count > 10 { path.append("… \(cycle.count - 10) more") }
            sink.error(.mirrorCycle, at: start.location,
                       "mirror cycle: \(path.joined(separator: " → ")) → '\(first)'; an environment cannot mirror itself through a chain, so remove one of these mirrors")
        }
        return members
    }

    private func effective(_ env: EnvironmentDecl, base: Effective?) -> Effective {
        var result = Effective()
        result.complete = !env.broken
        if let mirror = env.mirror {
            if let base {
                addMirrored(base, of: mirror.value, into: &result, env: env)
            } else {
                result.complete = false
            }
        }
        var listed: [String: SourceLocation] = [:]
        for reference in env.policySets {
            if let first = listed[reference.value] {
                sink.error(.duplicatePolicy, at: reference.location,
                           "environment '\(env.slug)' lists policy set '\(reference.value)' twice: at \(first) and at \(reference.location)")
                continue
            }
            listed[reference.value] = reference.location
            guard let index = catalog.policySets[reference.value] else {
                result.complete = false
                continue
            }
            let set = declarations.policySets[index]
            if set.broken { result.complete = false }
            for decl in set.policies {
                insert(Entry(policy: decl.policy, origin: .set(set.name, decl.location)), at: reference.location, into: &result, env: env)
            }
        }
        for decl in env.policies {
            insert(Entry(policy: decl.policy, origin: .inline(decl.location)), at: decl.location, into: &result, env: env)
        }
        return result
    }

    private func addMirrored(_ base: Effective, of mirror: String, into result: inout Effective, env: EnvironmentDecl) {
        result.complete = result.complete && base.complete
        var excluded: Set<String> = []
        // Sorted once for every unknown name's hint, not once per name.
        lazy var names = base.entries.keys.sorted()
        for name in env.exclude {
            excluded.insert(name.value)
            if base.complete, base.entries[name.value] == nil {
                let hint = EditDistance.hint(for: name.value, in: names, budget: sink.hintBudget)
                sink.error(.unknownExclude, at: name.location,
                           "environment '\(env.slug)' excludes policy '\(NodeDescription.shortened(name.value))', which mirror '\(mirror)' does not have\(hint)")
            }
        }
        result.entries.reserveCapacity(base.entries.count + env.policies.count)
        for (name, entry) in base.entries where !excluded.contains(name) {
            result.entries[name] = Entry(policy: entry.policy, origin: entry.origin.mirrored(by: mirror))
        }
    }

    private func insert(_ entry: Entry, at location: SourceLocation, into result: inout Effective, env: EnvironmentDecl) {
        let name = entry.policy.name
        guard let existing = result.entries[name] else {
            result.entries[name] = entry
            return
        }
        let fix = if existing.origin.mirror != nil { "; exclude it from the mirror to replace it" } else { "; keep one of them" }
        sink.error(.duplicatePolicy, at: location,
                   "policy '\(name)' comes into environment '\(env.slug)' twice: from \(existing.origin.words) and from \(entry.origin.words)\(fix)")
    }
}

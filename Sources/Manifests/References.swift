import Governance
import YAMLNodes

/// Checks that every name a declaration points at exists: environments, policy sets, agents in grants.
struct References {
    let declarations: Declarations
    let catalog: Catalog
    let sink: DiagnosticSink
    /// Hints already worked out: one typo repeated across many documents is compared against the names once.
    private let hints = HintCache()

    /// Checks the references of `declarations` against `catalog`.
    init(declarations: Declarations, catalog: Catalog, sink: DiagnosticSink) {
        self.declarations = declarations
        self.catalog = catalog
        self.sink = sink
    }

    /// Reports every reference that does not resolve, with the nearest existing name when one is close.
    func check() {
        for index in catalog.environmentIndices {
            let env = declarations.environments[index]
            if let mirror = env.mirror {
                environment(mirror, from: "environment '\(env.slug)' mirrors")
            } else if let first = env.exclude.first {
                sink.error(.excludeWithoutMirror, at: first.location,
                           "environment '\(env.slug)' excludes policies but mirrors nothing; exclude only applies together with mirror")
            }
            for set in env.policySets where catalog.policySets[set.value] == nil {
                let hint = hints.hint(for: set.value, among: "sets", budget: sink.hintBudget) { catalog.policySets.keys.sorted() }
                sink.error(.unknownReference, at: set.location,
                           "environment '\(env.slug)' uses policy set '\(set.value)', which no PolicySet declares\(hint)")
            }
        }
        for index in catalog.agents {
            let agent = declarations.agents[index]
            environment(Located(value: agent.spec.environment, location: agent.environmentLocation), from: "agent '\(agent.spec.name)' belongs to")
        }
        for index in catalog.apiKeys {
            let key = declarations.apiKeys[index]
            if let env = key.spec.environment, let at = key.environmentLocation {
                environment(Located(value: env, location: at), from: "API key '\(key.spec.name)' is scoped to")
            }
        }
        for index in catalog.credentials {
            credential(declarations.credentials[index])
        }
    }

    /// Reports `reference` when no environment has that slug; returns whether it resolves.
    @discardableResult
    private func environment(_ reference: Located<String>, from what: String) -> Bool {
        guard catalog.environments[reference.value] == nil else { return true }
        // Only follows from a strategy's own error, already reported: fixing its type brings the environment back.
        if declarations.unexpandedSlugs.contains(reference.value) { return false }
        let hint = hints.hint(for: reference.value, among: "environments", budget: sink.hintBudget) { catalog.environments.keys.sorted() }
        sink.error(.unknownReference, at: reference.location,
                   "\(what) environment '\(NodeDescription.shortened(reference.value))', which is not declared\(hint)")
        return false
    }

    private func credential(_ credential: CredentialDecl) {
        let name = credential.spec.name
        var granted: [String: SourceLocation] = [:]
        for grant in credential.grants {
            if let first = granted[grant.value] {
                sink.error(.invalidValue, at: grant.location,
                           "credential '\(name)' grants '\(NodeDescription.shortened(grant.value))' twice: at \(first) and at \(grant.location)")
            } else {
                granted[grant.value] = grant.location
            }
        }
        if let env = credential.spec.environment, let at = credential.environmentLocation {
            guard environment(Located(value: env, location: at), from: "credential '\(name)' is scoped to") else { return }
            for grant in credential.grants { agent(grant.value, in: env, at: grant.location, credential: name) }
            return
        }
        for grant in credential.grants {
            let parts = grant.value.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                sink.error(.invalidValue, at: grant.location,
                           "tenant-wide credential '\(name)' grants '\(NodeDescription.shortened(grant.value))'; name agents of a tenant-wide credential as environment/agent")
                continue
            }
            let env = String(parts[0])
            if environment(Located(value: env, location: grant.location), from: "credential '\(name)' grants an agent of") {
                agent(String(parts[1]), in: env, at: grant.location, credential: name)
            }
        }
    }

    private func agent(_ name: String, in env: String, at location: SourceLocation, credential: String) {
        let agents = catalog.agentsByEnvironment[env] ?? []
        guard !agents.contains(name) else { return }
        let hint = EditDistance.hint(for: name, in: agents.sorted(), budget: sink.hintBudget)
        sink.error(.unknownReference, at: location,
                   "credential '\(credential)' grants agent '\(NodeDescription.shortened(name))', which environment '\(env)' does not declare\(hint)")
    }
}

/// Memoised "did you mean" hints, and the sorted candidate lists they are drawn from.
private final class HintCache {
    private var candidates: [String: [String]] = [:]
    private var hints: [String: String] = [:]

    /// The hint for `word` among the candidate list named `list`, made by `names` the first time it is needed.
    func hint(for word: String, among list: String, budget: EditDistance.Budget, names: () -> [String]) -> String {
        let key = list + "\u{0}" + word
        if let known = hints[key] { return known }
        let pool = candidates[list] ?? names()
        candidates[list] = pool
        let hint = EditDistance.hint(for: word, in: pool, budget: budget)
        hints[key] = hint
        return hint
    }
}

extension Catalog {
    /// Indices of the declarations that own each environment slug, in slug order.
    var environmentIndices: [Int] {
        environments.sorted { $0.key < $1.key }.map(\.value)
    }
}

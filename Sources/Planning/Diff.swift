import Governance

/// What a diff needs besides the two states; all of it decided by the caller, none of it read here.
public struct DiffOptions: Sendable {
    /// Delete live resources govctl created that the manifests no longer declare (`--prune` or `prune: true`).
    public var prune: Bool
    /// Limit the plan to these environments (`--env`); nil plans the whole tenant.
    public var environments: Set<String>?
    /// Whether each declared credential's value differs from live, by address; a missing entry means unknown
    /// (the value could not be read): a create then needs the value at apply, an existing value counts as unchanged.
    public var credentialValueChanged: [Address: Bool]

    /// Creates options.
    public init(prune: Bool = false, environments: Set<String>? = nil, credentialValueChanged: [Address: Bool] = [:]) {
        self.prune = prune
        self.environments = environments
        self.credentialValueChanged = credentialValueChanged
    }
}

/// Compares what the manifests declare with what is live and returns the plan that makes them equal.
///
/// Pure and deterministic: no I/O, no clock, the order of the inputs is irrelevant. Declared environments are
/// authoritative for their policies; agents, keys and credentials are managed when declared; anything else live
/// is unmanaged and left alone unless pruning is on and its labels say govctl created it.
public func diff(_ desired: DesiredState, _ live: LiveState, options: DiffOptions = DiffOptions()) -> Plan {
    var differ = Differ(desired: desired, live: live, options: options)
    return differ.run()
}

/// The state of one diff run: indexes over the live state and the changes found so far.
struct Differ {
    let desired: DesiredState
    let live: LiveState
    let options: DiffOptions
    var changes: [Change] = []
    var unchanged = 0
    var unmanaged: [Address] = []
    /// What the drift ignore rules of Settings set aside so far.
    var ignored: [IgnoredFinding] = []
    let rules: [DriftIgnoreRule]

    init(desired: DesiredState, live: LiveState, options: DiffOptions) {
        self.desired = desired
        self.live = live
        self.options = options
        rules = desired.settings?.driftIgnores ?? []
    }

    func inScope(_ slug: String?) -> Bool {
        guard let only = options.environments else { return true }
        return slug.map(only.contains) ?? false
    }

    mutating func run() -> Plan {
        let liveEnvironments = Dictionary(live.environments.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        let declared = Set(desired.environments.map(\.slug))
        let deletedEnvironments = Set(live.environments.filter { !declared.contains($0.slug) && inScope($0.slug) && prunable($0.labels) }.map(\.slug))

        diffEnvironments(liveEnvironments)
        diffPolicies(liveEnvironments)
        diffAgents(declaredEnvironments: declared)
        diffApiKeys(declaredEnvironments: declared)
        diffCredentials(declaredEnvironments: declared)
        diffSettings()
        deleteEnvironments(deletedEnvironments, declared: declared)

        let ordered = changes.enumerated().sorted { a, b in
            (a.element.wave, a.element.address, a.offset) < (b.element.wave, b.element.address, b.offset)
        }.map(\.element)
        let (kept, ignoredDeletes) = IgnoreRules.apply(rules, to: ordered)
        return Plan(changes: kept, unchanged: unchanged, unmanaged: unmanaged, ignored: ignored + ignoredDeletes)
    }

    func prunable(_ labels: [String: String]) -> Bool { options.prune && ManagedLabels.isManaged(labels) }

    /// A live agent, key or credential the manifests do not declare: deleted when pruning allows, else listed as
    /// unmanaged. Inside an undeclared environment it is left out: the environment is listed, or deleted with it.
    mutating func undeclared(_ address: Address, labels: [String: String], declaredEnvironments: Set<String>,
                             before: Fields.Map, revision: Int64, cascade: [String] = []) {
        guard inScope(address.environment) else { return }
        if let slug = address.environment, !declaredEnvironments.contains(slug) { return }
        if prunable(labels) {
            changes.append(Change(address: address, action: .delete, before: before, cascade: cascade, revision: revision))
        } else {
            unmanaged.append(address)
        }
    }

    /// Records a create, an update, or a no-op for one declared resource, once the ignore rules have set aside
    /// what they cover.
    mutating func reconcile(_ address: Address, desired: Fields.Map, live before: Fields.Map?, revision: Int64?,
                            needs: [Requirement] = [], refusals: [RuleViolation] = []) {
        record(address, after: effective(address, desired: desired, live: before), live: before, revision: revision,
               needs: needs, refusals: refusals)
    }

    /// Records a create, an update, or a no-op of `address` to `after`, which the ignore rules have already shaped.
    mutating func record(_ address: Address, after: Fields.Map, live before: Fields.Map?, revision: Int64?,
                         needs: [Requirement] = [], refusals: [RuleViolation] = [], callouts: [String] = []) {
        guard let before else {
            changes.append(Change(address: address, action: .create, after: after, refusals: refusals, needs: needs))
            return
        }
        let fields = Fields.differences(before, after)
        if fields.isEmpty {
            unchanged += 1
            return
        }
        changes.append(Change(address: address, action: .update, before: before, after: after, fields: fields,
                              refusals: refusals, needs: needs, revision: revision, callouts: callouts))
    }

    /// `desired` with the fields the ignore rules cover kept as they are live; records what they set aside once.
    mutating func effective(_ address: Address, desired: Fields.Map, live: Fields.Map?) -> Fields.Map {
        let (out, set) = IgnoreRules.effective(address, desired: desired, live: live, rules)
        ignored += set
        return out
    }

    mutating func diffEnvironments(_ liveEnvironments: [String: LiveEnvironment]) {
        for env in desired.environments where inScope(env.slug) {
            let current = liveEnvironments[env.slug]
            let before = current.map(Fields.environment)
            // What the plan will really write, so an ignored field raises no callout and needs nothing.
            let after = effective(.environment(env.slug), desired: Fields.environment(env), live: before)
            var callouts: [String] = []
            var needs: [Requirement] = []
            if let current, let production = after["production"]?.bool, let mode = after["enforcementMode"]?.enforcementMode {
                callouts = EnvironmentWeakening.callouts(liveProduction: current.isProduction, liveMode: current.enforcementMode,
                                                         production: production, mode: mode)
                if ProductionRules.removesFlag(live: current.isProduction, desired: production) { needs.append(.owner) }
            }
            if !callouts.isEmpty { needs.append(.confirmation) }
            record(.environment(env.slug), after: after, live: before, revision: current?.revision, needs: needs, callouts: callouts)
        }
    }

    mutating func diffPolicies(_ liveEnvironments: [String: LiveEnvironment]) {
        var liveByEnvironment: [String: [String: LivePolicy]] = [:]
        for policy in live.policies { liveByEnvironment[policy.environment, default: [:]][policy.policy.name] = policy }
        for env in desired.environments where inScope(env.slug) {
            let confirm = ProductionRules.policyChangesNeedConfirmation(declaredProduction: env.production,
                                                                        liveProduction: liveEnvironments[env.slug]?.isProduction == true)
            let needs: [Requirement] = confirm ? [.confirmation] : []
            var current = liveByEnvironment[env.slug] ?? [:]
            for policy in env.policies {
                let existing = current.removeValue(forKey: policy.name)
                reconcile(.policy(env.slug, policy.name), desired: Fields.policy(policy), live: existing.map { Fields.policy($0.policy) },
                          revision: existing?.revision, needs: needs)
            }
            // A declared environment is authoritative for its policies.
            for (name, stale) in current.sorted(by: { $0.key < $1.key }) {
                changes.append(Change(address: .policy(env.slug, name), action: .delete, before: Fields.policy(stale.policy),
                                      needs: needs, revision: stale.revision))
            }
        }
    }

    mutating func diffAgents(declaredEnvironments: Set<String>) {
        var liveAgents = Dictionary(live.agents.map { (AgentReference(environment: $0.environment, name: $0.name), $0) },
                                    uniquingKeysWith: { a, _ in a })
        let declared = Set(desired.agents.map { AgentReference(environment: $0.environment, name: $0.name) })
        // Only an agent in an environment this plan manages may be moved: one in an undeclared or out-of-scope
        // environment is unmanaged, and unmanaged means left alone.
        var undeclaredByName: [String: [LiveAgent]] = [:]
        for agent in live.agents where !declared.contains(AgentReference(environment: agent.environment, name: agent.name))
            && declaredEnvironments.contains(agent.environment) && inScope(agent.environment) {
            undeclaredByName[agent.name, default: []].append(agent)
        }
        for agent in desired.agents where inScope(agent.environment) {
            let key = AgentReference(environment: agent.environment, name: agent.name)
            var after = Fields.agent(agent)
            after["environment"] = .value(.string(agent.environment))
            if let existing = liveAgents.removeValue(forKey: key) {
                var before = Fields.agent(existing)
                before["environment"] = .value(.string(existing.environment))
                reconcile(.agent(agent.environment, agent.name), desired: after, live: before, revision: existing.revision)
            } else if let moved = undeclaredByName[agent.name], moved.count == 1, let from = moved.first,
                      liveAgents[AgentReference(environment: from.environment, name: from.name)] != nil {
                // The same agent, declared now in another environment: moving it is an update, not a new agent.
                liveAgents[AgentReference(environment: from.environment, name: from.name)] = nil
                var before = Fields.agent(from)
                before["environment"] = .value(.string(from.environment))
                reconcile(.agent(agent.environment, agent.name), desired: after, live: before, revision: from.revision)
            } else {
                reconcile(.agent(agent.environment, agent.name), desired: after, live: nil, revision: nil)
            }
        }
        for (key, agent) in liveAgents.sorted(by: { $0.key < $1.key }) {
            undeclared(.agent(key.environment, key.name), labels: agent.labels, declaredEnvironments: declaredEnvironments,
                       before: Fields.agent(agent), revision: agent.revision)
        }
    }

    mutating func diffApiKeys(declaredEnvironments: Set<String>) {
        var liveKeys: [Address: LiveApiKey] = [:]
        for key in live.apiKeys where key.revokedAt == nil { liveKeys[.apiKey(key.environment, key.name)] = key }
        for key in desired.apiKeys where inScope(key.environment) {
            let address = Address.apiKey(key.environment, key.name)
            let existing = liveKeys.removeValue(forKey: address)
            var before = existing.map(Fields.apiKey)
            before?["prefix"] = nil
            reconcile(address, desired: Fields.apiKey(key), live: before, revision: existing?.revision,
                      needs: existing == nil ? [.secretsFile] : [])
        }
        for (address, key) in liveKeys.sorted(by: { $0.key < $1.key }) {
            undeclared(address, labels: key.labels, declaredEnvironments: declaredEnvironments, before: Fields.apiKey(key),
                       revision: key.revision)
        }
    }

    mutating func diffCredentials(declaredEnvironments: Set<String>) {
        var liveCredentials: [Address: LiveCredential] = [:]
        for credential in live.credentials { liveCredentials[.credential(credential.environment, credential.name)] = credential }
        for credential in desired.credentials where inScope(credential.environment) {
            let address = Address.credential(credential.environment, credential.name)
            let existing = liveCredentials.removeValue(forKey: address)
            let known = options.credentialValueChanged[address]
            reconcile(address, desired: Fields.credential(credential, valueChanged: existing != nil && known == true),
                      live: existing.map(Fields.credential), revision: existing?.revision,
                      needs: existing == nil && known == nil ? [.secretValue] : [])
        }
        for (address, credential) in liveCredentials.sorted(by: { $0.key < $1.key }) {
            undeclared(address, labels: credential.labels, declaredEnvironments: declaredEnvironments,
                       before: Fields.credential(credential), revision: credential.revision,
                       cascade: credential.grants.map { "grant to agent/\($0)" })
        }
    }

    mutating func diffSettings() {
        guard let settings = desired.settings, options.environments == nil else { return }
        reconcile(.settings, desired: Fields.settings(settings), live: Fields.settings(live.settings.settings),
                  revision: live.settings.revision)
    }

    mutating func deleteEnvironments(_ deleted: Set<String>, declared: Set<String>) {
        let created = desired.environments.filter { env in inScope(env.slug) && !live.environments.contains { $0.slug == env.slug } }.count
        var remaining = live.environments.count + created
        for env in live.environments where !declared.contains(env.slug) && inScope(env.slug) {
            guard deleted.contains(env.slug) else {
                unmanaged.append(.environment(env.slug))
                continue
            }
            let active = live.agents.filter { $0.environment == env.slug && $0.status == .active }.map(\.name)
            let refusals = EnvironmentDeletionGuard.violations(.init(
                slug: env.slug, isDefault: env.isDefault, isProduction: env.isProduction, activeAgents: active,
                environmentCount: remaining))
            if refusals.isEmpty { remaining -= 1 }
            changes.append(Change(address: .environment(env.slug), action: .delete, before: Fields.environment(env),
                                  cascade: cascade(of: env.slug), refusals: refusals, revision: env.revision))
        }
    }

    /// What deleting an environment takes with it; its audit log stays for 90 days.
    func cascade(of slug: String) -> [String] {
        var out: [String] = []
        out += live.policies.filter { $0.environment == slug }.map { Address.policy(slug, $0.policy.name).description }
        out += live.agents.filter { $0.environment == slug }.map { Address.agent(slug, $0.name).description }
        out += live.apiKeys.filter { $0.environment == slug && $0.revokedAt == nil }.map { Address.apiKey(slug, $0.name).description }
        out += live.credentials.filter { $0.environment == slug }.map { Address.credential(slug, $0.name).description }
        let grants = live.credentials.filter { $0.environment != slug }.flatMap { c in
            c.grants.filter { $0.environment == slug }.map { "grant of \(Address.credential(c.environment, c.name)) to agent/\($0)" }
        }
        return out.sorted() + grants.sorted() + ["audit log of \(slug) kept 90 days"]
    }
}

private extension PlanValue {
    var bool: Bool? {
        if case .value(.bool(let b)) = self { return b }
        return nil
    }

    var enforcementMode: EnforcementMode? {
        if case .value(.string(let s)) = self { return EnforcementMode(rawValue: s) }
        return nil
    }
}

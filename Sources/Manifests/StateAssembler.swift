import Governance
import YAMLNodes

/// Turns checked declarations and resolved policies into the desired state, the best-practice warnings and
/// the `sources` index.
struct StateAssembler {
    let declarations: Declarations
    let catalog: Catalog
    let effective: [String: PolicyResolver.Effective]
    let sink: DiagnosticSink

    /// Builds everything; `state` is nil when any error was reported before or during assembly.
    func assemble() -> (state: DesiredState?, sources: [String: SourceLocation]) {
        var sources: [String: SourceLocation] = [:]
        sources.reserveCapacity(catalog.environments.count + effective.values.reduce(0) { $0 + $1.entries.count }
            + declarations.agents.count + declarations.apiKeys.count + declarations.credentials.count)
        var environments: [EnvironmentSpec] = []
        environments.reserveCapacity(catalog.environments.count)
        for index in catalog.environmentIndices {
            let decl = declarations.environments[index]
            let entries = effective[decl.slug]?.entries ?? [:]
            sources[Addresses.environment(decl.slug)] = decl.location
            for (name, entry) in entries { sources[Addresses.policy(decl.slug, name)] = entry.origin.location }
            let spec = EnvironmentSpec(
                slug: decl.slug, name: decl.name, description: decl.description, production: decl.production,
                enforcementMode: decl.enforcementMode, labels: decl.labels,
                policies: entries.values.map(\.policy).sorted { $0.name < $1.name }, mirror: decl.mirror?.value)
            if !decl.broken { warn(spec, decl) }
            environments.append(spec)
        }
        for index in catalog.policySets.values {
            let set = declarations.policySets[index]
            sources[Addresses.policySet(set.name)] = set.location
        }
        for strategy in declarations.strategies where sources[Addresses.strategy(strategy.value)] == nil {
            sources[Addresses.strategy(strategy.value)] = strategy.location
        }
        let agents = catalog.agents.map { declarations.agents[$0] }
        let keys = catalog.apiKeys.map { declarations.apiKeys[$0] }
        let credentials = catalog.credentials.map { declarations.credentials[$0] }
        for agent in agents { sources[Addresses.agent(agent.spec)] = agent.location }
        for key in keys { sources[Addresses.apiKey(key.spec)] = key.location }
        for credential in credentials { sources[Addresses.credential(credential.spec)] = credential.location }
        if let settings = declarations.settings.first { sources[Addresses.settings] = settings.location }
        guard sink.errorCount == 0 else { return (nil, sources) }
        let state = DesiredState(
            environments: environments,
            agents: agents.map(\.spec).sorted { ($0.environment, $0.name) < ($1.environment, $1.name) },
            apiKeys: keys.map(\.spec).sorted { ($0.environment ?? "", $0.name) < ($1.environment ?? "", $1.name) },
            credentials: credentials.map(\.spec).sorted { ($0.environment ?? "", $0.name) < ($1.environment ?? "", $1.name) },
            settings: declarations.settings.first?.value)
        return (state, sources)
    }

    /// The vendor's best practices, as warnings at the field that breaks them.
    private func warn(_ spec: EnvironmentSpec, _ decl: EnvironmentDecl) {
        let modeAt = decl.modeLocation ?? decl.location
        var found: [(RuleViolation, SourceLocation)] = []
        if let v = BestPractices.ambiguousName(spec) { found.append((v, decl.location)) }
        if let v = BestPractices.productionNotEnforcing(spec) { found.append((v, modeAt)) }
        if let v = BestPractices.developmentEnforcing(spec) { found.append((v, modeAt)) }
        if decl.isThreeTierStaging, let v = BestPractices.stagingNotMirroring(spec, production: "production") {
            found.append((v, decl.mirror?.location ?? decl.location))
        }
        for (violation, location) in found { sink.warning(violation, at: location) }
    }
}

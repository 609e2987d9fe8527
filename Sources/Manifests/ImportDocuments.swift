import Governance
import YAMLNodes

/// Writes live resources as manifest documents (see docs/manifests.md), leaving out defaults only where the
/// reader restores them exactly, and never the `managed-by` label, which govctl sets itself.
struct ImportDocuments {
    typealias Entries = [(key: String, value: YAMLOutput)]

    let variableNames: [ImportVariableNames.Credential: String]
    /// Variables named so far, one per credential.
    var variables: [ImportedManifests.Variable] = []
    /// Live things left out, each with why.
    var skipped: [String] = []

    static func document(_ kind: String, metadata: Entries, spec: Entries) -> YAMLOutput {
        .mapping([(key: "apiVersion", value: .string("govctl/v1")), (key: "kind", value: .string(kind)),
                  (key: "metadata", value: .mapping(metadata)), (key: "spec", value: .mapping(spec))])
    }

    /// `labels` without govctl's own, or nothing when none are left.
    static func labels(_ labels: [String: String]) -> Entries {
        let kept = ManagedLabels.declared(labels)
        return kept.isEmpty ? [] : [(key: "labels", value: RenderedState.labels(kept))]
    }

    /// `key: text`, or nothing when there is no text.
    static func optional(_ key: String, _ text: String?) -> Entries {
        text.map { [(key: key, value: .string($0))] } ?? []
    }

    /// An environment with its policies as the recognised structure lays them out: `mirror` (and `exclude`),
    /// `policySets`, then inline `policies`, written even when empty if nothing else gives the environment any.
    func environment(_ env: LiveEnvironment, _ layout: ImportStructure.Layout) -> YAMLOutput {
        var policies: Entries = []
        if let mirror = layout.mirror { policies.append((key: "mirror", value: .string(mirror))) }
        if !layout.exclude.isEmpty { policies.append((key: "exclude", value: .sequence(layout.exclude.map { .string($0) }))) }
        if !layout.policySets.isEmpty { policies.append((key: "policySets", value: .sequence(layout.policySets.map { .string($0) }))) }
        if !layout.policies.isEmpty || policies.isEmpty {
            policies.append((key: "policies", value: .sequence(layout.policies.map { Self.policy($0) })))
        }
        return Self.document("Environment", metadata: [(key: "slug", value: .string(env.slug))] + Self.labels(env.labels), spec:
            [(key: "name", value: .string(env.name))] + Self.optional("description", env.description)
            + [(key: "production", value: .bool(env.isProduction)),
               (key: "enforcementMode", value: .string(env.enforcementMode.rawValue))] + policies)
    }

    /// A policy set of imported policies.
    static func policySet(_ name: String, policies: [Policy]) -> YAMLOutput {
        document("PolicySet", metadata: [(key: "name", value: .string(name))],
                 spec: [(key: "policies", value: .sequence(policies.map { policy($0) }))])
    }

    static func policy(_ p: Policy) -> YAMLOutput {
        let constraints: Entries = p.constraints.isEmpty ? [] : [(key: "constraints", value: RenderedState.json(.object(p.constraints)))]
        return .mapping([(key: "name", value: .string(p.name)), (key: "type", value: .string(p.type.rawValue)),
                         (key: "actionPattern", value: .string(p.actionPattern.description)), (key: "priority", value: .int(p.priority))]
                        + constraints + optional("description", p.description))
    }

    func agent(_ a: LiveAgent) -> YAMLOutput {
        Self.document("Agent", metadata: [(key: "name", value: .string(a.name)), (key: "environment", value: .string(a.environment))]
                      + Self.labels(a.labels),
                      spec: Self.optional("description", a.description) + Self.optional("missionScope", a.missionScope)
                      + [(key: "status", value: .string(a.status.rawValue))])
    }

    /// A revoked key cannot be declared (a declared key is an active one), so it is skipped and said so.
    mutating func apiKey(_ k: LiveApiKey) -> YAMLOutput? {
        guard k.revokedAt == nil else {
            skipped.append("\(k.address): revoked; a manifest declares only active keys")
            return nil
        }
        return Self.document("ApiKey", metadata: [(key: "name", value: .string(k.name))] + Self.optional("environment", k.environment)
                             + Self.labels(k.labels), spec: [(key: "role", value: .string(k.role.rawValue))])
    }

    /// The value cannot be read back: the credential names a variable to read it from, listed for the user.
    mutating func credential(_ c: LiveCredential) -> YAMLOutput {
        let variable = variableNames[.init(environment: c.environment, name: c.name)] ?? ImportVariableNames.variable(c.name)
        variables.append(.init(name: variable, credential: c.address))
        var grants: [YAMLOutput] = []
        for grant in c.grants {
            if c.environment == nil {
                grants.append(.string(grant.description))
            } else if c.environment == grant.environment {
                grants.append(.string(grant.name))
            } else {
                skipped.append("grant of \(c.address) to agent/\(grant): an environment's credential names only its own agents")
            }
        }
        return Self.document("Credential", metadata: [(key: "name", value: .string(c.name))] + Self.optional("environment", c.environment)
                             + Self.labels(c.labels),
                             spec: [(key: "type", value: .string(c.type.rawValue)),
                                    (key: "valueFrom", value: .mapping([(key: "env", value: .string(variable))]))]
                             + (grants.isEmpty ? [] : [(key: "grants", value: .sequence(grants))]))
    }

    func settings(_ s: SettingsSpec) -> YAMLOutput {
        Self.document("Settings", metadata: [(key: "name", value: .string("tenant"))], spec: [
            (key: "mfaRequired", value: .bool(s.mfaRequired)), (key: "defaultRole", value: .string(s.defaultRole.rawValue)),
            (key: "notificationChannels", value: .sequence(s.notificationChannels.map {
                .mapping([(key: "type", value: .string($0.type)), (key: "target", value: .string($0.target))])
            })),
            (key: "prune", value: .bool(s.prune)),
        ])
    }
}

import Governance

/// The fields a plan compares, for each kind, desired and live, named as in the manifests.
///
/// The `managed-by` label is not compared: govctl sets it on what it creates, and an adopted (imported) resource
/// without it must not show as changed.
enum Fields {
    typealias Map = [String: PlanValue]

    static func environment(_ e: EnvironmentSpec) -> Map {
        ["name": .value(.string(e.name)), "description": text(e.description), "production": .value(.bool(e.production)),
         "enforcementMode": .value(.string(e.enforcementMode.rawValue)), "labels": labels(e.labels)]
    }

    static func environment(_ e: LiveEnvironment) -> Map {
        ["name": .value(.string(e.name)), "description": text(e.description), "production": .value(.bool(e.isProduction)),
         "enforcementMode": .value(.string(e.enforcementMode.rawValue)), "labels": labels(e.labels)]
    }

    static func policy(_ p: Policy) -> Map {
        ["type": .value(.string(p.type.rawValue)), "actionPattern": .value(.string(p.actionPattern.description)),
         "priority": .value(.int(p.priority)), "constraints": .value(.object(p.constraints)), "description": text(p.description)]
    }

    static func agent(_ a: AgentSpec) -> Map {
        ["description": text(a.description), "missionScope": text(a.missionScope), "status": .value(.string(a.status.rawValue)),
         "labels": labels(a.labels)]
    }

    static func agent(_ a: LiveAgent) -> Map {
        ["description": text(a.description), "missionScope": text(a.missionScope), "status": .value(.string(a.status.rawValue)),
         "labels": labels(a.labels)]
    }

    static func apiKey(_ k: ApiKeySpec) -> Map {
        ["role": .value(.string(k.role.rawValue)), "labels": labels(k.labels)]
    }

    static func apiKey(_ k: LiveApiKey) -> Map {
        ["role": .value(.string(k.role.rawValue)), "labels": labels(k.labels), "prefix": .value(.string(k.prefix))]
    }

    /// Desired credential fields; `value` is sensitive, changed when its fingerprint differs from live.
    static func credential(_ c: CredentialSpec, valueChanged: Bool) -> Map {
        let source: JSONValue = switch c.valueFrom {
        case .env(let name): .object(["env": .string(name)])
        case .file(let path): .object(["file": .string(path)])
        }
        return ["type": .value(.string(c.type.rawValue)), "grants": grants(c.grants, environment: c.environment),
                "labels": labels(c.labels), "value": valueChanged ? .sensitiveChanged : .sensitive, "valueFrom": .value(source)]
    }

    static func credential(_ c: LiveCredential) -> Map {
        ["type": .value(.string(c.type.rawValue)), "grants": .value(.array(c.grants.map { .string($0.description) })),
         "labels": labels(c.labels), "value": .sensitive]
    }

    static func settings(_ s: SettingsSpec) -> Map {
        ["mfaRequired": .value(.bool(s.mfaRequired)), "defaultRole": .value(.string(s.defaultRole.rawValue)),
         "notificationChannels": .value(.array(s.notificationChannels.map {
             .object(["type": .string($0.type), "target": .string($0.target)])
         })),
         "prune": .value(.bool(s.prune))]
    }

    /// Grants as `environment/agent`, sorted: an env-scoped credential's grants name agents of its environment.
    static func grants(_ names: [String], environment: String?) -> PlanValue {
        let full = names.map { name in environment.map { "\($0)/\(name)" } ?? name }.sorted()
        return .value(.array(full.map { .string($0) }))
    }

    static func text(_ s: String?) -> PlanValue { .value(s.map { .string($0) } ?? .null) }

    static func labels(_ labels: [String: String]) -> PlanValue {
        .value(.object(ManagedLabels.declared(labels).mapValues { .string($0) }))
    }

    /// Fields whose values differ between `before` and `after`, sorted by name; fields only in `after` that the live
    /// side cannot show (a credential's source) are not differences.
    static func differences(_ before: Map, _ after: Map) -> [FieldChange] {
        after.keys.sorted().compactMap { key in
            guard let new = after[key], let old = before[key] else { return nil }
            if new == .sensitiveChanged { return FieldChange(field: key, before: old, after: new) }
            return old == new ? nil : FieldChange(field: key, before: old, after: new)
        }
    }
}

import Governance
import YAMLNodes

/// The fully expanded desired state as an ordered tree, the one shape `govctl render` prints as YAML or JSON.
public enum RenderedState {
    /// The tree: `environments`, `agents`, `apiKeys`, `credentials`, `settings`, each in a stable order.
    public static func tree(_ state: DesiredState) -> YAMLOutput {
        .mapping([
            (key: "environments", value: .sequence(state.environments.map(environment))),
            (key: "agents", value: .sequence(state.agents.map(agent))),
            (key: "apiKeys", value: .sequence(state.apiKeys.map(apiKey))),
            (key: "credentials", value: .sequence(state.credentials.map(credential))),
            (key: "settings", value: state.settings.map(settings) ?? .null),
        ])
    }

    static func environment(_ env: EnvironmentSpec) -> YAMLOutput {
        .mapping([
            (key: "slug", value: .string(env.slug)),
            (key: "name", value: .string(env.name)),
            (key: "description", value: optional(env.description)),
            (key: "production", value: .bool(env.production)),
            (key: "enforcementMode", value: .string(env.enforcementMode.rawValue)),
            (key: "labels", value: labels(env.labels)),
            (key: "mirror", value: optional(env.mirror)),
            (key: "policies", value: .sequence(env.policies.map(policy))),
        ])
    }

    static func policy(_ p: Policy) -> YAMLOutput {
        .mapping([
            (key: "name", value: .string(p.name)),
            (key: "type", value: .string(p.type.rawValue)),
            (key: "actionPattern", value: .string(p.actionPattern.description)),
            (key: "priority", value: .int(p.priority)),
            (key: "constraints", value: json(.object(p.constraints))),
            (key: "description", value: optional(p.description)),
        ])
    }

    static func agent(_ a: AgentSpec) -> YAMLOutput {
        .mapping([
            (key: "environment", value: .string(a.environment)),
            (key: "name", value: .string(a.name)),
            (key: "description", value: optional(a.description)),
            (key: "missionScope", value: optional(a.missionScope)),
            (key: "status", value: .string(a.status.rawValue)),
            (key: "labels", value: labels(a.labels)),
        ])
    }

    static func apiKey(_ k: ApiKeySpec) -> YAMLOutput {
        .mapping([
            (key: "name", value: .string(k.name)),
            (key: "environment", value: optional(k.environment)),
            (key: "role", value: .string(k.role.rawValue)),
            (key: "labels", value: labels(k.labels)),
        ])
    }

    static func credential(_ c: CredentialSpec) -> YAMLOutput {
        let source: YAMLOutput = switch c.valueFrom {
        case .env(let name): .mapping([(key: "env", value: .string(name))])
        case .file(let path): .mapping([(key: "file", value: .string(path))])
        }
        return .mapping([
            (key: "name", value: .string(c.name)),
            (key: "environment", value: optional(c.environment)),
            (key: "type", value: .string(c.type.rawValue)),
            (key: "valueFrom", value: source),
            (key: "grants", value: .sequence(c.grants.map { .string($0) })),
            (key: "labels", value: labels(c.labels)),
        ])
    }

    static func settings(_ s: SettingsSpec) -> YAMLOutput {
        .mapping([
            (key: "mfaRequired", value: .bool(s.mfaRequired)),
            (key: "defaultRole", value: .string(s.defaultRole.rawValue)),
            (key: "notificationChannels", value: .sequence(s.notificationChannels.map {
                .mapping([(key: "type", value: .string($0.type)), (key: "target", value: .string($0.target))])
            })),
            (key: "prune", value: .bool(s.prune)),
        ])
    }

    static func optional(_ text: String?) -> YAMLOutput { text.map { .string($0) } ?? .null }

    static func labels(_ labels: [String: String]) -> YAMLOutput {
        .mapping(labels.sorted { $0.key < $1.key }.map { (key: $0.key, value: .string($0.value)) })
    }

    /// A constraint value; object keys sorted so output is stable.
    static func json(_ value: JSONValue) -> YAMLOutput {
        switch value {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .array(let items): .sequence(items.map(json))
        case .object(let fields): .mapping(fields.sorted { $0.key < $1.key }.map { (key: $0.key, value: json($0.value)) })
        }
    }
}

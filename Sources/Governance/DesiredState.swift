/// The fully expanded state the manifests ask for: strategies expanded, mirrors resolved, policy sets flattened.
public struct DesiredState: Hashable, Sendable {
    public var environments: [EnvironmentSpec]
    public var agents: [AgentSpec]
    public var apiKeys: [ApiKeySpec]
    public var credentials: [CredentialSpec]
    public var settings: SettingsSpec?

    /// Creates a desired state; callers keep each list in a stable order.
    public init(environments: [EnvironmentSpec] = [], agents: [AgentSpec] = [], apiKeys: [ApiKeySpec] = [],
                credentials: [CredentialSpec] = [], settings: SettingsSpec? = nil) {
        self.environments = environments
        self.agents = agents
        self.apiKeys = apiKeys
        self.credentials = credentials
        self.settings = settings
    }

    /// True when nothing at all is declared, which must never be read as "delete everything".
    public var isEmpty: Bool {
        environments.isEmpty && agents.isEmpty && apiKeys.isEmpty && credentials.isEmpty && settings == nil
    }
}

/// An environment with its effective policies.
public struct EnvironmentSpec: Hashable, Sendable {
    public var slug: String
    public var name: String
    public var description: String?
    public var production: Bool
    public var enforcementMode: EnforcementMode
    public var labels: [String: String]
    /// Effective policies, sorted by name.
    public var policies: [Policy]
    /// The environment whose policies this one mirrors, if any.
    public var mirror: String?

    /// Creates an environment spec.
    public init(slug: String, name: String, description: String? = nil, production: Bool = false,
                enforcementMode: EnforcementMode = .monitor, labels: [String: String] = [:],
                policies: [Policy] = [], mirror: String? = nil) {
        self.slug = slug
        self.name = name
        self.description = description
        self.production = production
        self.enforcementMode = enforcementMode
        self.labels = labels
        self.policies = policies
        self.mirror = mirror
    }
}

/// An agent, which belongs to exactly one environment.
public struct AgentSpec: Hashable, Sendable {
    public var environment: String
    public var name: String
    public var description: String?
    public var missionScope: String?
    public var status: AgentStatus
    public var labels: [String: String]

    /// Creates an agent spec.
    public init(environment: String, name: String, description: String? = nil, missionScope: String? = nil,
                status: AgentStatus = .active, labels: [String: String] = [:]) {
        self.environment = environment
        self.name = name
        self.description = description
        self.missionScope = missionScope
        self.status = status
        self.labels = labels
    }
}

/// An API key; its secret is made by the control plane, never declared.
public struct ApiKeySpec: Hashable, Sendable {
    public var name: String
    /// The environment the key is scoped to; nil for a tenant-wide key.
    public var environment: String?
    public var role: Role
    public var labels: [String: String]

    /// Creates an API key spec.
    public init(name: String, environment: String?, role: Role, labels: [String: String] = [:]) {
        self.name = name
        self.environment = environment
        self.role = role
        self.labels = labels
    }
}

/// A credential; its value is named by a source, never written inline.
public struct CredentialSpec: Hashable, Sendable {
    public var name: String
    /// The environment the credential is scoped to; nil for a tenant-wide credential.
    public var environment: String?
    public var type: CredentialType
    public var valueFrom: SecretSource
    /// Names of the agents granted this credential, sorted.
    public var grants: [String]
    public var labels: [String: String]

    /// Creates a credential spec.
    public init(name: String, environment: String?, type: CredentialType, valueFrom: SecretSource,
                grants: [String] = [], labels: [String: String] = [:]) {
        self.name = name
        self.environment = environment
        self.type = type
        self.valueFrom = valueFrom
        self.grants = grants
        self.labels = labels
    }
}

/// Where a notification goes.
public struct NotificationChannel: Hashable, Sendable {
    /// The kind of channel: `email`, `slack`, `webhook` or `pagerduty`.
    public var type: String
    /// The address, channel name or URL.
    public var target: String

    /// Creates a notification channel.
    public init(type: String, target: String) {
        self.type = type
        self.target = target
    }

    /// Channel kinds the vendor documents.
    public static let knownTypes = ["email", "slack", "webhook", "pagerduty"]
}

/// Tenant-wide settings.
public struct SettingsSpec: Hashable, Sendable {
    public var mfaRequired: Bool
    /// The role a new user gets.
    public var defaultRole: Role
    public var notificationChannels: [NotificationChannel]
    /// Whether environments and resources govctl created but the manifests no longer declare are deleted.
    public var prune: Bool
    /// Differences expected on purpose (`spec.drift.ignore`); held in git only, never written to the control plane.
    public var driftIgnores: [DriftIgnoreRule]

    /// Creates settings.
    public init(mfaRequired: Bool = false, defaultRole: Role = .viewer, notificationChannels: [NotificationChannel] = [],
                prune: Bool = false, driftIgnores: [DriftIgnoreRule] = []) {
        self.mfaRequired = mfaRequired
        self.defaultRole = defaultRole
        self.notificationChannels = notificationChannels
        self.prune = prune
        self.driftIgnores = driftIgnores
    }
}

/// What a policy does when an action matches it.
public enum PolicyType: String, CaseIterable, Hashable, Sendable, Codable {
    case allow, deny, alert, hold
}

/// How strictly an environment enforces its policies.
public enum EnforcementMode: String, CaseIterable, Hashable, Sendable, Codable {
    case monitor, alert, enforce
}

/// An agent's administrative status; an agent counts as active while it is `active`.
public enum AgentStatus: String, CaseIterable, Hashable, Sendable, Codable {
    case active, suspended
}

/// What kind of secret a credential holds (descriptive only).
public enum CredentialType: String, CaseIterable, Hashable, Sendable, Codable {
    case apiKey = "api_key"
    case oauthToken = "oauth_token"
    case dbPassword = "db_password"
    case serviceAccount = "service_account"
}

/// Where a secret value comes from; the value itself never stands in a manifest.
public enum SecretSource: Hashable, Sendable {
    /// An environment variable of the process that applies.
    case env(String)
    /// A file, relative to the manifest that names it.
    case file(String)
}

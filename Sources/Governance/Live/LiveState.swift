/// Everything the reconciler reads, from one consistent read, with the tenant revision it reflects.
public struct LiveState: Hashable, Sendable {
    /// The tenant-wide revision: it moves on every write, so equal revisions mean equal states.
    public var revision: Int64
    /// Sorted by slug.
    public var environments: [LiveEnvironment]
    /// Sorted by environment, then name.
    public var agents: [LiveAgent]
    /// Sorted by environment, then name.
    public var policies: [LivePolicy]
    /// Sorted by environment (tenant-wide first), then name; revoked keys included.
    public var apiKeys: [LiveApiKey]
    /// Sorted by environment (tenant-wide first), then name.
    public var credentials: [LiveCredential]
    public var settings: LiveSettings

    /// Creates a snapshot.
    public init(revision: Int64, environments: [LiveEnvironment], agents: [LiveAgent], policies: [LivePolicy],
                apiKeys: [LiveApiKey], credentials: [LiveCredential], settings: LiveSettings) {
        self.revision = revision
        self.environments = environments
        self.agents = agents
        self.policies = policies
        self.apiKeys = apiKeys
        self.credentials = credentials
        self.settings = settings
    }
}

/// Where a resource lives: `environment/staging`, `policy/staging/deny-destructive-db`, `apikey/ci` (tenant-wide),
/// `settings`. Addresses order changes and name them in every output.
public struct Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The kinds of resource a plan changes.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case environment, policy, agent, apikey, credential, settings
    }

    public let kind: Kind
    /// The environment slug: the environment itself, or the one a scoped resource lives in; nil when tenant-wide.
    public let environment: String?
    /// The resource's name within its environment or tenant; nil for environments and settings.
    public let name: String?

    private init(kind: Kind, environment: String?, name: String?) {
        self.kind = kind
        self.environment = environment
        self.name = name
    }

    /// The address of an environment.
    public static func environment(_ slug: String) -> Address { Address(kind: .environment, environment: slug, name: nil) }
    /// The address of a policy.
    public static func policy(_ environment: String, _ name: String) -> Address { Address(kind: .policy, environment: environment, name: name) }
    /// The address of an agent.
    public static func agent(_ environment: String, _ name: String) -> Address { Address(kind: .agent, environment: environment, name: name) }
    /// The address of an API key; `environment` nil for a tenant-wide key.
    public static func apiKey(_ environment: String?, _ name: String) -> Address { Address(kind: .apikey, environment: environment, name: name) }
    /// The address of a credential; `environment` nil for a tenant-wide credential.
    public static func credential(_ environment: String?, _ name: String) -> Address { Address(kind: .credential, environment: environment, name: name) }
    /// The address of the tenant's settings.
    public static let settings = Address(kind: .settings, environment: nil, name: nil)

    /// The address of a named resource of `kind` in `environment` (nil for a tenant-wide key or credential); nil for
    /// an environment or the settings, which have no name, and for a policy or agent without an environment.
    public static func named(_ kind: Kind, in environment: String?, _ name: String) -> Address? {
        switch (kind, environment) {
        case (.policy, let env?): .policy(env, name)
        case (.agent, let env?): .agent(env, name)
        case (.apikey, _): .apiKey(environment, name)
        case (.credential, _): .credential(environment, name)
        default: nil
        }
    }

    /// Parses the text form; nil when it is not an address.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let kind = parts.first.flatMap(Kind.init(rawValue:)), !parts.dropFirst().contains("") else { return nil }
        switch (kind, parts.count) {
        case (.settings, 1): self = .settings
        case (.environment, 2): self = .environment(parts[1])
        case (.apikey, 2), (.credential, 2): self.init(kind: kind, environment: nil, name: parts[1])
        case (.policy, 3), (.agent, 3), (.apikey, 3), (.credential, 3): self.init(kind: kind, environment: parts[1], name: parts[2])
        default: return nil
        }
    }

    /// The text form.
    public var description: String {
        switch kind {
        case .settings: return "settings"
        case .environment: return "environment/\(environment ?? "")"
        default: return [kind.rawValue, environment, name].compactMap { $0 }.joined(separator: "/")
        }
    }

    public static func < (a: Address, b: Address) -> Bool {
        (a.environment ?? "", a.kind.sortRank, a.name ?? "") < (b.environment ?? "", b.kind.sortRank, b.name ?? "")
    }
}

extension Address.Kind {
    /// Within an environment: the environment first, then what lives in it.
    var sortRank: Int {
        switch self {
        case .settings: 0
        case .environment: 1
        case .agent: 2
        case .policy: 3
        case .apikey: 4
        case .credential: 5
        }
    }
}

/// Whoever makes a call to the control plane: a role and the part of the tenant it may see.
public struct Principal: Hashable, Sendable {
    /// What a principal may see and change: one environment, or the whole tenant.
    public enum Scope: Hashable, Sendable {
        case tenant
        case environment(String)
    }

    public var role: Role
    public var scope: Scope
    /// How audit events name the principal: an API key's prefix, or `cli`.
    public var name: String
    /// The id of the API key that authenticated (`key_7`); nil for the command line.
    public var apiKeyId: String?

    /// Creates a principal.
    public init(role: Role, scope: Scope, name: String, apiKeyId: String? = nil) {
        self.role = role
        self.scope = scope
        self.name = name
        self.apiKeyId = apiKeyId
    }

    /// The embedded command line, which acts as the tenant's Owner.
    public static let cli = Principal(role: .owner, scope: .tenant, name: "cli")

    /// The environment the principal is confined to, or nil when it sees the whole tenant.
    public var environment: String? {
        if case .environment(let slug) = scope { return slug }
        return nil
    }

    /// Whether the principal may see or change something in environment `slug` (nil: tenant-wide).
    public func canReach(_ slug: String?) -> Bool {
        switch scope {
        case .tenant: true
        case .environment(let own): slug == own
        }
    }
}

/// Who runs the embedded command line, so every audit event it writes says who applied: the OS user and, in CI, the
/// system, run and commit (`cli:alice github-actions run=8123/1 commit=0a1b…`). The command line reads them; this
/// type only names them.
public struct CommandLineOperator: Hashable, Sendable {
    public var user: String?
    /// The CI system, such as `github-actions` or `gitlab-ci`.
    public var ci: String?
    /// The run (and attempt) or job id the CI system gives.
    public var run: String?
    public var commit: String?
    /// The repository or project the run belongs to.
    public var repository: String?

    /// Creates an operator.
    public init(user: String?, ci: String? = nil, run: String? = nil, commit: String? = nil, repository: String? = nil) {
        self.user = user
        self.ci = ci
        self.run = run
        self.commit = commit
        self.repository = repository
    }

    /// Longest value kept of each part: CI variables are not ours, and the name goes into every event.
    static let partLimit = 80

    /// The principal name audit events record.
    public var name: String {
        var parts = ["cli" + (user.map { ":" + Self.clean($0) } ?? "")]
        if let ci { parts.append(Self.clean(ci)) }
        if let repository { parts.append("repo=" + Self.clean(repository)) }
        if let run { parts.append("run=" + Self.clean(run)) }
        if let commit { parts.append("commit=" + Self.clean(commit)) }
        return parts.joined(separator: " ")
    }

    /// A value as one printable word of bounded length.
    private static func clean(_ text: String) -> String {
        let kept = text.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F && !$0.properties.isWhitespace }
        return String(String.UnicodeScalarView(kept.prefix(partLimit)))
    }
}

extension Principal {
    /// The embedded command line run by `who`: the tenant's Owner, named as `who` says in every audit event.
    public static func commandLine(_ who: CommandLineOperator) -> Principal {
        Principal(role: .owner, scope: .tenant, name: who.name)
    }
}

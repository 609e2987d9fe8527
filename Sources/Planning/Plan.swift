import Governance

/// An ordered list of changes and what the plan was made against; it knows nothing of how it is shown.
public struct Plan: Hashable, Sendable {
    /// Changes in the order they must be applied.
    public let changes: [Change]
    /// Resources that already match the manifests (counted, not listed).
    public let unchanged: Int
    /// Live resources the manifests do not declare and the plan leaves alone.
    public let unmanaged: [Address]
    /// What the manifests were warned about when the plan was made, so a pull-request comment shows it too.
    public var warnings: [PlanWarning]
    /// Differences the drift ignore rules of Settings set aside: apply leaves them as they are live.
    public let ignored: [IgnoredFinding]

    /// Creates a plan.
    public init(changes: [Change], unchanged: Int, unmanaged: [Address], warnings: [PlanWarning] = [], ignored: [IgnoredFinding] = []) {
        self.changes = changes
        self.unchanged = unchanged
        self.unmanaged = unmanaged.sorted()
        self.warnings = warnings
        self.ignored = ignored
    }

    /// Counts by outcome, as the summary line prints them.
    public struct Summary: Hashable, Sendable {
        public let add: Int
        public let change: Int
        public let destroy: Int
        public let refused: Int
    }

    /// Counts of creates, updates, deletes and refusals (a refused change counts only as refused).
    public var summary: Summary {
        var add = 0, change = 0, destroy = 0, refused = 0
        for c in changes {
            if c.isRefused { refused += 1; continue }
            switch c.action {
            case .create: add += 1
            case .update: change += 1
            case .delete: destroy += 1
            }
        }
        return Summary(add: add, change: change, destroy: destroy, refused: refused)
    }

    /// True when nothing would change.
    public var isEmpty: Bool { changes.isEmpty }

    /// True when no change is refused, so the plan may be applied.
    public var isApplicable: Bool { !changes.contains(where: \.isRefused) }
}

/// A warning about the manifests a plan was made from (`ambiguous-name`, `staging-not-mirroring`, …).
public struct PlanWarning: Hashable, Sendable, Codable {
    public let code: String
    public let message: String
    /// `file:line:col`, when the warning has a place.
    public let location: String?

    /// Creates a warning.
    public init(code: String, message: String, location: String?) {
        self.code = code
        self.message = message
        self.location = location
    }

    // Every key is always present (null when there is no place), as for every documented document.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(message, forKey: .message)
        try c.encode(location, forKey: .location)
    }
}

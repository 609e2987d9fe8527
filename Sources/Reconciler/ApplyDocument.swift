import Planning

/// The JSON form of an apply (`apply --format json`): its status, counts, each change's outcome, and the plan.
public struct ApplyDocument: Encodable, Sendable {
    /// Bumped on any change a consumer could notice.
    public static let currentFormatVersion = "1"

    /// How an apply ended.
    public enum Status: String, Encodable, Sendable {
        case applied, failed, interrupted, refused
        case noChanges = "no-changes"
    }

    /// One change's outcome.
    public struct ChangeOutcome: Encodable, Sendable {
        public let address: String
        public let action: String
        /// `applied`, `failed` or `not-started`.
        public let outcome: String
        public let error: ErrorDocument?

        /// Writes an absent error as `null` so the key is always present.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(address, forKey: .address)
            try c.encode(action, forKey: .action)
            try c.encode(outcome, forKey: .outcome)
            try c.encode(error, forKey: .error)
        }

        enum CodingKeys: String, CodingKey { case address, action, outcome, error }
    }

    /// A failed change's error.
    public struct ErrorDocument: Encodable, Sendable {
        public let code: String
        public let message: String
    }

    /// Counts of outcomes.
    public struct Counts: Encodable, Sendable {
        public let added, changed, destroyed, failed: Int
        public let notStarted: Int
        enum CodingKeys: String, CodingKey { case added, changed, destroyed, failed, notStarted = "not_started" }
    }

    public let formatVersion = currentFormatVersion
    public let status: Status
    public let counts: Counts
    public let changes: [ChangeOutcome]
    public let plan: PlanDocument

    enum CodingKeys: String, CodingKey { case formatVersion = "format_version", status, counts, changes, plan }

    /// The document of `report`, made from `plan`.
    public init(plan: Plan, report: ApplyReport) {
        let c = report.counts
        status = report.interrupted ? .interrupted : report.isComplete ? (plan.isEmpty ? .noChanges : .applied) : .failed
        counts = Counts(added: c.added, changed: c.changed, destroyed: c.destroyed, failed: c.failed, notStarted: c.notStarted)
        changes = report.entries.map { entry in
            let outcome: (String, ErrorDocument?) = switch entry.outcome {
            case .applied: ("applied", nil)
            case .failed(let code, let message): ("failed", ErrorDocument(code: code, message: message))
            case .notStarted: ("not-started", nil)
            }
            return ChangeOutcome(address: entry.change.address.description, action: entry.change.action.rawValue,
                                 outcome: outcome.0, error: outcome.1)
        }
        self.plan = PlanDocument(plan)
    }

    /// The document of a plan that was not applied because it holds refused changes.
    public init(refused plan: Plan) {
        status = .refused
        counts = Counts(added: 0, changed: 0, destroyed: 0, failed: 0, notStarted: plan.changes.count)
        changes = plan.changes.map { ChangeOutcome(address: $0.address.description, action: $0.action.rawValue, outcome: "not-started", error: nil) }
        self.plan = PlanDocument(plan)
    }
}

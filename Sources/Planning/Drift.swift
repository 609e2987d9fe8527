import struct Foundation.Date
import Governance

/// The kinds of difference `govctl drift` reports.
public enum DriftClass: String, Hashable, Sendable, CaseIterable, Comparable {
    /// A declared resource's field differs from git.
    case changed
    /// Declared in git, not live.
    case missing
    /// Live, not declared in git.
    case unmanaged
    /// An environment that mirrors another no longer has, live, the same policies as its source has live.
    case mirrorOutOfSync = "mirror-out-of-sync"
    /// A live environment with no agents and no audit events for a while.
    case dormant

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (a: DriftClass, b: DriftClass) -> Bool { a.rank < b.rank }
}

/// One difference between live and git.
public struct DriftItem: Hashable, Sendable {
    public let driftClass: DriftClass
    public let address: Address
    /// Fields that differ, secrets only as sensitive; `sides` names where `before` and `after` come from.
    public let fields: [FieldChange]
    /// What `before` and `after` of the fields are: live and git, or the mirror's and its source's live values.
    public let sides: Sides
    /// One sentence a person can act on.
    public let message: String

    /// Names the two sides a field difference compares.
    public struct Sides: Hashable, Sendable {
        public let before: String
        public let after: String

        /// Live against what git declares.
        public static let liveAndGit = Sides(before: "live", after: "git")

        /// Creates sides, such as `staging` against `production`.
        public init(before: String, after: String) {
            self.before = before
            self.after = after
        }
    }

    /// Creates an item.
    public init(driftClass: DriftClass, address: Address, fields: [FieldChange] = [], sides: Sides = .liveAndGit, message: String) {
        self.driftClass = driftClass
        self.address = address
        self.fields = fields
        self.sides = sides
        self.message = message
    }
}

/// Everything drift found, sorted by address then class; a value with no idea how it is shown.
public struct DriftReport: Hashable, Sendable {
    public let items: [DriftItem]
    /// Declared resources that match live (counted, not listed).
    public let unchanged: Int

    /// Creates a report; items are sorted so equal findings print equal bytes.
    public init(items: [DriftItem], unchanged: Int) {
        self.items = items.sorted { ($0.address, $0.driftClass) < ($1.address, $1.driftClass) }
        self.unchanged = unchanged
    }

    /// True when live matches git and nothing is dormant.
    public var isInSync: Bool { items.isEmpty }

    /// How many items of each class, every class present (zero when none).
    public var counts: [DriftClass: Int] {
        var out = Dictionary(uniqueKeysWithValues: DriftClass.allCases.map { ($0, 0) })
        for item in items { out[item.driftClass, default: 0] += 1 }
        return out
    }
}

/// What drift needs besides the two states; the clock and the audit log are read by the caller, never here.
public struct DriftOptions: Sendable {
    /// Limit the report to these environments (`--env`); nil reports the whole tenant.
    public var environments: Set<String>?
    /// Whether each declared credential's value differs from live, by address (see `DiffOptions`).
    public var credentialValueChanged: [String: Bool]
    /// The moment the report is made.
    public var now: Date
    /// The time of each environment's latest audit event, by slug; a missing slug has none recent enough to know.
    public var lastActivity: [String: Date]
    /// An environment with no agents and no audit event for this many days is dormant.
    public var dormantAfterDays: Int

    /// Creates options.
    public init(environments: Set<String>? = nil, credentialValueChanged: [String: Bool] = [:], now: Date,
                lastActivity: [String: Date] = [:], dormantAfterDays: Int = 30) {
        self.environments = environments
        self.credentialValueChanged = credentialValueChanged
        self.now = now
        self.lastActivity = lastActivity
        self.dormantAfterDays = dormantAfterDays
    }
}

/// Compares live with git and classifies every difference. Pure: the plan is made here, pruning only when the
/// manifests' Settings say so, as `plan` would.
public func drift(_ desired: DesiredState, _ live: LiveState, options: DriftOptions) -> DriftReport {
    let plan = diff(desired, live, options: DiffOptions(prune: desired.settings?.prune == true, environments: options.environments,
                                                        credentialValueChanged: options.credentialValueChanged))
    return drift(desired, live, plan: plan, options: options)
}

/// Classifies a plan of `desired` against `live` (what apply would change is what drifted), then adds mirrors
/// out of sync and dormant environments, which a plan cannot see.
public func drift(_ desired: DesiredState, _ live: LiveState, plan: Plan, options: DriftOptions) -> DriftReport {
    var items = plan.changes.map(DriftClassifier.item)
    items += plan.unmanaged.map { DriftItem(driftClass: .unmanaged, address: $0, message: "live, not in the manifests; govctl leaves it alone") }
    items += MirrorSync.items(desired, live, environments: options.environments)
    items += DormancyRule.items(live, options: options)
    return DriftReport(items: items, unchanged: plan.unchanged)
}

/// Turns one planned change into the drift it reveals.
enum DriftClassifier {
    static func item(_ change: Change) -> DriftItem {
        switch change.action {
        case .create:
            return DriftItem(driftClass: .missing, address: change.address, message: "declared in the manifests, not live")
        case .update:
            let names = change.fields.map(\.field).joined(separator: ", ")
            return DriftItem(driftClass: .changed, address: change.address, fields: change.fields,
                             message: "live differs from the manifests in \(names)")
        case .delete:
            // Without pruning a plan deletes only policies a declared environment lacks; with `prune: true` in
            // Settings, also what govctl created and git no longer declares. Either way: live, not declared.
            let message = change.address.kind == .policy
                ? "live, not in the manifests of an environment that declares its policies; apply deletes it"
                : "live, not in the manifests; govctl created it, so apply with pruning deletes it"
            return DriftItem(driftClass: .unmanaged, address: change.address, message: message)
        }
    }
}

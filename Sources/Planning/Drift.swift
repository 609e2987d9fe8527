import Governance
import struct Foundation.Date

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
    /// Findings the ignore rules of Settings set aside, sorted as items are.
    public let ignored: [IgnoredFinding]
    /// What is worth saying and is not drift: the tenant's built-in resources the manifests do not declare.
    public let notes: [String]
    /// The classes that make the report fail (`--fail-on`).
    public let failOn: Set<DriftClass>

    /// Creates a report; items are sorted so equal findings print equal bytes.
    public init(items: [DriftItem], unchanged: Int, ignored: [IgnoredFinding] = [], notes: [String] = [],
                failOn: Set<DriftClass> = DriftClass.failingByDefault) {
        self.items = items.sorted { ($0.address, $0.driftClass) < ($1.address, $1.driftClass) }
        self.unchanged = unchanged
        self.ignored = ignored.sorted { ($0.item.address, $0.item.driftClass) < ($1.item.address, $1.item.driftClass) }
        self.notes = notes
        self.failOn = failOn
    }

    /// True when live matches git and nothing is dormant (ignored findings aside).
    public var isInSync: Bool { items.isEmpty }

    /// True when an item is of a class that fails the report: `drift` then exits 2.
    public var failed: Bool { items.contains { failOn.contains($0.driftClass) } }

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
    public var credentialValueChanged: [Address: Bool]
    /// The moment the report is made.
    public var now: Date
    /// The time of each environment's latest audit event, by slug; a missing slug has none recent enough to know.
    public var lastActivity: [String: Date]
    /// An environment with no agents and no audit event for this many days is dormant.
    public var dormantAfterDays: Int
    /// The classes that make the report fail.
    public var failOn: Set<DriftClass>
    /// Declared live credentials whose value could not be read (its variable or file is not there), by address.
    public var uncomparedCredentials: [String]

    /// Creates options.
    public init(environments: Set<String>? = nil, credentialValueChanged: [Address: Bool] = [:], now: Date,
                lastActivity: [String: Date] = [:], dormantAfterDays: Int = 30, failOn: Set<DriftClass> = DriftClass.failingByDefault,
                uncomparedCredentials: [String] = []) {
        self.environments = environments
        self.credentialValueChanged = credentialValueChanged
        self.now = now
        self.lastActivity = lastActivity
        self.dormantAfterDays = dormantAfterDays
        self.failOn = failOn
        self.uncomparedCredentials = uncomparedCredentials
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
    var own: [DriftItem] = []
    var notes: [String] = []
    let builtIns = BuiltInResources(live)
    for address in plan.unmanaged {
        if let note = builtIns.note(address) {
            notes.append(note)
        } else {
            own.append(DriftItem(driftClass: .unmanaged, address: address, message: "live, not in the manifests; govctl leaves it alone"))
        }
    }
    if !options.uncomparedCredentials.isEmpty {
        // A cron job without the secrets is blind to a value changed outside git: say so rather than look clean.
        let list = options.uncomparedCredentials.joined(separator: ", ")
        let one = options.uncomparedCredentials.count == 1
        notes.append("the value\(one ? "" : "s") of \(list) \(one ? "was" : "were") not compared: \(one ? "its source" : "their sources") "
            + "(the variable or file valueFrom names) cannot be read here; run drift where apply's secrets are set to see a value changed outside git")
    }
    own += MirrorSync.items(desired, live, environments: options.environments)
    own += DormancyRule.items(live, options: options)
    // The plan applied the rules to its changes already; drift's own findings get the same rules here.
    let (kept, ignored) = IgnoreRules.apply(desired.settings?.driftIgnores ?? [], to: own)
    return DriftReport(items: plan.changes.map(DriftClassifier.item) + kept, unchanged: plan.unchanged, ignored: plan.ignored + ignored,
                       notes: notes, failOn: options.failOn)
}

/// What the tenant holds from the start, or what `govctl serve` made for itself: not drift when undeclared.
struct BuiltInResources {
    /// The default environment and the active bootstrap keys of a live state, found once rather than per address.
    private let addresses: Set<Address>

    init(_ live: LiveState) {
        var out = Set(live.environments.filter(\.isDefault).map { Address.environment($0.slug) })
        for key in live.apiKeys where key.revokedAt == nil && ManagedLabels.isBootstrapKey(key.labels) {
            out.insert(.apiKey(key.environment, key.name))
        }
        addresses = out
    }

    /// A note for an undeclared built-in resource at `address`; nil when it is an ordinary unmanaged resource.
    func note(_ address: Address) -> String? {
        guard addresses.contains(address) else { return nil }
        switch address.kind {
        case .environment:
            return "\(address) is the tenant's default environment, which exists from the start and cannot be deleted; "
                + "the manifests do not declare it, so govctl leaves it and what it holds alone (declare it to manage it)"
        default:
            return "\(address) is the Owner key govctl serve issued at its first start; govctl leaves it alone "
                + "(declare it to manage it, or revoke it once keys of your own are in place)"
        }
    }
}

/// Turns one planned change into the drift it reveals.
enum DriftClassifier {
    /// `live differs from the manifests in description, labels`.
    static func changedMessage(_ fields: [FieldChange]) -> String {
        "live differs from the manifests in \(fields.map(\.field).joined(separator: ", "))"
    }

    static func item(_ change: Change) -> DriftItem {
        switch change.action {
        case .create:
            return DriftItem(driftClass: .missing, address: change.address, message: "declared in the manifests, not live")
        case .update:
            return DriftItem(driftClass: .changed, address: change.address, fields: change.fields, message: changedMessage(change.fields))
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

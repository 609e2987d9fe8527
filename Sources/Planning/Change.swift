import Governance

/// A field's value as a plan shows it: secrets never appear, only that they are there or changed.
public enum PlanValue: Hashable, Sendable {
    case value(JSONValue)
    /// A secret (credential value, key secret): shown as `(sensitive)`.
    case sensitive
    /// A secret whose fingerprint differs from the live one: shown as `(sensitive value changed)`.
    case sensitiveChanged
}

/// One field of an update: what it is live and what the manifests want.
public struct FieldChange: Hashable, Sendable {
    public let field: String
    public let before: PlanValue
    public let after: PlanValue

    /// Creates a field change.
    public init(field: String, before: PlanValue, after: PlanValue) {
        self.field = field
        self.before = before
        self.after = after
    }
}

/// What a change does to its resource.
public enum ChangeAction: String, Hashable, Sendable, CaseIterable {
    case create, update, delete
}

/// What a change needs before it may be applied.
public enum Requirement: String, Hashable, Sendable, CaseIterable, Comparable {
    /// Removing a production flag needs the Owner role.
    case owner
    /// Policy changes in a production environment need an explicit confirmation.
    case confirmation
    /// Creating or rotating an API key needs a file to write its secret to (`apply --secrets-file`).
    case secretsFile = "secrets-file"
    /// A new credential whose value could not be read while planning (a pull-request job without the secret);
    /// apply reads it and refuses to start when it still cannot.
    case secretValue = "secret-value"

    public static func < (a: Requirement, b: Requirement) -> Bool { a.rawValue < b.rawValue }
}

/// One change of a plan, with everything a reviewer and the applier need.
public struct Change: Hashable, Sendable {
    public let address: Address
    public let action: ChangeAction
    /// Live fields before the change; nil for a create.
    public let before: [String: PlanValue]?
    /// Desired fields after the change, complete, so a saved plan can be applied alone; nil for a delete.
    public let after: [String: PlanValue]?
    /// For an update, the fields that differ, sorted by name.
    public let fields: [FieldChange]
    /// For a delete, what goes with it (addresses, and the audit log's retention).
    public let cascade: [String]
    /// The rules that refuse this change, each with its way out; empty when it may proceed.
    public let refusals: [RuleViolation]
    /// What the change needs before it may be applied.
    public let needs: [Requirement]
    /// The live revision the plan read, so the write can be made conditional on it; nil for a create.
    public let revision: Int64?
    /// What the change does that a reviewer must not miss, each its own line (`enforcement weakens: enforce → monitor`).
    public let callouts: [String]

    /// Creates a change.
    public init(address: Address, action: ChangeAction, before: [String: PlanValue]? = nil, after: [String: PlanValue]? = nil,
                fields: [FieldChange] = [], cascade: [String] = [], refusals: [RuleViolation] = [],
                needs: [Requirement] = [], revision: Int64? = nil, callouts: [String] = []) {
        self.address = address
        self.action = action
        self.before = before
        self.after = after
        self.fields = fields
        self.cascade = cascade
        self.refusals = refusals
        self.needs = needs.sorted()
        self.revision = revision
        self.callouts = callouts
    }

    /// Why a delete is planned, shown beside it: a declared environment is authoritative for its policies, and
    /// anything else is deleted only by pruning what govctl created.
    public var deleteReason: String? {
        guard action == .delete else { return nil }
        return address.kind == .policy ? "not in the manifests of a declared environment"
            : "created by govctl, no longer in the manifests; pruning is on"
    }

    /// True when a rule refuses the change.
    public var isRefused: Bool { !refusals.isEmpty }
}

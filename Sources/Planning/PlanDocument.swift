import Governance

/// The documented JSON form of a plan (`schemas/plan.schema.json`), versioned by `format_version`.
///
/// Secrets never appear: a sensitive field's value is the string `(sensitive)` and its name is listed in
/// `sensitive_fields` (and in `sensitive_changed` when its fingerprint differs), so the form reads back exactly.
public struct PlanDocument: Codable, Hashable, Sendable {
    /// Bumped on any change a consumer could notice.
    public static let currentFormatVersion = "1"

    public var formatVersion: String
    public var applicable: Bool
    public var summary: SummaryDocument
    public var changes: [ChangeDocument]
    public var unmanaged: [String]
    /// Absent in plans saved before warnings were recorded.
    public var warnings: [PlanWarning]?
    /// Differences the drift ignore rules set aside, as `govctl drift --format json` lists them; absent in older plans.
    public var ignored: [DriftDocument.ItemDocument]?

    /// Counts as the summary line prints them, plus the unchanged resources.
    public struct SummaryDocument: Codable, Hashable, Sendable {
        public var add: Int
        public var change: Int
        public var destroy: Int
        public var refused: Int
        public var unchanged: Int
    }

    /// One change.
    public struct ChangeDocument: Codable, Hashable, Sendable {
        public var address: String
        public var action: String
        public var before: [String: JSONValue]?
        public var after: [String: JSONValue]?
        public var changedFields: [String]
        public var sensitiveFields: [String]
        public var sensitiveChanged: [String]
        /// `ok`, `needs` or `refused`.
        public var verdict: String
        /// The first refusing rule's code, if refused.
        public var rule: String?
        public var refusals: [RefusalDocument]
        public var needs: [String]
        public var cascade: [String]
        public var revision: Int64?
        /// Lines a reviewer must not miss (`enforcement weakens: enforce → monitor`); absent in older saved plans.
        public var callouts: [String]?
        /// Why a delete is planned; null for a create or an update.
        public var reason: String?
    }

    /// A refusing rule and its way out.
    public struct RefusalDocument: Codable, Hashable, Sendable {
        public var rule: String
        public var message: String
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", applicable, summary, changes, unmanaged, warnings, ignored
    }
}

extension PlanDocument.ChangeDocument {
    enum CodingKeys: String, CodingKey {
        case address, action, before, after, verdict, rule, refusals, needs, cascade, revision, callouts, reason
        case changedFields = "changed_fields", sensitiveFields = "sensitive_fields", sensitiveChanged = "sensitive_changed"
    }

    /// Writes absent values as `null` so every documented key is always present.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(address, forKey: .address)
        try c.encode(action, forKey: .action)
        try c.encode(before, forKey: .before)
        try c.encode(after, forKey: .after)
        try c.encode(changedFields, forKey: .changedFields)
        try c.encode(sensitiveFields, forKey: .sensitiveFields)
        try c.encode(sensitiveChanged, forKey: .sensitiveChanged)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(rule, forKey: .rule)
        try c.encode(refusals, forKey: .refusals)
        try c.encode(needs, forKey: .needs)
        try c.encode(cascade, forKey: .cascade)
        try c.encode(revision, forKey: .revision)
        try c.encode(callouts ?? [], forKey: .callouts)
        try c.encode(reason, forKey: .reason)
    }
}

extension PlanDocument {
    /// The document form of `plan`.
    public init(_ plan: Plan) {
        let s = plan.summary
        formatVersion = Self.currentFormatVersion
        applicable = plan.isApplicable
        summary = SummaryDocument(add: s.add, change: s.change, destroy: s.destroy, refused: s.refused, unchanged: plan.unchanged)
        changes = plan.changes.map(ChangeDocument.init)
        unmanaged = plan.unmanaged.map(\.description)
        warnings = plan.warnings
        ignored = plan.ignored.map(DriftDocument.ItemDocument.init)
    }

    /// The plan this document describes; nil when an address, action, rule or requirement does not read back.
    public func plan() -> Plan? {
        var out: [Change] = []
        for doc in changes {
            guard let change = doc.change() else { return nil }
            out.append(change)
        }
        var kept: [IgnoredFinding] = []
        for doc in ignored ?? [] {
            guard let finding = doc.ignoredFinding() else { return nil }
            kept.append(finding)
        }
        return Plan(changes: out, unchanged: summary.unchanged, unmanaged: unmanaged.compactMap(Address.init(parsing:)),
                    warnings: warnings ?? [], ignored: kept)
    }
}

extension PlanDocument.ChangeDocument {
    static let sensitiveText = "(sensitive)"

    init(_ change: Change) {
        func plain(_ fields: [String: PlanValue]?) -> [String: JSONValue]? {
            fields?.mapValues { value in
                if case .value(let json) = value { return json }
                return .string(Self.sensitiveText)
            }
        }
        let all = (change.before ?? [:]).merging(change.after ?? [:]) { a, b in b == .sensitiveChanged ? b : a }
        address = change.address.description
        action = change.action.rawValue
        before = plain(change.before)
        after = plain(change.after)
        changedFields = change.fields.map(\.field)
        sensitiveFields = all.filter { $0.value == .sensitive || $0.value == .sensitiveChanged }.keys.sorted()
        sensitiveChanged = all.filter { $0.value == .sensitiveChanged }.keys.sorted()
        verdict = change.isRefused ? "refused" : change.needs.isEmpty ? "ok" : "needs"
        rule = change.refusals.first?.code
        refusals = change.refusals.map { PlanDocument.RefusalDocument(rule: $0.code, message: $0.message) }
        needs = change.needs.map(\.rawValue)
        cascade = change.cascade
        revision = change.revision
        callouts = change.callouts
        reason = change.deleteReason
    }

    func change() -> Change? {
        guard let address = Address(parsing: address), let action = ChangeAction(rawValue: action) else { return nil }
        let needs = needs.compactMap(Requirement.init(rawValue:))
        guard needs.count == self.needs.count else { return nil }
        let sensitive = Set(sensitiveFields), changed = Set(sensitiveChanged)
        func typed(_ fields: [String: JSONValue]?, changedSide: Bool) -> [String: PlanValue]? {
            fields.map { dict in
                Dictionary(uniqueKeysWithValues: dict.map { key, value in
                    guard sensitive.contains(key) else { return (key, PlanValue.value(value)) }
                    return (key, changedSide && changed.contains(key) ? .sensitiveChanged : .sensitive)
                })
            }
        }
        let before = typed(self.before, changedSide: false), after = typed(self.after, changedSide: true)
        let fields = changedFields.map { name in
            FieldChange(field: name, before: before?[name] ?? .value(.null), after: after?[name] ?? .value(.null))
        }
        return Change(address: address, action: action, before: before, after: after, fields: fields, cascade: cascade,
                      refusals: refusals.map { RuleViolation(code: $0.rule, message: $0.message) }, needs: needs, revision: revision,
                      callouts: callouts ?? [])
    }
}

import Governance

/// A finding an ignore rule of Settings set aside: listed with its rule, never hidden.
public struct IgnoredFinding: Hashable, Sendable {
    public let item: DriftItem
    public let rule: DriftIgnoreRule

    /// Creates an ignored finding.
    public init(item: DriftItem, rule: DriftIgnoreRule) {
        self.item = item
        self.rule = rule
    }
}

/// The one place ignore rules are applied, so plan and drift set aside exactly the same differences.
enum IgnoreRules {
    /// What the rules leave of one finding's fields.
    struct Verdict {
        /// The fields still reported; nil when the whole finding is ignored.
        var kept: [FieldChange]?
        var ignored: [IgnoredFinding]
    }

    /// Splits `item` into what the rules leave and what they set aside, field by field where a rule names fields.
    static func verdict(_ item: DriftItem, _ rules: [DriftIgnoreRule]) -> Verdict {
        let address = item.address.description
        let covering = rules.filter { $0.covers(item.driftClass, at: address) }
        guard !covering.isEmpty else { return Verdict(kept: item.fields, ignored: []) }
        if let whole = covering.first(where: { $0.fields.isEmpty }) {
            return Verdict(kept: nil, ignored: [IgnoredFinding(item: item, rule: whole)])
        }
        var kept: [FieldChange] = []
        var byRule: [(rule: DriftIgnoreRule, fields: [FieldChange])] = []
        for field in item.fields {
            guard let index = covering.firstIndex(where: { $0.fields.contains(field.field) }) else {
                kept.append(field)
                continue
            }
            if let slot = byRule.firstIndex(where: { $0.rule == covering[index] }) {
                byRule[slot].fields.append(field)
            } else {
                byRule.append((covering[index], [field]))
            }
        }
        let ignored = byRule.map {
            let message = item.driftClass == .changed ? DriftClassifier.changedMessage($0.fields) : item.message
            return IgnoredFinding(item: DriftItem(driftClass: item.driftClass, address: item.address, fields: $0.fields,
                                                  sides: item.sides, message: message), rule: $0.rule)
        }
        return Verdict(kept: kept.isEmpty ? nil : kept, ignored: ignored)
    }

    /// What a declared resource should become once the rules set aside what they cover: an ignored field keeps its
    /// live value (the write sends every field, so apply leaves it alone). Before the plan is made, so what follows
    /// from a field (a callout, a confirmation) follows from what will really change.
    static func effective(_ address: Address, desired: Fields.Map, live: Fields.Map?,
                          _ rules: [DriftIgnoreRule]) -> (desired: Fields.Map, ignored: [IgnoredFinding]) {
        guard let live, !rules.isEmpty else { return (desired, []) }
        let differences = Fields.differences(live, desired)
        guard !differences.isEmpty else { return (desired, []) }
        let item = DriftItem(driftClass: .changed, address: address, fields: differences, message: DriftClassifier.changedMessage(differences))
        let verdict = verdict(item, rules)
        guard !verdict.ignored.isEmpty else { return (desired, []) }
        let kept = Set((verdict.kept ?? []).map(\.field))
        var out = desired
        for field in differences where !kept.contains(field.field) { out[field.field] = live[field.field] }
        return (out, verdict.ignored)
    }

    /// A plan's deletes with the rules applied: a delete a rule covers (a console-managed policy) is not made.
    static func apply(_ rules: [DriftIgnoreRule], to changes: [Change]) -> (changes: [Change], ignored: [IgnoredFinding]) {
        guard !rules.isEmpty else { return (changes, []) }
        var keptChanges: [Change] = []
        var ignored: [IgnoredFinding] = []
        for change in changes {
            guard change.action == .delete else {
                keptChanges.append(change)
                continue
            }
            let item = DriftClassifier.item(change)
            // Set aside, the delete is not made: the finding says so instead of "apply deletes it".
            let kept = DriftItem(driftClass: item.driftClass, address: item.address, fields: item.fields, sides: item.sides,
                                 message: "live, not in the manifests; a drift ignore rule keeps it, so apply leaves it alone")
            let verdict = verdict(kept, rules)
            ignored += verdict.ignored
            if verdict.kept != nil { keptChanges.append(change) }
        }
        return (keptChanges, ignored)
    }

    /// Drift's own findings (unmanaged, mirrors, dormant) with the rules applied.
    static func apply(_ rules: [DriftIgnoreRule], to items: [DriftItem]) -> (items: [DriftItem], ignored: [IgnoredFinding]) {
        var kept: [DriftItem] = []
        var ignored: [IgnoredFinding] = []
        for item in items {
            let verdict = verdict(item, rules)
            ignored += verdict.ignored
            if let fields = verdict.kept {
                kept.append(DriftItem(driftClass: item.driftClass, address: item.address, fields: fields, sides: item.sides,
                                      message: item.message))
            }
        }
        return (kept, ignored)
    }
}

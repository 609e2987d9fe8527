import Governance

/// Renders a plan for a terminal, Terraform-style: `+` create, `~` update, `-` delete, `!` refused, grouped by
/// environment, with a summary line. Colour is the caller's choice (on a terminal, unless `NO_COLOR`).
public struct TextRenderer: Sendable {
    public let color: Bool

    /// Creates a renderer; `color` adds ANSI colours.
    public init(color: Bool) {
        self.color = color
    }

    /// The plan as text, ending with a newline.
    public func render(_ plan: Plan) -> String {
        var out = ""
        if plan.isEmpty {
            out += "No changes. Live state matches the manifests (\(plan.unchanged) resource\(plan.unchanged == 1 ? "" : "s") checked).\n"
        } else {
            out += "govctl will perform these actions:\n"
            for group in PlanGroups(plan).groups {
                out += "\n" + paint(bold, "# \(group.title)") + "\n"
                for change in group.changes { out += changeLines(change) }
            }
        }
        if !plan.unmanaged.isEmpty {
            out += "\nUnmanaged (live, not in the manifests; left alone — see --prune):\n"
            for address in plan.unmanaged { out += "    \(address)\n" }
        }
        if !plan.ignored.isEmpty {
            out += "\nIgnored by the drift rules of Settings (apply leaves them as they are live):\n"
            for finding in plan.ignored { out += "    \(Self.ignoredLine(finding))\n" }
        }
        let s = plan.summary
        if !plan.isEmpty {
            out += "\n" + paint(bold, "Plan: \(s.add) to add, \(s.change) to change, \(s.destroy) to destroy, \(s.refused) refused.") + "\n"
        }
        if !plan.isApplicable {
            out += paint(red, "This plan cannot be applied: \(s.refused) change\(s.refused == 1 ? " is" : "s are") refused. Fix them as each message says, then plan again.") + "\n"
        }
        return out
    }

    /// One change: its header line, then refusals and field lines, indented.
    func changeLines(_ change: Change) -> String {
        let colour = change.isRefused ? red : Self.colour(change.action)
        var out = "  " + paint(colour, "\(Self.symbol(change)) \(Self.header(change))")
        if !change.needs.isEmpty { out += paint(yellow, "  " + Self.needsText(change)) }
        out += "\n"
        for line in Self.details(change) {
            out += "      " + (line.hasPrefix("refused") ? paint(red, line) : line.hasPrefix("! ") ? paint(yellow, line) : line) + "\n"
        }
        return out
    }

    /// `policy/staging/x (unmanaged): rule policy/staging/*: why`, with the fields a rule set aside.
    static func ignoredLine(_ finding: IgnoredFinding) -> String {
        let fields = finding.item.fields.isEmpty ? "" : " " + finding.item.fields.map(\.field).joined(separator: ", ")
        return "\(finding.item.address)\(fields) [\(finding.item.driftClass.rawValue)]: \(DriftGroups.ruleText(finding.rule))"
    }

    /// `+`, `~`, `-`, or `!` when refused.
    static func symbol(_ change: Change) -> String {
        guard !change.isRefused else { return "!" }
        return switch change.action {
        case .create: "+"
        case .update: "~"
        case .delete: "-"
        }
    }

    /// `create policy/staging/x`, and for a delete why (`(not in the manifests of a declared environment)`).
    static func header(_ change: Change) -> String {
        "\(change.action.rawValue) \(change.address)" + (change.deleteReason.map { "  (\($0))" } ?? "")
    }

    /// `(needs confirmation, owner)`.
    static func needsText(_ change: Change) -> String { "(needs " + change.needs.map(\.rawValue).joined(separator: ", ") + ")" }

    /// The lines under a change's header: refusals first, then fields (create), field diffs (update) or cascade (delete).
    static func details(_ change: Change) -> [String] {
        var lines = change.refusals.map { "refused [\($0.code)]: \($0.message)" }
        lines += change.callouts.map { "! \($0)" }
        switch change.action {
        case .create:
            lines += (change.after ?? [:]).sorted(by: { $0.key < $1.key }).map { "\($0.key): \(ValueText.text($0.value))" }
        case .update:
            lines += change.fields.map { "\($0.field): \(ValueText.text($0.before)) -> \(ValueText.text($0.after))" }
        case .delete:
            lines += change.cascade.map { "also deletes \($0)" }
        }
        return lines
    }

    private static func colour(_ action: ChangeAction) -> String {
        switch action {
        case .create: "\u{1B}[32m"
        case .update: "\u{1B}[33m"
        case .delete: "\u{1B}[31m"
        }
    }
    private let red = "\u{1B}[31m"
    private let yellow = "\u{1B}[33m"
    private let bold = "\u{1B}[1m"

    private func paint(_ code: String, _ text: String) -> String {
        color && !code.isEmpty ? code + text + "\u{1B}[0m" : text
    }
}

/// Changes grouped by environment (tenant-wide ones under "tenant"), in plan order within each group.
struct PlanGroups {
    struct Group {
        let key: String
        let title: String
        var changes: [Change]
    }

    let groups: [Group]

    init(_ plan: Plan) {
        var order: [String] = []
        var byKey: [String: Group] = [:]
        for change in plan.changes {
            let key = change.address.environment ?? ""
            if byKey[key] == nil {
                order.append(key)
                byKey[key] = Group(key: key, title: key.isEmpty ? "tenant" : "environment \(key)", changes: [])
            }
            byKey[key]?.changes.append(change)
        }
        groups = order.sorted().compactMap { byKey[$0] }
    }
}

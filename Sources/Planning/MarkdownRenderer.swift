/// Renders a plan as a pull-request comment: summary table first, refusals and confirmations where no reviewer can
/// miss them, details per environment in collapsible blocks. No timestamps, so re-posting shows a real diff.
public struct MarkdownRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The plan as GitHub-flavoured Markdown.
    public func render(_ plan: Plan) -> String {
        let s = plan.summary
        var out = "### govctl plan: \(s.add) to add, \(s.change) to change, \(s.destroy) to destroy, \(s.refused) refused\n\n"
        if plan.isEmpty {
            out += "No changes. Live state matches the manifests (\(plan.unchanged) resources checked).\n"
        }
        let groups = PlanGroups(plan).groups
        if !groups.isEmpty {
            out += "| environment | add | change | destroy | refused |\n|---|---:|---:|---:|---:|\n"
            for group in groups {
                let counts = Plan(changes: group.changes, unchanged: 0, unmanaged: []).summary
                out += "| \(group.key.isEmpty ? "_tenant_" : "`\(group.key)`") | \(counts.add) | \(counts.change) | \(counts.destroy) | \(counts.refused) |\n"
            }
            out += "\n"
        }
        let refused = plan.changes.filter(\.isRefused)
        if !refused.isEmpty {
            out += "> [!CAUTION]\n> **\(refused.count) change\(refused.count == 1 ? " is" : "s are") refused — this plan cannot be applied.**\n"
            for change in refused {
                for r in change.refusals { out += "> - `\(change.address)` (\(change.action.rawValue)) — **\(r.code)**: \(escape(r.message))\n" }
            }
            out += "\n"
        }
        let confirmations = plan.changes.filter { !$0.isRefused && $0.needs.contains(.confirmation) }
        if !confirmations.isEmpty {
            out += "> [!WARNING]\n> **\(confirmations.count) change\(confirmations.count == 1 ? "" : "s") to production policies need\(confirmations.count == 1 ? "s" : "") confirmation** (`apply --confirm-production`):\n"
            for change in confirmations { out += "> - `\(change.address)` (\(change.action.rawValue))\n" }
            out += "\n"
        }
        let owner = plan.changes.filter { !$0.isRefused && $0.needs.contains(.owner) }
        if !owner.isEmpty {
            out += "> [!IMPORTANT]\n> **Needs the Owner role:**\n"
            for change in owner { out += "> - `\(change.address)` (\(change.action.rawValue))\n" }
            out += "\n"
        }
        for group in groups {
            let counts = Plan(changes: group.changes, unchanged: 0, unmanaged: []).summary
            out += "<details><summary>\(group.key.isEmpty ? "tenant" : "<code>\(group.key)</code>"): "
            out += "\(counts.add) to add, \(counts.change) to change, \(counts.destroy) to destroy, \(counts.refused) refused</summary>\n\n"
            out += "```diff\n"
            for change in group.changes { out += diffLines(change) }
            out += "```\n\n</details>\n\n"
        }
        if !plan.unmanaged.isEmpty {
            out += "<details><summary>\(plan.unmanaged.count) unmanaged resource\(plan.unmanaged.count == 1 ? "" : "s") left alone</summary>\n\n"
            for address in plan.unmanaged { out += "- `\(address)`\n" }
            out += "\n</details>\n"
        }
        return out
    }

    /// A change as lines of a `diff` block: GitHub colours `+` green, `-` red and `!` amber; details are context.
    private func diffLines(_ change: Change) -> String {
        let marker = change.isRefused ? "-" : ["create": "+", "update": "!", "delete": "-"][change.action.rawValue] ?? " "
        var header = "\(marker) \(change.isRefused ? "REFUSED " : "")\(TextRenderer.header(change))"
        if !change.needs.isEmpty { header += "  " + TextRenderer.needsText(change) }
        return ([header] + TextRenderer.details(change).map { "      " + $0 }).joined(separator: "\n") + "\n"
    }

    /// Markdown-escapes characters that would break a blockquote line.
    private func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "|": out += "\\|"
            case "\n": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}

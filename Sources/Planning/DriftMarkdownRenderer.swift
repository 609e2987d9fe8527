import Governance

/// Renders a drift report for an issue or an alert: counts per class first, then each class's items with their
/// field differences. No timestamps, so a re-posted report shows a real diff.
public struct DriftMarkdownRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The report as GitHub-flavoured Markdown.
    public func render(_ report: DriftReport) -> String {
        var out = report.isInSync
            ? "### govctl drift: in sync\n\nLive state matches the manifests (\(report.unchanged) resources checked).\n"
            : differences(report)
        if !report.ignored.isEmpty {
            out += "\n<details><summary>\(report.ignored.count) ignored by the drift rules of Settings</summary>\n\n"
            for finding in report.ignored {
                out += "- `\(finding.item.address)` (\(finding.item.driftClass.rawValue)) — \(escape(DriftGroups.ruleText(finding.rule)))\n"
            }
            out += "\n</details>\n"
        }
        if !report.notes.isEmpty { out += "\n" + report.notes.map { "> **Note:** \(escape($0))\n" }.joined(separator: ">\n") }
        return out
    }

    private func differences(_ report: DriftReport) -> String {
        let counts = report.counts
        var out = "### govctl drift: \(report.items.count) difference\(report.items.count == 1 ? "" : "s") between live and git\n\n"
        out += "| class | count |\n|---|---:|\n"
        for driftClass in DriftClass.allCases { out += "| `\(driftClass.rawValue)` | \(counts[driftClass] ?? 0) |\n" }
        for driftClass in DriftClass.allCases {
            let items = report.items.filter { $0.driftClass == driftClass }
            guard !items.isEmpty else { continue }
            out += "\n#### \(driftClass.rawValue)\n\n"
            for item in items {
                out += "- `\(item.address)` — \(escape(item.message))\n"
                for field in item.fields {
                    out += "  - `\(field.field)`: \(item.sides.before) `\(ValueText.text(field.before))`, \(item.sides.after) `\(ValueText.text(field.after))`\n"
                }
            }
        }
        if !report.failed { out += "\n" + DriftGroups.notFailing(report) + "\n" }
        return out
    }

    /// Keeps a message on its list line.
    private func escape(_ text: String) -> String {
        String(text.map { $0 == "\n" ? " " : $0 })
    }
}

import Governance

/// Renders a drift report for a terminal: items grouped by environment, each tagged with its class, field
/// differences indented as live -> git, and a summary line. Colour is the caller's choice.
public struct DriftTextRenderer: Sendable {
    public let color: Bool

    /// Creates a renderer; `color` adds ANSI colours.
    public init(color: Bool) {
        self.color = color
    }

    /// The report as text, ending with a newline.
    public func render(_ report: DriftReport) -> String {
        var out = ""
        if report.isInSync {
            out += "No drift. Live state matches the manifests (\(report.unchanged) resource\(report.unchanged == 1 ? "" : "s") checked).\n"
        } else {
            out += "Drift between the live state and the manifests:\n"
            for (key, items) in DriftGroups.byEnvironment(report.items) {
                out += "\n" + paint(bold, key.isEmpty ? "# tenant" : "# environment \(key)") + "\n"
                for item in items {
                    out += "  " + paint(Self.colours[item.driftClass] ?? "", "[\(item.driftClass.rawValue)]") + " \(item.address): \(item.message)\n"
                    out += fieldLines(item)
                }
            }
        }
        if !report.ignored.isEmpty {
            out += "\nIgnored by the drift rules of Settings (\(report.ignored.count)):\n"
            for finding in report.ignored {
                out += "  " + paint(Self.colours[.dormant] ?? "", "[\(finding.item.driftClass.rawValue)]") + " \(finding.item.address): "
                    + "\(DriftGroups.ruleText(finding.rule))\n"
                out += fieldLines(finding.item)
            }
        }
        for note in report.notes { out += "\nnote: \(note)\n" }
        if !report.isInSync {
            out += "\n" + paint(bold, "Drift: " + DriftGroups.summary(report) + ".") + "\n"
            if !report.failed { out += DriftGroups.notFailing(report) + "\n" }
        }
        return out
    }

    private func fieldLines(_ item: DriftItem) -> String {
        item.fields.map { "      \($0.field): \(item.sides.before) \(ValueText.text($0.before)), \(item.sides.after) \(ValueText.text($0.after))\n" }
            .joined()
    }

    private static let colours: [DriftClass: String] = [
        .changed: "\u{1B}[33m", .missing: "\u{1B}[31m", .unmanaged: "\u{1B}[36m", .mirrorOutOfSync: "\u{1B}[35m", .dormant: "\u{1B}[2m",
    ]
    private let bold = "\u{1B}[1m"

    private func paint(_ code: String, _ text: String) -> String {
        color && !code.isEmpty ? code + text + "\u{1B}[0m" : text
    }
}

/// Ways every drift renderer groups and counts items, so they agree.
enum DriftGroups {
    /// Items by environment slug (tenant-wide under ""), slugs sorted, report order within each.
    static func byEnvironment(_ items: [DriftItem]) -> [(key: String, items: [DriftItem])] {
        Dictionary(grouping: items) { $0.address.environment ?? "" }
            .sorted { $0.key < $1.key }
            .map { (key: $0.key, items: $0.value) }
    }

    /// `1 changed, 0 missing, 2 unmanaged, 0 mirror-out-of-sync, 1 dormant`.
    static func summary(_ report: DriftReport) -> String {
        let counts = report.counts
        return DriftClass.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
    }

    /// `rule policy/staging/console-* (unmanaged): hot-fixes made in the console`.
    static func ruleText(_ rule: DriftIgnoreRule) -> String {
        var scope = rule.classes.map(\.rawValue)
        if !rule.fields.isEmpty { scope.append("fields " + rule.fields.joined(separator: ", ")) }
        return "rule \(rule.address)\(scope.isEmpty ? "" : " (" + scope.joined(separator: "; ") + ")"): \(rule.reason)"
    }

    /// Why a report with items still passes: none is of a class `--fail-on` names.
    static func notFailing(_ report: DriftReport) -> String {
        guard !report.failOn.isEmpty else { return "Not failing: --fail-on none reports without failing." }
        let failing = report.failOn.sorted().map(\.rawValue).joined(separator: ", ")
        return "Not failing: drift fails only on \(failing) (see --fail-on)."
    }
}

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
        guard !report.isInSync else {
            return "No drift. Live state matches the manifests (\(report.unchanged) resource\(report.unchanged == 1 ? "" : "s") checked).\n"
        }
        var out = "Drift between the live state and the manifests:\n"
        for (key, items) in DriftGroups.byEnvironment(report) {
            out += "\n" + paint(bold, key.isEmpty ? "# tenant" : "# environment \(key)") + "\n"
            for item in items {
                out += "  " + paint(Self.colours[item.driftClass] ?? "", "[\(item.driftClass.rawValue)]") + " \(item.address): \(item.message)\n"
                for field in item.fields {
                    out += "      \(field.field): \(item.sides.before) \(ValueText.text(field.before)), \(item.sides.after) \(ValueText.text(field.after))\n"
                }
            }
        }
        out += "\n" + paint(bold, "Drift: " + DriftGroups.summary(report) + ".") + "\n"
        return out
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
    static func byEnvironment(_ report: DriftReport) -> [(key: String, items: [DriftItem])] {
        Dictionary(grouping: report.items) { $0.address.environment ?? "" }
            .sorted { $0.key < $1.key }
            .map { (key: $0.key, items: $0.value) }
    }

    /// `1 changed, 0 missing, 2 unmanaged, 0 mirror-out-of-sync, 1 dormant`.
    static func summary(_ report: DriftReport) -> String {
        let counts = report.counts
        return DriftClass.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
    }
}

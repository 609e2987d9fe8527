import Governance

/// Renders a plan as a pull-request comment: summary tables first, refusals, confirmations and warnings where no
/// reviewer can miss them, details per environment in collapsible blocks. No timestamps, so re-posting shows a real diff.
///
/// A comment has a size limit (GitHub refuses more than 65,536 characters), so the output keeps to `maxBytes`: the
/// summary always comes first and each of its lists is cut with "and N more" only when it alone would not fit;
/// whole environments' details go in smallest first, so the largest is the one cut, and a last line says how many
/// changes are not shown and where the full plan is.
public struct MarkdownRenderer: Sendable {
    /// Below GitHub's 65,536-character comment limit, with room for the marker a sticky-comment action adds.
    public static let defaultMaxBytes = 60_000
    /// The smallest budget that still holds the header, the cut notes and the closing line.
    public static let minimumMaxBytes = 2_000

    /// At most this many UTF-8 bytes (so at most as many characters); nil for no limit.
    public let maxBytes: Int?
    /// Only the summary: counts, refusals, requirements and warnings, no per-change details.
    public let summaryOnly: Bool
    /// Where the full plan is (the CI job's artifacts), linked from the comment.
    public let detailsURL: String?

    /// Creates a renderer.
    public init(maxBytes: Int? = nil, summaryOnly: Bool = false, detailsURL: String? = nil) {
        self.maxBytes = maxBytes.map { max($0, Self.minimumMaxBytes) }
        self.summaryOnly = summaryOnly
        self.detailsURL = detailsURL
    }

    /// The plan as GitHub-flavoured Markdown, within `maxBytes`.
    public func render(_ plan: Plan) -> String {
        var out = Budget(limit: maxBytes.map { $0 - Self.closingReserve } ?? .max)
        let s = plan.summary
        out.force("### govctl plan: \(s.add) to add, \(s.change) to change, \(s.destroy) to destroy, \(s.refused) refused\n\n")
        if plan.isEmpty {
            out.force("No changes. Live state matches the manifests (\(plan.unchanged) resources checked).\n\n")
        }
        let groups = PlanGroups(plan).groups
        if !groups.isEmpty {
            out.list(head: "| environment | add | change | destroy | refused |\n|---|---:|---:|---:|---:|\n",
                     items: groups.map { group in
                         let name = group.key.isEmpty ? "_tenant_" : "`\(group.key)`"
                         return "| \(name) | " + Self.counts(group.changes).map(String.init).joined(separator: " | ") + " |\n"
                     },
                     more: { "| _and \($0) more environments_ | | | | |\n" }, tail: "\n")
            out.list(head: "| kind | add | change | destroy | refused |\n|---|---:|---:|---:|---:|\n",
                     items: Address.Kind.allCases.compactMap { kind in
                         let changes = plan.changes.filter { $0.address.kind == kind }
                         guard !changes.isEmpty else { return nil }
                         return "| \(kind.rawValue) | " + Self.counts(changes).map(String.init).joined(separator: " | ") + " |\n"
                     },
                     more: { "| _and \($0) more kinds_ | | | | |\n" }, tail: "\n")
        }
        notices(plan, into: &out)
        var hidden = 0
        if summaryOnly {
            hidden = plan.changes.count
        } else {
            hidden = details(groups, into: &out)
            if !plan.unmanaged.isEmpty {
                let count = plan.unmanaged.count
                out.list(head: "<details><summary>\(count) unmanaged resource\(count == 1 ? "" : "s") left alone</summary>\n\n",
                         items: plan.unmanaged.map { "- `\($0)`\n" }, more: { "- _and \($0) more_\n" }, tail: "\n</details>\n\n")
            }
            if !plan.ignored.isEmpty {
                let count = plan.ignored.count
                out.list(head: "<details><summary>\(count) difference\(count == 1 ? "" : "s") ignored by the drift rules of Settings</summary>\n\n",
                         items: plan.ignored.map { "- `\(Self.escape(TextRenderer.ignoredLine($0)))`\n" }, more: { "- _and \($0) more_\n" },
                         tail: "\n</details>\n\n")
            }
        }
        return out.text + closing(hidden: hidden, cut: out.cut)
    }

    /// Refusals, confirmations, the Owner role and warnings: the part of the summary a reviewer must act on.
    private func notices(_ plan: Plan, into out: inout Budget) {
        let refused = plan.changes.filter(\.isRefused)
        if !refused.isEmpty {
            out.list(head: "> [!CAUTION]\n> **\(refused.count) change\(refused.count == 1 ? " is" : "s are") refused — this plan cannot be applied.**\n",
                     items: refused.flatMap { change in
                         change.refusals.map { "> - `\(change.address)` (\(change.action.rawValue)) — **\($0.code)**: \(Self.escape($0.message))\n" }
                     },
                     more: { "> - _and \($0) more refusals_\n" }, tail: "\n")
        }
        let confirmations = plan.changes.filter { !$0.isRefused && $0.needs.contains(.confirmation) }
        if !confirmations.isEmpty {
            let n = confirmations.count
            out.list(head: "> [!WARNING]\n> **\(n) change\(n == 1 ? "" : "s") need\(n == 1 ? "s" : "") confirmation** (production policies, a removed production flag, weaker enforcement; `apply --confirm-production`):\n",
                     items: confirmations.map { change in
                         "> - `\(change.address)` (\(change.action.rawValue))"
                             + change.callouts.map { " — **\(Self.escape($0))**" }.joined() + "\n"
                     },
                     more: { "> - _and \($0) more_\n" }, tail: "\n")
        }
        let owner = plan.changes.filter { !$0.isRefused && $0.needs.contains(.owner) }
        if !owner.isEmpty {
            out.list(head: "> [!IMPORTANT]\n> **Needs the Owner role:**\n",
                     items: owner.map { "> - `\($0.address)` (\($0.action.rawValue))\n" },
                     more: { "> - _and \($0) more_\n" }, tail: "\n")
        }
        if !plan.warnings.isEmpty {
            let n = plan.warnings.count
            out.list(head: "> [!NOTE]\n> **\(n) warning\(n == 1 ? "" : "s") about the manifests:**\n",
                     items: plan.warnings.map { w in
                         "> - " + (w.location.map { "`\(Self.escape($0))`: " } ?? "") + "**\(w.code)**: \(Self.escape(w.message))\n"
                     },
                     more: { "> - _and \($0) more warnings_\n" }, tail: "\n")
        }
    }

    /// One collapsible block per environment; the smallest go in first, so a cut falls on the largest. Returns how
    /// many changes were left out.
    private func details(_ groups: [PlanGroups.Group], into out: inout Budget) -> Int {
        let lines = groups.map { $0.changes.map(diffLines) }
        let openings = groups.map { group in
            let c = Self.counts(group.changes)
            return "<details><summary>\(group.key.isEmpty ? "tenant" : "<code>\(group.key)</code>"): "
                + "\(c[0]) to add, \(c[1]) to change, \(c[2]) to destroy, \(c[3]) refused</summary>\n\n```diff\n"
        }
        let closing = "```\n\n</details>\n\n"
        let sizes = lines.map { $0.reduce(0) { $0 + $1.utf8.count } }
        var shown = [Int](repeating: 0, count: groups.count)
        var room = out.room
        for index in groups.indices.sorted(by: { (sizes[$0], $0) < (sizes[$1], $1) }) {
            var cost = openings[index].utf8.count + closing.utf8.count + Self.moreLineReserve
            guard cost < room else { break }
            for line in lines[index] {
                guard cost + line.utf8.count <= room else { break }
                cost += line.utf8.count
                shown[index] += 1
            }
            room -= cost
            if shown[index] < lines[index].count { break }
        }
        var hidden = 0
        for index in groups.indices {
            let rest = lines[index].count - shown[index]
            hidden += rest
            guard shown[index] > 0 else { continue }
            var text = openings[index] + lines[index].prefix(shown[index]).joined()
            if rest > 0 { text += "  … and \(rest) more change\(rest == 1 ? "" : "s") in this environment\n" }
            out.force(text + closing)
        }
        if hidden > 0 { out.cut = true }
        return hidden
    }

    /// The last line: what was left out, and where the full plan is (always, when the CI job said where).
    private func closing(hidden: Int, cut: Bool) -> String {
        let link = detailsURL.map { "[the job's artifacts](\(Self.escape($0)))" } ?? "the job's artifacts"
        if summaryOnly {
            return hidden == 0 ? "" : "_Summary only: the \(hidden) change\(hidden == 1 ? " is" : "s are") listed in the full plan, in \(link)._\n"
        }
        guard cut || hidden > 0 else { return detailsURL == nil ? "" : "_The full plan is in \(link)._\n" }
        let changes = hidden > 0 ? "and \(hidden) more change\(hidden == 1 ? "" : "s") not shown" : "some lists were cut"
        return "_…\(changes) to keep this comment within \(maxBytes ?? 0) bytes: the full plan is in \(link)._\n"
    }

    /// Bytes kept for the closing line (a link included) and for each cut block's "and N more" line.
    private static let closingReserve = 600
    private static let moreLineReserve = 80

    /// Add, change, destroy and refused counts of `changes`.
    private static func counts(_ changes: [Change]) -> [Int] {
        let s = Plan(changes: changes, unchanged: 0, unmanaged: []).summary
        return [s.add, s.change, s.destroy, s.refused]
    }

    /// A change as lines of a `diff` block: GitHub colours `+` green and `-` red (a refusal too, which must stand out);
    /// an update is `~`, as in the text plan, where `!` means refused.
    private func diffLines(_ change: Change) -> String {
        let marker = change.isRefused ? "-" : ["create": "+", "update": "~", "delete": "-"][change.action.rawValue] ?? " "
        var header = "\(marker) \(change.isRefused ? "REFUSED " : "")\(TextRenderer.header(change))"
        if !change.needs.isEmpty { header += "  " + TextRenderer.needsText(change) }
        return ([header] + TextRenderer.details(change).map { "      " + $0 }).joined(separator: "\n") + "\n"
    }

    /// Markdown-escapes characters that would break a blockquote or table line.
    private static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            default: out.append(ch)
            }
        }
        return out
    }

    /// Text that keeps to a byte limit: lists are cut with a line saying how many items are left out.
    private struct Budget {
        let limit: Int
        var text = ""
        var used = 0
        /// True once anything was left out.
        var cut = false

        var room: Int { limit - used }

        /// Appends `part` whatever its size: what every comment must hold, or what was measured to fit.
        mutating func force(_ part: String) {
            text += part
            used += part.utf8.count
        }

        /// Appends `head`, as many `items` as fit with room for the "and N more" line, then `tail`.
        mutating func list(head: String, items: [String], more: (Int) -> String, tail: String) {
            force(head)
            let reserve = tail.utf8.count + MarkdownRenderer.moreLineReserve
            var taken = 0
            for item in items {
                guard used + item.utf8.count + reserve <= limit else { break }
                force(item)
                taken += 1
            }
            if taken < items.count {
                force(more(items.count - taken))
                cut = true
            }
            force(tail)
        }
    }
}

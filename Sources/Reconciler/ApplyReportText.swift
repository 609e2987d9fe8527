import Planning

/// Renders an apply's outcome for a terminal or a CI log: the changes, then the summary line last, where a log is
/// read from. Failed and not-started changes are always listed; applied ones up to `appliedLineLimit`.
public enum ApplyReportText {
    /// Applied changes listed one by one before the rest are counted (`apply --format json` lists every one).
    public static let appliedLineLimit = 20

    /// The report as text, ending with a newline.
    public static func render(_ report: ApplyReport) -> String {
        var out = ""
        let applied = report.entries.filter { $0.outcome == .applied }
        for entry in applied.prefix(appliedLineLimit) { out += "  " + line(entry) + "\n" }
        if applied.count > appliedLineLimit {
            out += "  … and \(applied.count - appliedLineLimit) more applied (apply --format json lists every change)\n"
        }
        for entry in report.entries where entry.outcome != .applied { out += "  " + line(entry) + "\n" }
        let c = report.counts
        if report.isComplete {
            return out + "Apply complete: \(c.added) added, \(c.changed) changed, \(c.destroyed) destroyed.\n"
        }
        out += report.interrupted ? "Apply interrupted" : "Apply failed"
        return out + ": \(c.applied) applied, \(c.failed) failed, \(c.notStarted) not started. Plan again to see what is left.\n"
    }

    /// `applied      create policy/staging/x`, with the error for a failure.
    static func line(_ entry: ApplyReport.Entry) -> String {
        let what = "\(entry.change.action.rawValue) \(entry.change.address)"
        switch entry.outcome {
        case .applied: return "applied      " + what
        case .failed(let code, let message): return "failed       \(what): \(message) [\(code)]"
        case .notStarted: return "not started  " + what
        }
    }
}

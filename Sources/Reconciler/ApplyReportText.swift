import Planning

/// Renders an apply's outcome for a terminal: a summary line, and on a failure every change with its outcome.
public enum ApplyReportText {
    /// The report as text, ending with a newline.
    public static func render(_ report: ApplyReport) -> String {
        let c = report.counts
        if report.isComplete {
            return "Apply complete: \(c.added) added, \(c.changed) changed, \(c.destroyed) destroyed.\n"
        }
        var out = report.interrupted ? "Apply interrupted" : "Apply failed"
        out += ": \(c.applied) applied, \(c.failed) failed, \(c.notStarted) not started. Plan again to see what is left.\n"
        for entry in report.entries {
            out += "  " + line(entry) + "\n"
        }
        return out
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

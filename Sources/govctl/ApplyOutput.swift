import Foundation
import Planning
import Reconciler

/// Prints what an apply shows: the plan first (text), then the outcome (text), or one JSON document at the end.
struct ApplyOutput {
    let format: ApplyFormat
    let color: Bool

    /// The plan about to be applied; JSON puts it in the final document instead.
    func plan(_ plan: Plan) {
        guard format == .text else { return }
        print(TextRenderer(color: color).render(plan), terminator: "")
        // Shown now, not when the apply ends: a pipe (a CI log) would otherwise hold it back.
        fflush(nil)
    }

    /// A plan that holds refused changes: the text form already shows each refusal with its rule.
    func refused(_ plan: Plan) throws {
        if format == .json { try printJSON(ApplyDocument(refused: plan)) }
    }

    /// The outcome of each change.
    func report(_ plan: Plan, _ report: ApplyReport) throws {
        switch format {
        case .text: if !plan.isEmpty { print("\n" + ApplyReportText.render(report), terminator: "") }
        case .json: try printJSON(ApplyDocument(plan: plan, report: report))
        }
    }

    private func printJSON(_ document: ApplyDocument) throws {
        print(try JSONRenderer.encode(document))
    }
}

import Governance
import Planning
import Testing
@testable import Reconciler

@Suite("How a plan is cut into waves and steps")
struct ApplyStepsTests {
    func creates(_ environment: String, _ count: Int) -> [Change] {
        (0..<count).map { Change(address: .policy(environment, "p\($0)"), action: .create) }
    }

    @Test("policy creates of one environment are batched up to the batch size; other changes go alone")
    func batches() {
        let changes = [Change(address: .environment("staging"), action: .create)] + creates("staging", 5) + creates("dev", 2)
            + [Change(address: .policy("staging", "old"), action: .delete, revision: 1)]
        let waves = ApplySteps.waves(changes, options: Applier.Options(batchSize: 3))
        #expect(waves.map { $0.map(\.indices) } == [[[0]], [[1, 2, 3], [4, 5], [6, 7]], [[8]]])
        #expect(waves[1].allSatisfy { $0.isBatch })
    }

    @Test("a change a fault is injected into is never batched, so the fault hits exactly it")
    func injectedAlone() {
        let changes = creates("staging", 3)
        let waves = ApplySteps.waves(changes, options: Applier.Options(injectedFaults: ["policy/staging/p1"]))
        #expect(waves.map { $0.map(\.indices) } == [[[0, 2], [1]]])
        #expect(waves[0].map(\.isBatch) == [true, false])
    }

    @Test("the report lists the changes, then the summary line last, where a CI log is read from")
    func reportText() {
        let changes = creates("staging", 3)
        let complete = ApplyReport(entries: changes.map { .init(change: $0, outcome: .applied) }, interrupted: false)
        #expect(ApplyReportText.render(complete) == """
              applied      create policy/staging/p0
              applied      create policy/staging/p1
              applied      create policy/staging/p2
            Apply complete: 3 added, 0 changed, 0 destroyed.

            """)
        let partial = ApplyReport(entries: [.init(change: changes[0], outcome: .applied),
                                            .init(change: changes[1], outcome: .failed(code: "revision-mismatch", message: "moved")),
                                            .init(change: changes[2], outcome: .notStarted)], interrupted: false)
        #expect(ApplyReportText.render(partial) == """
              applied      create policy/staging/p0
              failed       create policy/staging/p1: moved [revision-mismatch]
              not started  create policy/staging/p2
            Apply failed: 1 applied, 1 failed, 1 not started. Plan again to see what is left.

            """)
    }

    @Test("past the limit, applied changes are counted, while every failed and not-started change is still listed")
    func condensedReport() {
        let changes = creates("staging", 100)
        let entries = changes.enumerated().map { index, change in
            ApplyReport.Entry(change: change, outcome: index < 60 ? .applied : index == 60 ? .failed(code: "x", message: "boom") : .notStarted)
        }
        let lines = ApplyReportText.render(ApplyReport(entries: entries, interrupted: false)).split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("  applied") }.count == ApplyReportText.appliedLineLimit)
        #expect(lines.contains("  … and \(60 - ApplyReportText.appliedLineLimit) more applied (apply --format json lists every change)"))
        #expect(lines.filter { $0.hasPrefix("  not started") }.count == 39)
        #expect(lines.filter { $0.hasPrefix("  failed") }.count == 1)
        #expect(lines.last == "Apply failed: 60 applied, 1 failed, 39 not started. Plan again to see what is left.")
    }
}

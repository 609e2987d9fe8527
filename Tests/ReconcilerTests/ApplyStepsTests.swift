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

    @Test("the report reads: summary on success; every change with its outcome otherwise")
    func reportText() {
        let changes = creates("staging", 3)
        let complete = ApplyReport(entries: changes.map { .init(change: $0, outcome: .applied) }, interrupted: false)
        #expect(ApplyReportText.render(complete) == "Apply complete: 3 added, 0 changed, 0 destroyed.\n")
        let partial = ApplyReport(entries: [.init(change: changes[0], outcome: .applied),
                                            .init(change: changes[1], outcome: .failed(code: "revision-mismatch", message: "moved")),
                                            .init(change: changes[2], outcome: .notStarted)], interrupted: false)
        #expect(ApplyReportText.render(partial) == """
            Apply failed: 1 applied, 1 failed, 1 not started. Plan again to see what is left.
              applied      create policy/staging/p0
              failed       create policy/staging/p1: moved [revision-mismatch]
              not started  create policy/staging/p2

            """)
    }
}

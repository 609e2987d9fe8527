import Planning

/// How a plan is cut for execution: waves in order, and in each wave the steps that may run side by side.
enum ApplySteps {
    /// One unit of work: a single change, or policy creates of one environment sent together.
    struct Step: Sendable {
        /// Indices into the plan's changes, in plan order.
        var indices: [Int]
        let isBatch: Bool
    }

    /// The steps of each wave, waves in order, steps in plan order. Policy creates of one environment are batched
    /// (up to `batchSize`), except those a fault is injected into, so the fault hits exactly that change.
    static func waves(_ changes: [Change], options: Applier.Options) -> [[Step]] {
        var byWave: [Wave: [Int]] = [:]
        for (index, change) in changes.enumerated() { byWave[change.wave, default: []].append(index) }
        return byWave.keys.sorted().compactMap { wave in
            byWave[wave].map { steps($0, changes, options) }
        }
    }

    private static func steps(_ indices: [Int], _ changes: [Change], _ options: Applier.Options) -> [Step] {
        var steps: [Step] = []
        var openBatch: [String: Int] = [:]  // environment -> index of its batch still filling in `steps`
        for index in indices {
            let change = changes[index]
            let batchable = change.address.kind == .policy && change.action == .create
                && !options.injectedFaults.contains(change.address.description)
            guard batchable, let environment = change.address.environment else {
                steps.append(Step(indices: [index], isBatch: false))
                continue
            }
            if let open = openBatch[environment], steps[open].indices.count < options.batchSize {
                steps[open].indices.append(index)
            } else {
                openBatch[environment] = steps.count
                steps.append(Step(indices: [index], isBatch: true))
            }
        }
        return steps
    }
}

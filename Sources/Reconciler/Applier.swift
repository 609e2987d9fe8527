import ControlPlane
import Foundation
import Governance
import Planning

/// Applies a plan: waves in order (`Change.wave`), the changes of one wave up to `parallelism` at a time, each write
/// conditional on the revision the plan read. On a failure or an interrupt it starts nothing more, lets what runs
/// finish, and reports every change as applied, failed or not started.
public struct Applier: Sendable {
    /// How an apply runs.
    public struct Options: Sendable {
        /// How many changes of one wave run at once.
        public var parallelism: Int
        /// Test hook: addresses whose change fails on purpose with `injected-fault` instead of being sent
        /// (set from `GOVCTL_FAULT_INJECT`, so end-to-end tests can stop an apply halfway).
        public var injectedFaults: Set<String>
        /// Most policy creates of one environment sent in one all-or-none call.
        public var batchSize: Int
        /// How a write that failed transiently is sent again.
        public var retry: RetryPolicy

        /// The variable of the fault-injection test hook: `GOVCTL_FAULT_INJECT=ADDRESS[,ADDRESS…]`.
        public static let faultInjectionVariable = "GOVCTL_FAULT_INJECT"

        /// The addresses the test hook names in `environment`; none when the variable is unset.
        public static func injectedFaults(in environment: [String: String]) -> Set<String> {
            guard let list = environment[faultInjectionVariable] else { return [] }
            return Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }

        /// Creates options.
        public init(parallelism: Int = 4, injectedFaults: Set<String> = [], batchSize: Int = 500, retry: RetryPolicy = RetryPolicy()) {
            self.parallelism = max(1, parallelism)
            self.injectedFaults = injectedFaults
            self.batchSize = max(1, batchSize)
            self.retry = retry
        }
    }

    /// How far an apply got, after each finished step.
    public struct Progress: Sendable {
        public let done: Int
        public let total: Int
    }

    let executor: ChangeExecutor
    let options: Options
    /// The revision the plan was made against; with the changes it identifies the plan (see `planDigest`).
    let liveRevision: Int64

    /// An applier writing through `writer`; `live` is the state the plan was checked against (for labels the plan
    /// does not carry), `secrets` reads credential values, `keySecrets` receives new key secrets.
    public init(writer: any LiveWriter, live: LiveState, secrets: SecretResolver, keySecrets: any KeySecretSink,
                options: Options = Options()) {
        // A writer that retries itself has done so by the time it fails; sending again would only multiply its waits.
        executor = ChangeExecutor(writer: writer, liveLabels: LiveLabels(live), secrets: secrets, keySecrets: keySecrets,
                                 retry: writer.retriesTransientFailures ? .none : options.retry)
        var options = options
        if !writer.createsPoliciesAtomically { options.batchSize = 1 }
        self.options = options
        liveRevision = live.revision
    }

    /// Applies `plan`'s changes; `stop` may be set from outside (Ctrl-C); `progress` hears of every finished step.
    public func apply(_ plan: Plan, stop: StopSignal = StopSignal(),
                      progress: (@Sendable (Progress) -> Void)? = nil) async -> ApplyReport {
        // A remote backend derives each create's idempotency key from this, so a retried create is never doubled.
        await RemoteIdempotency.$plan.withValue(planDigest(plan)) {
            await applyChanges(plan, stop: stop, progress: progress)
        }
    }

    /// The same plan against the same live state always gives the same digest.
    func planDigest(_ plan: Plan) -> String {
        RemoteDigest.hex(plan.changes.reduce("\(liveRevision)") { "\($0)\n\($1.action) \($1.address) \($1.revision ?? -1)" })
    }

    private func applyChanges(_ plan: Plan, stop: StopSignal, progress: (@Sendable (Progress) -> Void)?) async -> ApplyReport {
        let changes = plan.changes
        var outcomes = [ApplyReport.Outcome](repeating: .notStarted, count: changes.count)
        var done = 0
        for wave in ApplySteps.waves(changes, options: options) {
            if stop.reason != nil { break }
            await withTaskGroup(of: (ApplySteps.Step, Error?).self) { group in
                var next = 0, running = 0
                func fill(_ group: inout TaskGroup<(ApplySteps.Step, Error?)>) {
                    while next < wave.count, running < options.parallelism, stop.reason == nil {
                        let step = wave[next]
                        next += 1
                        running += 1
                        group.addTask { (step, await run(step, changes)) }
                    }
                }
                fill(&group)
                while let (step, error) = await group.next() {
                    running -= 1
                    done += step.indices.count
                    record(step, error, changes, into: &outcomes)
                    if error != nil { stop.request(.failure) }
                    progress?(Progress(done: done, total: changes.count))
                    fill(&group)
                }
            }
        }
        let entries = zip(changes, outcomes).map { ApplyReport.Entry(change: $0, outcome: $1) }
        // A Ctrl-C that came after the last change left nothing undone: the apply completed.
        return ApplyReport(entries: entries, interrupted: stop.reason == .interrupted && outcomes.contains(.notStarted))
    }

    /// Sends one step; nil when it succeeded.
    private func run(_ step: ApplySteps.Step, _ changes: [Change]) async -> Error? {
        do {
            if step.isBatch {
                try await executor.createPolicies(step.indices.map { changes[$0] })
            } else if let index = step.indices.first {
                let change = changes[index]
                if options.injectedFaults.contains(change.address.description) { throw ApplyError.injected(change.address) }
                try await executor.execute(change)
            }
            return nil
        } catch {
            return error
        }
    }

    /// Records a step's outcome. A failed batch fails as a whole: the change the error names gets the error, the
    /// others say they were rolled back with it; when the error names none of them, each gets the error.
    private func record(_ step: ApplySteps.Step, _ error: Error?, _ changes: [Change], into outcomes: inout [ApplyReport.Outcome]) {
        guard let error else {
            for index in step.indices { outcomes[index] = .applied }
            return
        }
        let (code, message) = Self.describe(error)
        let resource = (error as? ControlPlaneError)?.resource
        let culprit = step.isBatch ? step.indices.first { changes[$0].address.description == resource } : nil
        for index in step.indices {
            if let culprit, index != culprit {
                outcomes[index] = .failed(code: ApplyError.Code.batchRolledBack.rawValue,
                                          message: "not applied: created in one transaction with \(changes[culprit].address), which failed")
            } else {
                outcomes[index] = .failed(code: code, message: message)
            }
        }
    }

    /// The stable code and message of any error a write throws.
    static func describe(_ error: Error) -> (code: String, message: String) {
        guard let coded = error as? any CodedError else { return ("error", "\(error)") }
        return (coded.errorCode, coded.errorMessage)
    }
}

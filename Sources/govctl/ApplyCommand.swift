import ArgumentParser
import Foundation
import Planning
import Reconciler

/// `govctl apply`: make the live state match the manifests, or apply exactly a saved plan.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Change the live state to match the manifests, or apply exactly a plan saved with `plan --out`.",
        discussion: """
            Without --plan, plans first, prints the plan and asks for 'yes' on a terminal (not on a terminal, \
            --auto-approve is needed). With --plan FILE, applies exactly the saved changes, or refuses the whole \
            plan before touching anything when the live state moved since it was made (also when every change it holds is already live).

            Changes run in waves, in this order: \(Wave.order). Within a wave up to --parallelism run at a time, each conditional on the revision the plan read. Policy changes in a \
            production environment need --confirm-production (or typing the environment's slug on a terminal). \
            Every audit event the embedded store writes names who applied: the OS user, and in CI the system, \
            run and commit (GITHUB_RUN_ID, GITHUB_SHA, CI_JOB_ID, CI_COMMIT_SHA, …). New API key secrets are written only to --secrets-file (mode 0600). On a failure or Ctrl-C nothing \
            more is started and every change is reported as applied, failed or not started; plan again to see \
            what is left.

            \(OwnershipHelp.paragraph)

            Without a terminal (in CI), a progress line goes to stderr at most every --progress-interval seconds \
            and only after another tenth of the changes. The report lists the failed and not-started changes, the \
            applied ones up to \(ApplyReportText.appliedLineLimit) (--format json lists all), and ends with the \
            summary line. SIGTERM (a CI runner's cancel) is handled like Ctrl-C.

            Exit codes: 0 applied (or nothing to do), 1 error or partial failure, 3 the plan holds refused \
            changes (nothing applied), 130 interrupted by SIGINT (Ctrl-C), 143 stopped by SIGTERM.

            Examples:
              govctl apply examples/three-tier
              govctl apply . --auto-approve --confirm-production --secrets-file keys.json
              govctl apply --plan plan.json --confirm-production
            """
    )

    @Argument(help: "Manifest files or directories (default: the current directory). With --plan, optional: where relative credential files are read from.")
    var paths: [String] = []

    @Option(help: ArgumentHelp("Apply exactly this plan, saved by `plan --out`.", valueName: "file"))
    var plan: String?

    @OptionGroup var backend: BackendOptions
    @OptionGroup var color: ColorOptions

    @Flag(help: "Apply without asking (needed when not on a terminal).")
    var autoApprove = false

    @Flag(help: "Confirm what needs confirming: policy changes in production environments, removing a production flag, weakening an enforcement mode.")
    var confirmProduction = false

    @Option(help: ArgumentHelp("How many independent changes run at once.", valueName: "n"))
    var parallelism = 4

    @Option(help: ArgumentHelp("Write new API key secrets to this file (mode 0600), and nowhere else.", valueName: "file"))
    var secretsFile: String?

    @Flag(help: ArgumentHelp(OwnershipHelp.prune))
    var prune = false

    @OptionGroup var scope: EnvironmentScope

    @Option(help: "Output format: text, or json (a report of every change's outcome, with the plan).")
    var format: ApplyFormat = .text

    @Option(help: ArgumentHelp(
        "Without a terminal: at most one progress line this often, each after another tenth of the changes (0: every tenth).",
        valueName: "seconds"))
    var progressInterval: SecondsArgument = 5

    func validate() throws {
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1") }
        guard progressInterval.value >= 0, progressInterval.value.isFinite else { throw ValidationError("--progress-interval must be 0 or more seconds") }
        if plan != nil && (prune || !scope.environments.isEmpty) {
            throw ValidationError("--prune and --env were fixed when the plan was saved; give them to `plan --out`, not to `apply --plan`")
        }
    }

    func run() async throws {
        // Before anything is planned: a key secret must never be written where a commit would take it.
        if let secretsFile { try SecretsFile.refuseCommittable(secretsFile) }
        // A file that is not a plan is said first; a saved plan was made against a state that exists, so a missing
        // one is a mistyped path, not a new tenant.
        let file = try plan.map(ApplySource.read)
        if file != nil && backend.endpointURL == nil { try backend.requireExistingState() }
        let live = try await backend.backend()
        let prepared = if let plan, let file {
            try await ApplySource.saved(file, at: plan, paths: paths, backend: live)
        } else {
            try await ApplySource.fresh(paths: paths.isEmpty ? ["."] : paths, prune: prune, environments: scope.environments, backend: live)
        }
        let output = ApplyOutput(format: format, color: color.enabled)
        output.plan(prepared.plan)
        guard prepared.plan.isApplicable else {
            try output.refused(prepared.plan)
            throw ExitCode(3)
        }
        if prepared.plan.isEmpty {
            try output.report(prepared.plan, ApplyReport(entries: [], interrupted: false))
            return
        }
        try ApplyApproval(command: self, principal: live.principal, secrets: prepared.secrets).obtain(for: prepared.plan, saved: plan != nil)
        let sink: any KeySecretSink = try secretsFile.map { try SecretsFile(path: $0) } ?? NoKeySecretSink()
        let faults = Applier.Options.injectedFaults(in: ProcessInfo.processInfo.environment)
        let applier = Applier(writer: live, live: prepared.live, secrets: prepared.secrets, keySecrets: sink,
                              options: Applier.Options(parallelism: parallelism, injectedFaults: faults))
        let stop = StopSignal()
        let interrupts = Interrupts(stop)
        let progress = Terminal.progress(for: prepared.plan.changes.count, interval: progressInterval.value)
        let report = await applier.apply(prepared.plan, stop: stop, progress: progress)
        interrupts.release()
        try output.report(prepared.plan, report)
        if report.interrupted { throw ExitCode(interrupts.exitCode) }
        if !report.isComplete { throw ExitCode(1) }
    }
}

/// Output formats of `apply`.
enum ApplyFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

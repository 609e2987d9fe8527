import ArgumentParser
import Foundation
import Governance
import Planning
import Reconciler

/// `govctl drift`: what changed outside git, for a person, an issue or an alert.
struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Compare the live state with the manifests and report what differs; never changes anything.",
        discussion: """
            Classifies every difference: changed (a declared resource's field differs from git), missing \
            (declared, not live), unmanaged (live, not declared), mirror-out-of-sync (an environment with \
            mirror: X whose live policies no longer equal X's live policies), dormant (a live environment with \
            no agents and no audit events in the last 30 days). Secrets show only as (sensitive).

            The tenant's default environment and the key govctl serve issued at its first start are not drift \
            when undeclared: they are printed as notes. Differences expected on purpose are set aside by the \
            ignore rules in Settings (spec.drift.ignore, each with a reason); they are listed as ignored, never \
            hidden, and plan and apply leave them alone too.

            Exit codes: 0 when nothing of a failing class is found, 1 error, 2 when something is. By default \
            drift fails on changed, missing and mirror-out-of-sync (git and live disagree about what git \
            declares) and reports unmanaged and dormant without failing; --fail-on chooses.

            \(OwnershipHelp.paragraph)

            Reads the live state and never writes it: a --state file that does not exist is refused \
            (no-live-state), not created.

            Examples:
              govctl drift governance/
              govctl drift governance/ --format json > drift.json || alert drift.json
              govctl drift governance/ --format markdown --env production
              govctl drift governance/ --fail-on all
            """
    )

    /// How far back an audit event keeps an environment from being dormant.
    static let dormantAfterDays = 30

    @OptionGroup var manifests: ManifestPaths

    @OptionGroup var backend: BackendOptions
    @OptionGroup var color: ColorOptions

    @Option(help: "Output format: text, markdown (for an issue or alert) or json (schemas/drift.schema.json).")
    var format: PlanFormat = .text

    @OptionGroup var scope: EnvironmentScope

    @Option(name: .customLong("fail-on"),
            help: ArgumentHelp("Classes that make drift exit 2, comma-separated: \(DriftClass.allCases.map(\.rawValue).joined(separator: ", ")), all or none.",
                               valueName: "classes"))
    var failOn: FailOnClasses = FailOnClasses(DriftClass.failingByDefault)

    func run() async throws {
        let request = try PlanRequest(paths: manifests.paths, prune: false, environments: scope.environments)
        let live = try await backend.existingBackend()
        let made = try await request.make(with: live)
        let now = Date()
        let since = now.addingTimeInterval(-Double(Self.dormantAfterDays) * 86_400)
        let options = DriftOptions(environments: request.options.environments, now: now,
                                   lastActivity: try await live.lastActivity(since: since), dormantAfterDays: Self.dormantAfterDays,
                                   failOn: failOn.classes, uncomparedCredentials: made.uncomparedCredentials)
        let report = drift(request.desired, made.live, plan: made.plan, options: options)
        switch format {
        case .text: print(DriftTextRenderer(color: color.enabled).render(report), terminator: "")
        case .markdown: print(DriftMarkdownRenderer().render(report), terminator: "")
        case .json: print(try DriftJSONRenderer().render(report, generatedAt: now), terminator: "")
        }
        throw ExitCode(report.failed ? 2 : 0)
    }
}

import ArgumentParser
import Foundation
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

            Exit codes: 0 in sync, 1 error, 2 drift found.

            Examples:
              govctl drift governance/
              govctl drift governance/ --format json > drift.json || alert drift.json
              govctl drift governance/ --format markdown --env production
            """
    )

    /// How far back an audit event keeps an environment from being dormant.
    static let dormantAfterDays = 30

    @Argument(help: "Manifest files or directories.")
    var paths: [String] = ["."]

    @OptionGroup var backend: BackendOptions
    @OptionGroup var color: ColorOptions

    @Option(help: "Output format: text, markdown (for an issue or alert) or json (schemas/drift.schema.json).")
    var format: PlanFormat = .text

    @Option(name: [.customShort("e"), .customLong("env")], help: ArgumentHelp("Limit the report to this environment (repeatable).", valueName: "slug"))
    var environments: [String] = []

    func run() async throws {
        let request = try PlanRequest(paths: paths, prune: false, environments: environments)
        let live = try await backend.existingBackend()
        let made = try await request.make(with: live)
        let now = Date()
        let since = now.addingTimeInterval(-Double(Self.dormantAfterDays) * 86_400)
        let options = DriftOptions(environments: request.options.environments, now: now,
                                   lastActivity: try await live.lastActivity(since: since), dormantAfterDays: Self.dormantAfterDays)
        let report = drift(request.desired, made.live, plan: made.plan, options: options)
        switch format {
        case .text: print(DriftTextRenderer(color: color.enabled).render(report), terminator: "")
        case .markdown: print(DriftMarkdownRenderer().render(report), terminator: "")
        case .json: print(try DriftJSONRenderer().render(report, generatedAt: now), terminator: "")
        }
        throw ExitCode(report.isInSync ? 0 : 2)
    }
}

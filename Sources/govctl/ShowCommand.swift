import ArgumentParser
import Governance
import Planning
import Reconciler

/// `govctl show PLANFILE`: a saved plan rendered without applying it, with a banner when apply would refuse it.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a plan saved by `plan --out` without applying it, and whether it is stale.",
        discussion: """
            Renders the saved plan as text, markdown or json, as `plan` printed it. Unless --offline, it reads the \
            live state (the same --state or --endpoint as the plan) and puts a banner on top when `apply --plan` \
            would refuse the plan because the live state moved since; the banner goes to stderr for json. When the \
            live state cannot be read, a note says so and the plan is shown anyway.

            Exit codes: 0 shown (stale or not), 1 the file is not a saved plan.

            Examples:
              govctl show plan.json
              govctl show plan.json --format markdown --summary-only
              govctl show plan.json --format json --offline | jq .summary
            """
    )

    @Argument(help: "The plan file saved by `govctl plan --out`.")
    var planFile: String

    @Option(help: "Output format: text, markdown or json.")
    var format: PlanFormat = .text

    @OptionGroup var markdown: MarkdownOptions
    @OptionGroup var backend: BackendOptions
    @OptionGroup var color: ColorOptions

    @Flag(help: "Do not read the live state: show the plan without checking whether it is stale.")
    var offline = false

    func validate() throws { try markdown.check(format) }

    func run() async throws {
        let (saved, plan) = try ApplySource.read(planFile)
        let stale = offline ? nil : await staleness(saved, plan)
        var banner = ""
        if let stale {
            switch format {
            case .text: banner = "STALE PLAN: apply --plan would refuse it [\(stale.code)]: \(stale.message)\n\n"
            case .markdown:
                banner = "> [!CAUTION]\n> **Stale plan: `apply --plan` would refuse it** (`\(stale.code)`).\n"
                    + stale.message.split(separator: "\n").map { "> \($0)\n" }.joined() + "\n"
            case .json: StandardError.print("warning: stale plan: \(stale.message) [\(stale.code)]")
            }
        }
        print(banner + (try format.render(plan, color: color.enabled, markdown: markdown)), terminator: "")
    }

    /// Why apply would refuse the plan now, nil when it would not; a live state that cannot be read is a note.
    private func staleness(_ saved: SavedPlan, _ plan: Plan) async -> ApplyError? {
        do {
            let live = try await backend.existingBackend().snapshot()
            return SavedPlanCheck.refusal(saved, plan, against: live)
        } catch {
            let reason = (error as? any CodedError).map { "\($0.errorMessage) [\($0.errorCode)]" } ?? "\(error)"
            StandardError.print("note: cannot tell whether the plan is stale (use --offline not to try): \(reason)")
            return nil
        }
    }
}

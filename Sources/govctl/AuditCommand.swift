import ArgumentParser
import ControlPlane
import Foundation
import Governance

/// `govctl audit`: lists the embedded control plane's audit events.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List audit events: who changed what, when.",
        discussion: """
            Every change to the control plane writes an audit event in the same transaction. Events are kept \
            one year for production environments, 90 days for others, and 90 days after an environment is deleted.

            Examples:
              govctl audit
              govctl audit -e production --since 24h
              govctl audit --since 7d --format json
            """)

    @Option(name: [.customShort("e"), .customLong("env")], help: ArgumentHelp("Only events of this environment.", valueName: "slug"))
    var environment: String?

    @Option(help: ArgumentHelp("Only events newer than this: a number and s, m, h, d, w or y, a year being 365 days (24h, 7d, 1y).", valueName: "duration"))
    var since: DurationArgument?

    @Option(help: "Output format: table or json.")
    var format: ListFormat = .table

    @OptionGroup var backend: BackendOptions

    func run() async throws {
        let cutoff = since.map { Date().addingTimeInterval(-$0.seconds) }
        let events = try await backend.history().auditEvents(in: environment, since: cutoff)
        let renderer = LiveRenderer(now: Date())
        Output.emit(format: format, json: events.map(renderer.json), table: renderer.table(events),
                    empty: "No audit events found\(environment.map { " in environment '\($0)'" } ?? "").")
    }
}

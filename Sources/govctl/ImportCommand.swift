import ArgumentParser
import Foundation
import Manifests

/// `govctl import`: manifests from the live state, so an existing tenant can adopt govctl.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write manifests from the live state; planning them against the same state shows no changes.",
        discussion: """
            Writes environments/<slug>.yaml per environment (the environment, its agents, keys and credentials) \
            and tenant.yaml (tenant-wide keys and credentials, and the settings). Import keeps the structure the \
            live policies show: a non-production environment holding (mostly) a production environment's \
            policies becomes `mirror:` it, with `exclude:` and policies of its own for the differences; policies \
            several environments (mirrors aside) hold verbatim go to a shared policy set in \
            policy-sets/<name>.yaml; the rest is written inline. The summary lists what was recognised, and the \
            strategies (three-tier, regional, team-based) whose shape the environments match; \
            docs/drift-and-import.md says how. \
            Credential values cannot be read back: each credential reads its value from an environment \
            variable, listed at the end; set them before applying. What the manifests cannot express (a \
            revoked key) is skipped and listed. The directory is written whole or not at all.

            Examples:
              govctl import --out governance
              govctl import --out governance --env staging --env production --force
            """
    )

    @OptionGroup var backend: BackendOptions

    @Option(help: ArgumentHelp("The directory to write (refused when it holds anything, unless --force).", valueName: "dir"))
    var out = "governance"

    @Option(name: [.customShort("e"), .customLong("env")], help: ArgumentHelp("Import only this environment (repeatable); tenant.yaml is then left out.", valueName: "slug"))
    var environments: [String] = []

    @Flag(help: "Replace the output directory even when it is not empty.")
    var force = false

    func run() async throws {
        let live = try await backend.existingBackend().snapshot()
        let known = Set(live.environments.map(\.slug))
        if let unknown = environments.first(where: { !known.contains($0) }) {
            throw CommandFailure(code: "unknown-environment",
                                 "--env \(unknown): no such live environment; live are \(known.sorted().joined(separator: ", "))")
        }
        let manifests = try ImportedManifests(live: live, environments: environments.isEmpty ? nil : Set(environments))
        try ManifestDirectory(path: out).replace(with: manifests.files, force: force, keep: backend.statePath)
        let next = backend.sameLiveStateArguments + environments.flatMap { ["-e", $0] }
        print(ImportSummary(manifests, directory: out, planArguments: next).text, terminator: "")
    }
}

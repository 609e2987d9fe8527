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

/// What `import` tells its user: the files written, the variables to set, what was skipped, what to run next.
struct ImportSummary {
    let text: String

    /// `planArguments` are what the next plan needs to read the same live state (and environments) import read.
    init(_ manifests: ImportedManifests, directory: String, planArguments: [String] = []) {
        var out = "Imported the live state into \(directory)/:\n"
        for file in manifests.files { out += "  \(directory)/\(file.path)\n" }
        if !manifests.variables.isEmpty {
            out += "\nCredential values cannot be read back; set these environment variables before `govctl apply`:\n"
            let width = manifests.variables.map(\.name.count).max() ?? 0
            for v in manifests.variables { out += "  \(v.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(v.credential)\n" }
        }
        out += Self.structure(manifests.structure)
        if !manifests.skipped.isEmpty {
            out += "\nSkipped (the manifests cannot express them):\n"
            for line in manifests.skipped { out += "  \(line)\n" }
        }
        let plan = ([directory] + planArguments).map(ShellWord.quoted).joined(separator: " ")
        out += "\nNext: govctl validate \(ShellWord.quoted(directory)) && govctl plan \(plan)\n"
        text = out
    }

    /// The structure recognised among the imported environments, and what was written inline for want of any.
    static func structure(_ s: ImportStructure) -> String {
        var lines: [String] = []
        for m in s.mirrors {
            let exclude = m.exclude.isEmpty ? "" : ", exclude: \(m.exclude.joined(separator: ", "))"
            let own = m.own.isEmpty ? "" : ", and \(count(m.own.count, "policy", "policies")) of its own"
            lines.append("\(m.environment): mirror: \(m.source)\(exclude)\(own)")
        }
        for set in s.sharedSets {
            lines.append("policy set \(set.name): \(count(set.policies.count, "policy", "policies")) shared by \(set.environments.joined(separator: ", "))")
        }
        if !s.inline.isEmpty { lines.append("\(s.inline.joined(separator: ", ")): policies written inline (no shared structure found)") }
        if !s.empty.isEmpty { lines.append("\(s.empty.joined(separator: ", ")): no policies") }
        for match in s.strategies {
            let note = match.note.map { " (\($0))" } ?? ""
            lines.append("\(match.environments.joined(separator: ", ")) match strategy \(match.type)\(note); see docs/manifests.md#strategy")
        }
        guard !lines.isEmpty else { return "" }
        return "\nStructure (recognised among the imported environments):\n" + lines.map { "  \($0)\n" }.joined()
    }

    private static func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
}

/// A word as a POSIX shell reads it back: as it is when it holds only safe characters, else in single quotes.
enum ShellWord {
    static func quoted(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./:=@%+,".unicodeScalars.contains($0)) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

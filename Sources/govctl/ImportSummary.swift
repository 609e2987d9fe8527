import Manifests

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

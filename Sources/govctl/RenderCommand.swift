import ArgumentParser
import Manifests
import YAMLNodes

/// `govctl render`: print the fully expanded desired state.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the fully expanded desired state: strategies expanded, mirrors resolved, policy sets flattened.",
        discussion: """
            What govctl will plan against, in one stable order for YAML and JSON: environments by slug with their effective \
            policies by name, then agents, API keys, credentials (their sources, never values) and settings. \
            Invalid manifests print their diagnostics to stderr and exit 1.

            Examples:
              govctl render examples/three-tier
              govctl render examples/regional --format json | jq '.environments[].slug'
            """
    )

    @OptionGroup var manifests: ManifestPaths

    @Option(help: "Output format: yaml or json.")
    var format: StateFormat = .yaml

    func run() throws {
        let result = ManifestLoader().load(paths: manifests.paths)
        for diagnostic in result.diagnostics { StandardError.print(DiagnosticPrinter.line(diagnostic)) }
        guard let state = result.state else { throw ExitCode(1) }
        let tree = RenderedState.tree(state)
        switch format {
        case .yaml: print(try YAMLWriter.string(from: tree), terminator: "")
        case .json: print(JSONText.write(tree))
        }
    }
}

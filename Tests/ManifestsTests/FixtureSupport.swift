import Foundation
import Governance
import Manifests
import Testing
import YAMLNodes

typealias SourceLocation = YAMLNodes.SourceLocation

/// Finds fixture directories and loads them as the command line would.
enum Fixtures {
    /// The copied `Fixtures` directory of the test bundle.
    static func root() throws -> String {
        try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).path
    }

    /// Loads the given paths under `Fixtures`; diagnostics name files relative to `Fixtures`.
    static func load(_ paths: String..., limits: YAMLLimits = YAMLLimits()) throws -> ManifestLoadResult {
        let root = try root()
        let result = ManifestLoader(limits: limits).load(paths: paths.map { root + "/" + $0 })
        return relative(result, to: root + "/")
    }

    /// Rewrites every file name in `result` to drop `prefix`, so tests assert on short, stable names.
    static func relative(_ result: ManifestLoadResult, to prefix: String) -> ManifestLoadResult {
        let strip: @Sendable (SourceLocation) -> SourceLocation = { location in
            var copy = location
            if copy.file.hasPrefix(prefix) { copy.file.removeFirst(prefix.count) }
            return copy
        }
        let diagnostics = result.diagnostics.map { d in
            var copy = d
            copy.location = d.location.map { strip($0) }
            copy.message = d.message.replacingOccurrences(of: prefix, with: "")
            return copy
        }
        return ManifestLoadResult(state: result.state, diagnostics: diagnostics, sources: result.sources.mapValues { strip($0) })
    }
}

extension ManifestLoadResult {
    /// Each error as `code@file:line:col`, in output order.
    var errorSummary: [String] { summary(.error) }
    /// Each warning as `code@file:line:col`, in output order.
    var warningSummary: [String] { summary(.warning) }

    private func summary(_ severity: Diagnostic.Severity) -> [String] {
        diagnostics.filter { $0.severity == severity }.map { "\($0.code)@\($0.location.map(\.description) ?? "-")" }
    }

    /// The messages of diagnostics with `code`.
    func messages(_ code: String) -> [String] {
        diagnostics.filter { $0.code == code }.map(\.message)
    }

    /// The environment with `slug`, if the state has it.
    func environment(_ slug: String) -> EnvironmentSpec? {
        state?.environments.first { $0.slug == slug }
    }
}

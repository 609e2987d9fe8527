import Governance
import YAMLNodes

/// Collects diagnostics while decoding, so every problem is reported rather than only the first.
final class DiagnosticSink {
    private(set) var items: [Diagnostic] = []
    /// How many errors have been reported so far; decoders compare it before and after to know they failed.
    private(set) var errorCount = 0
    /// The run's allowance for "did you mean" hints among the manifests' own names.
    let hintBudget = EditDistance.Budget()

    /// Reports an error of the manifest layer's own.
    func error(_ code: DiagnosticCode, at location: SourceLocation?, _ message: String) {
        items.append(Diagnostic(.error, code: code.rawValue, at: location, message))
        errorCount += 1
    }

    /// Reports a broken rule of the domain as an error; `message` replaces the rule's own when it must say more.
    func error(_ violation: RuleViolation, at location: SourceLocation?, message: String? = nil) {
        items.append(Diagnostic(.error, code: violation.code, at: location, message ?? violation.message))
        errorCount += 1
    }

    /// Reports a rule's warning.
    func warning(_ violation: RuleViolation, at location: SourceLocation?) {
        items.append(Diagnostic(.warning, code: violation.code, at: location, violation.message))
    }

    /// Removes the errors reported since `index` (a count of `items`) at any of `locations`.
    func dropErrors(since index: Int, at locations: Set<SourceLocation>) {
        guard !locations.isEmpty else { return }
        let kept = items[index...].filter { item in item.severity != .error || item.location.map { !locations.contains($0) } ?? true }
        errorCount -= (items.count - index) - kept.count
        items.replaceSubrange(index..., with: kept)
    }

    /// Passes a YAML reader's error through with its own code.
    func yaml(_ error: YAMLError) {
        items.append(Diagnostic(error))
        errorCount += 1
    }
}

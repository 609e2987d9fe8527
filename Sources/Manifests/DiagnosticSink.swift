import YAMLNodes

/// Collects diagnostics while decoding, so every problem is reported rather than only the first.
final class DiagnosticSink {
    private(set) var items: [Diagnostic] = []
    /// How many errors have been reported so far; decoders compare it before and after to know they failed.
    private(set) var errorCount = 0
    /// The run's allowance for "did you mean" hints among the manifests' own names.
    let hintBudget = EditDistance.Budget()

    /// Reports an error.
    func error(_ code: String, at location: SourceLocation?, _ message: String) {
        items.append(Diagnostic(.error, code: code, at: location, message))
        errorCount += 1
    }

    /// Reports a warning.
    func warning(_ code: String, at location: SourceLocation?, _ message: String) {
        items.append(Diagnostic(.warning, code: code, at: location, message))
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

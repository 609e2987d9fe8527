import ArgumentParser

/// Output formats of `validate`.
enum DiagnosticsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Output formats of `render`.
enum StateFormat: String, ExpressibleByArgument, CaseIterable {
    case yaml, json
}

import ArgumentParser

/// Output formats of `validate`.
enum DiagnosticsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Output formats of `render`.
enum StateFormat: String, ExpressibleByArgument, CaseIterable {
    case yaml, json
}

/// Output formats of `get` and `audit`: a table for people, JSON for tools.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

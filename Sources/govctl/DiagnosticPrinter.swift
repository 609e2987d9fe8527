import Foundation
import Manifests

/// Prints diagnostics as a compiler would (`PATH:LINE:COL: error: MESSAGE [code]`) or as JSON for tools.
enum DiagnosticPrinter {
    /// One line per diagnostic, in the form editors and CI annotators recognise.
    static func line(_ d: Diagnostic) -> String {
        let prefix = d.location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
        return "\(prefix)\(d.severity.rawValue): \(d.message) [\(d.code)]"
    }

    /// The diagnostics as a JSON array of objects with `file`, `line`, `column`, `severity`, `code`, `message`.
    static func json(_ diagnostics: [Diagnostic]) throws -> String {
        struct Row: Encodable {
            let file: String?
            let line: Int?
            let column: Int?
            let severity: String
            let code: String
            let message: String
        }
        let rows = diagnostics.map {
            Row(file: $0.location?.file, line: $0.location?.line, column: $0.location?.column,
                severity: $0.severity.rawValue, code: $0.code, message: $0.message)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(rows), as: UTF8.self)
    }
}

/// Writes to standard error, where diagnostics and errors go so stdout stays machine-readable.
enum StandardError {
    /// Writes `text` and a newline to stderr.
    static func print(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

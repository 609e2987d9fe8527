import Foundation
import Manifests
import Planning

/// Prints diagnostics as a compiler would (`PATH:LINE:COL: error: MESSAGE [code]`) or as JSON for tools.
enum DiagnosticPrinter {
    /// One line per diagnostic, in the form editors and CI annotators recognise.
    static func line(_ d: Diagnostic) -> String {
        let prefix = d.location.map { "\(oneLine($0.file)):\($0.line):\($0.column): " } ?? ""
        return "\(prefix)\(d.severity.rawValue): \(oneLine(d.message)) [\(d.code)]"
    }

    /// The diagnostics as a JSON array of objects with all of `file`, `line`, `column` (null when the problem has
    /// no place), `severity`, `code` and `message`.
    static func json(_ diagnostics: [Diagnostic]) throws -> String {
        let rows = diagnostics.map {
            Row(file: $0.location?.file, line: $0.location?.line, column: $0.location?.column,
                severity: $0.severity.rawValue, code: $0.code, message: oneLine($0.message))
        }
        return try JSONRenderer.encode(rows)
    }

    private struct Row: Encodable {
        let file: String?
        let line: Int?
        let column: Int?
        let severity: String
        let code: String
        let message: String

        enum CodingKeys: String, CodingKey { case file, line, column, severity, code, message }

        // The synthesized encoding leaves nil fields out; tools are promised every field, null when unknown.
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(file, forKey: .file)
            try c.encode(line, forKey: .line)
            try c.encode(column, forKey: .column)
            try c.encode(severity, forKey: .severity)
            try c.encode(code, forKey: .code)
            try c.encode(message, forKey: .message)
        }
    }

    /// `text` with every control character (C0, DEL, C1) and Unicode line or paragraph separator written as an
    /// escape (`\n`, `\t`, `\r`, `\u{1B}`), so quoted manifest text can neither split a diagnostic across lines
    /// nor send an escape sequence to a terminal or CI log.
    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where needsEscape(scalar): out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: true
        default: false
        }
    }
}

/// Writes to standard error, where diagnostics and errors go so stdout stays machine-readable.
enum StandardError {
    /// Writes `text` and a newline to stderr.
    static func print(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

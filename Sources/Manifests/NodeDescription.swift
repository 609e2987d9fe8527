import YAMLNodes

/// Words for what a node holds, used in type-mismatch messages ("found the string 'yes'").
enum NodeDescription {
    /// Describes `node`; `redacted` hides its text, for values that may be secrets (a PIN is an integer).
    static func of(_ node: YAMLNode, redacted: Bool) -> String {
        switch node.content {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar(let scalar):
            switch scalar.value {
            case .null: return "nothing (null)"
            case .bool(let b): return "the boolean \(b)"
            case .int: return redacted ? "an integer" : "the integer \(shortened(scalar.text))"
            case .double: return redacted ? "a number" : "the number \(shortened(scalar.text))"
            case .string(let text): return redacted ? "a string" : "the string '\(shortened(text))'"
            }
        }
    }

    /// A hint for the mistakes YAML 1.2 makes easy: `yes` is a string, numbers are not strings.
    static func hint(for node: YAMLNode, expecting expected: Expected) -> String {
        guard case .scalar(let scalar) = node.content else { return "" }
        switch (expected, scalar.value) {
        case (.bool, .string(let text)) where ["yes", "no", "on", "off", "y", "n"].contains(text.lowercased()):
            return " (YAML 1.2 reads '\(text)' as a string; write true or false)"
        case (.string, .int), (.string, .double), (.string, .bool):
            return " (quote it to make it a string: \"\(scalar.text)\")"
        default:
            return ""
        }
    }

    /// Long values are cut so one bad field cannot flood the output.
    static func shortened(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(37)) + "…" : text
    }

    /// The forms a field can expect, as named in messages.
    enum Expected {
        case string, bool, int, mapping, list, object

        var words: String {
            switch self {
            case .string: "a string"
            case .bool: "true or false"
            case .int: "an integer"
            case .mapping: "a mapping"
            case .list: "a list"
            case .object: "an object (a mapping)"
            }
        }
    }
}

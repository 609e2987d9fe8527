import Governance
import YAMLNodes

/// Writes an ordered output tree as indented JSON.
enum JSONText {
    /// The tree as JSON text with keys in the tree's order, so `render --format json` reads like the YAML:
    /// `environments`, `agents`, `apiKeys`, `credentials`, `settings`, each object's fields as the tree gives them.
    static func write(_ tree: YAMLOutput) -> String {
        var out = ""
        write(tree, depth: 0, into: &out)
        return out
    }

    /// The tree as JSON text with every object's keys sorted: the form saved plans digest, kept as earlier
    /// releases wrote it so their saved plans still match.
    static func sorted(_ tree: YAMLOutput) -> String {
        json(tree).jsonText(indent: 0)
    }

    private static func write(_ tree: YAMLOutput, depth: Int, into out: inout String) {
        let indent = "\n" + String(repeating: "  ", count: depth + 1)
        switch tree {
        case .sequence(let items) where !items.isEmpty:
            out += "["
            for (i, item) in items.enumerated() {
                out += (i > 0 ? "," : "") + indent
                write(item, depth: depth + 1, into: &out)
            }
            out += "\n" + String(repeating: "  ", count: depth) + "]"
        case .mapping(let pairs) where !pairs.isEmpty:
            out += "{"
            for (i, pair) in pairs.enumerated() {
                out += (i > 0 ? "," : "") + indent + JSONValue.quoted(pair.key) + ": "
                write(pair.value, depth: depth + 1, into: &out)
            }
            out += "\n" + String(repeating: "  ", count: depth) + "}"
        default:
            // Scalars and empty collections have one spelling, whatever the key order.
            out += json(tree).jsonText()
        }
    }

    private static func json(_ tree: YAMLOutput) -> JSONValue {
        switch tree {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .sequence(let items): .array(items.map(json))
        case .mapping(let pairs): .object(Dictionary(pairs.map { ($0.key, json($0.value)) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}

import Governance
import YAMLNodes

/// Writes an ordered output tree as indented JSON with sorted keys, so the same state always prints the same bytes.
enum JSONText {
    /// The tree as JSON text.
    static func write(_ tree: YAMLOutput) -> String {
        json(tree).jsonText(indent: 0)
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

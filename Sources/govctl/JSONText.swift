import Foundation
import YAMLNodes

/// Writes an ordered output tree as pretty JSON with sorted keys, so the same state always prints the same bytes.
enum JSONText {
    /// The tree as JSON text.
    static func write(_ tree: YAMLOutput) throws -> String {
        let data = try JSONSerialization.data(
            withJSONObject: foundation(tree), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }

    private static func foundation(_ tree: YAMLOutput) -> Any {
        switch tree {
        case .null: NSNull()
        case .bool(let b): b
        case .int(let i): i
        case .double(let d): d.isFinite ? d as Any : String(d) as Any  // JSON has no inf or nan
        case .string(let s): s
        case .sequence(let items): items.map(foundation)
        case .mapping(let pairs): Dictionary(pairs.map { ($0.key, foundation($0.value)) }, uniquingKeysWith: { first, _ in first })
        }
    }
}

import Governance

/// Short, single-line text of plan values for human renderers: strings quoted, objects and lists inline.
enum ValueText {
    /// `value` as a reviewer reads it.
    static func text(_ value: PlanValue) -> String {
        switch value {
        case .sensitive: "(sensitive)"
        case .sensitiveChanged: "(sensitive value changed)"
        case .value(let json): text(json)
        }
    }

    /// A JSON value inline, with object keys sorted.
    static func text(_ json: JSONValue) -> String {
        switch json {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .string(let s): JSONValue.quoted(s)
        case .array(let items): "[" + items.map(text).joined(separator: ", ") + "]"
        case .object(let fields): "{" + fields.sorted { $0.key < $1.key }.map { "\(key($0.key)): \(text($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    /// A key bare when it is a plain word (`used-by`, `maxAmount`), else quoted with its control characters
    /// escaped: keys come from manifests and the API, and a raw escape sequence or line break in one would let it
    /// draw its own lines into a plan ("Plan: 0 to add").
    static func key(_ key: String) -> String {
        let plain = !key.isEmpty && key.utf8.allSatisfy { $0.isASCIIAlphanumeric || "_-./".utf8.contains($0) }
        return plain ? key : JSONValue.quoted(key)
    }
}

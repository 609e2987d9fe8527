import Foundation
import Governance

/// Reads and writes `JSONValue`s and label maps as JSON text, the way the store keeps them.
public enum JSONCoding {
    /// JSON text of `value`, keys sorted so equal values give equal text.
    public static func text(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: nil)
        return out
    }

    /// JSON text of `value` for people: two-space indentation, keys sorted.
    public static func prettyText(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: 0)
        return out
    }

    /// JSON text of a string map, keys sorted.
    public static func text(_ labels: [String: String]) -> String {
        if labels.isEmpty { return "{}" }
        return text(.object(labels.mapValues(JSONValue.string)))
    }

    /// Parses JSON text into a `JSONValue`.
    public static func value(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(Box.self, from: Data(text.utf8)).value
    }

    /// Remembers parsed JSON within one read, where thousands of rows share the same few label sets.
    final class Memo {
        private var labels: [String: [String: String]] = [:]
        private var objects: [String: [String: JSONValue]] = [:]

        func labels(_ text: String) throws -> [String: String] {
            if let hit = labels[text] { return hit }
            let parsed = try JSONCoding.labels(text)
            labels[text] = parsed
            return parsed
        }

        func object(_ text: String) throws -> [String: JSONValue] {
            if let hit = objects[text] { return hit }
            let parsed = try JSONCoding.object(text)
            objects[text] = parsed
            return parsed
        }
    }

    /// Parses a label map; the empty map, by far the most common, skips the decoder.
    static func labels(_ text: String) throws -> [String: String] {
        if text == "{}" { return [:] }
        return try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }

    /// Parses a constraints object.
    static func object(_ text: String) throws -> [String: JSONValue] {
        if text == "{}" { return [:] }
        guard case .object(let fields) = try value(text) else {
            throw ControlPlaneError(.storeError, resource: "", "stored constraints are not a JSON object")
        }
        return fields
    }

    /// Writes compact JSON when `indent` is nil, else pretty JSON starting at that depth.
    private static func write(_ value: JSONValue, into out: inout String, indent: Int?) {
        let inner = indent.map { $0 + 1 }
        func newline(_ depth: Int?) {
            if let depth { out += "\n" + String(repeating: "  ", count: depth) }
        }
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? "\(d)" : "null"
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                newline(inner)
                write(item, into: &out, indent: inner)
            }
            newline(indent)
            out += "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{"
            for (i, key) in fields.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                newline(inner)
                writeString(key, into: &out)
                out += indent == nil ? ":" : ": "
                if let field = fields[key] { write(field, into: &out, indent: inner) }
            }
            newline(indent)
            out += "}"
        }
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Decodes any JSON into a `JSONValue`, telling booleans from numbers (JSONSerialization cannot on Linux).
    private struct Box: Decodable {
        let value: JSONValue

        init(from decoder: Decoder) throws {
            if var array = try? decoder.unkeyedContainer() {
                var items: [JSONValue] = []
                while !array.isAtEnd { items.append(try array.decode(Box.self).value) }
                value = .array(items)
            } else if let object = try? decoder.container(keyedBy: AnyKey.self) {
                var fields: [String: JSONValue] = [:]
                for key in object.allKeys { fields[key.stringValue] = try object.decode(Box.self, forKey: key).value }
                value = .object(fields)
            } else {
                let single = try decoder.singleValueContainer()
                if single.decodeNil() {
                    value = .null
                } else if let b = try? single.decode(Bool.self) {
                    value = .bool(b)
                } else if let i = try? single.decode(Int.self) {
                    value = .int(i)
                } else if let d = try? single.decode(Double.self) {
                    value = .double(d)
                } else {
                    value = .string(try single.decode(String.self))
                }
            }
        }
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

import Foundation
import Governance

/// Reads and writes `JSONValue`s and label maps as JSON text, the way the store keeps them.
public enum JSONCoding {
    /// JSON text of `value`, keys sorted so equal values give equal text.
    public static func text(_ value: JSONValue) -> String {
        value.jsonText()
    }

    /// JSON text of `value` for people: two-space indentation, keys sorted.
    public static func prettyText(_ value: JSONValue) -> String {
        value.jsonText(indent: 0)
    }

    /// JSON text of a string map, keys sorted.
    public static func text(_ labels: [String: String]) -> String {
        if labels.isEmpty { return "{}" }
        return text(.object(labels.mapValues(JSONValue.string)))
    }

    /// Parses JSON text into a `JSONValue`.
    public static func value(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
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
}

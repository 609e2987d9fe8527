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

    /// Parses JSON text into a `JSONValue`: by the decoder when shallow (cheaper for the small objects the store
    /// keeps), else in one pass.
    public static func value(_ text: String) throws -> JSONValue {
        try decode(JSONValue.self, from: Data(text.utf8))
    }

    /// The deepest nesting any JSON document may have: Foundation refuses more, and writes at most one level less.
    public static let maxDocumentDepth = 511

    /// Why JSON could not be parsed into a `JSONValue`.
    public enum ParseError: Error, Sendable {
        /// Not JSON, in words for the caller.
        case invalid(String)
        /// Containers nest deeper than the bound that was asked for.
        case tooDeep(Int)
    }

    /// Parses a JSON document in one pass (Foundation's parser, no Codable probing), refusing containers nested
    /// deeper than `maxDepth`. Numbers follow the decoder's reading: a whole number in `Int` range is an integer.
    public static func parse(_ data: Data, maxDepth: Int = maxDocumentDepth) throws(ParseError) -> JSONValue {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            if text.hasPrefix("Too many nested") { throw .tooDeep(maxDepth) }
            throw .invalid(reason(text))
        }
        return try convert(object, depth: 0, maxDepth: maxDepth)
    }

    /// Decodes `T` from `data` in time linear in its size, however deep it nests.
    ///
    /// Probing a `JSONValue` node by node costs the square of its depth per node; that is cheap for shallow
    /// documents, which take the plain path, and a deep one (a hostile server's answer, say) is parsed once first
    /// and every `JSONValue` taken from that parse.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, with decoder: JSONDecoder = JSONDecoder()) throws -> T {
        if depth(of: data) <= shallowDepth { return try decoder.decode(type, from: data) }
        return try self.decoder(with: try parse(data), like: decoder).decode(type, from: data)
    }

    /// The depth up to which probing stays cheap: every state, plan and answer govctl itself writes is shallower.
    static let shallowDepth = 16

    /// How deep the containers of JSON text nest; a linear scan that only tells strings from structure.
    static func depth(of data: Data) -> Int {
        var depth = 0, deepest = 0
        var inString = false, escaped = false
        // Over the raw bytes: Data's own iterator costs five times as much on a 26 MB answer.
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            for byte in bytes {
                if inString {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    deepest = max(deepest, depth)
                case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                default: break
                }
            }
        }
        return deepest
    }

    /// A decoder configured like `base` that takes every `JSONValue` from `document`, the already parsed `data` it
    /// will decode. A new one each time: a shared decoder must not carry one request's document into another's.
    public static func decoder(with document: JSONValue, like base: JSONDecoder = JSONDecoder()) -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = base.dateDecodingStrategy
        decoder.keyDecodingStrategy = base.keyDecodingStrategy
        decoder.userInfo = base.userInfo
        decoder.userInfo[JSONValue.documentKey] = JSONValue.Document(document)
        return decoder
    }

    /// Foundation's reason, without its talk of Swift: the only valid JSON it refuses is a number beyond a Double.
    private static func reason(_ text: String) -> String {
        let words = text.split(separator: " ")
        if words.count > 2, words[0] == "Number", text.contains("is not representable") {
            return "the number \(words[1].prefix(40)) is out of range (a JSON number here is at most about 1.8e308)"
        }
        return text.isEmpty ? "it is not valid JSON" : "it is not valid JSON: \(text)"
    }

    /// Foundation's parse tree as a `JSONValue`; recursion is bounded by `maxDepth` (at most Foundation's 512).
    private static func convert(_ object: Any, depth: Int, maxDepth: Int) throws(ParseError) -> JSONValue {
        // Containers are matched before NSNumber: casting a Swift array to NSNumber bridges the whole array to
        // Objective-C first, which at every level of a deep document costs its whole subtree.
        switch object {
        case let string as String:
            return .string(string)
        case let array as [Any]:
            guard depth < maxDepth else { throw .tooDeep(maxDepth) }
            var items: [JSONValue] = []
            items.reserveCapacity(array.count)
            for item in array { items.append(try convert(item, depth: depth + 1, maxDepth: maxDepth)) }
            return .array(items)
        case let fields as [String: Any]:
            guard depth < maxDepth else { throw .tooDeep(maxDepth) }
            var values: [String: JSONValue] = [:]
            values.reserveCapacity(fields.count)
            for (key, value) in fields { values[key] = try convert(value, depth: depth + 1, maxDepth: maxDepth) }
            return .object(values)
        case let number as NSNumber:
            return Self.number(number)
        default:
            return .null
        }
    }

    /// Foundation marks JSON's `true` and `false` with the type code of a C `char`, which no JSON number gets.
    private static func number(_ number: NSNumber) -> JSONValue {
        switch String(cString: number.objCType) {
        case "c", "B":
            return .bool(number.boolValue)
        case "d", "f":
            let double = number.doubleValue
            if double.rounded() == double, let whole = Int(exactly: double) { return .int(whole) }
            return .double(double)
        case "Q":
            return Int(exactly: number.uint64Value).map(JSONValue.int) ?? .double(number.doubleValue)
        default:
            return .int(number.intValue)
        }
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

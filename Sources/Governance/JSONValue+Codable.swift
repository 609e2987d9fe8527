extension JSONValue: Codable {
    /// The `userInfo` key under which a decoder may carry the whole document, already parsed (a `Document`).
    public static let documentKey = CodingUserInfoKey(rawValue: "govctl.json-document")!

    /// A whole JSON document, parsed once, from which values are taken by their coding path.
    public final class Document: Sendable {
        let root: JSONValue

        /// Wraps a parsed document.
        public init(_ root: JSONValue) {
            self.root = root
        }

        /// The value at `path`, or nil when the path does not lead to one.
        func value(at path: [any CodingKey]) -> JSONValue? {
            var node = root
            for key in path {
                switch node {
                case .object(let fields):
                    guard let next = fields[key.stringValue] else { return nil }
                    node = next
                case .array(let items):
                    guard let index = key.intValue, items.indices.contains(index) else { return nil }
                    node = items[index]
                default:
                    return nil
                }
            }
            return node
        }
    }

    /// Decodes any JSON value; integers that fit stay integers, and booleans stay booleans.
    ///
    /// With a `Document` in the decoder's `userInfo`, the value is taken from it whole. Otherwise each node is found
    /// by trying container and scalar decodes in turn; every failed try throws an error whose coding path costs the
    /// square of the depth, so a deep body of many numbers would take seconds, and hostile input goes through a
    /// `Document`.
    public init(from decoder: any Decoder) throws {
        if let document = decoder.userInfo[Self.documentKey] as? Document, let value = document.value(at: decoder.codingPath) {
            self = value
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
        } else if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var fields: [String: JSONValue] = [:]
            for key in object.allKeys { fields[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(fields)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if let b = try? single.decode(Bool.self) {
                self = .bool(b)
            } else if let i = try? single.decode(Int.self) {
                self = .int(i)
            } else if let d = try? single.decode(Double.self) {
                self = .double(d)
            } else {
                self = .string(try single.decode(String.self))
            }
        }
    }

    /// Encodes the value as the JSON it stands for.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .int(let i): try container.encode(i)
        case .double(let d): try container.encode(d)
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }
}

/// Any string key, for decoding objects whose keys are data.
private struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

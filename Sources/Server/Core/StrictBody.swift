import ControlPlane
import Foundation
import Governance
import Hummingbird

/// A request body, or an object inside one, whose every field is named by its `CodingKeys` and has a declared form,
/// so unknown fields and misfit values can be refused at any depth.
protocol StrictBody: Decodable {
    associatedtype CodingKeys: CodingKey & CaseIterable
    /// What the field's value must be.
    static func form(of field: CodingKeys) -> FieldForm
}

/// A decoded body and which of its fields the caller sent, so a PATCH can tell "absent" from "null".
struct Decoded<Body> {
    var value: Body
    var present: Set<String>

    func has(_ field: String) -> Bool { present.contains(field) }
}

/// Strict JSON decoding: an object, no unknown fields, the right types; every refusal names the field.
enum StrictDecoder {
    /// Reads the body (up to 1 MiB, else 413) and decodes it as `T`.
    static func decode<T: StrictBody>(_ type: T.Type, from request: Request, context: APIContext) async throws -> Decoded<T> {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return try decode(type, from: Data(buffer.readableBytesView))
    }

    /// The deepest a body may nest, the same bound as a manifest's YAML: whatever is stored can be read and written
    /// back by every part of govctl.
    static let maxDepth = 64

    static func decode<T: StrictBody>(_ type: T.Type, from data: Data) throws -> Decoded<T> {
        guard !data.isEmpty else { throw APIError.invalidRequest("the request needs a JSON object body") }
        let parsed: JSONValue
        do {
            parsed = try JSONCoding.parse(data, maxDepth: maxDepth)
        } catch .tooDeep(let depth) {
            throw APIError.invalidRequest("the body nests objects and arrays more than \(depth) deep")
        } catch .invalid(let reason) {
            throw APIError.invalidRequest("the body cannot be read: \(reason)")
        }
        guard case .object(let fields) = parsed else { throw APIError.invalidRequest("the body must be a JSON object") }
        if let path = firstNUL(in: parsed, at: FieldPath()) {
            throw APIError.invalidRequest("field '\(path)' holds the character U+0000, which govctl does not store; remove it")
        }
        try BodyCheck.checkFields(fields, of: T.self, at: FieldPath())
        do {
            // Every JSON value inside comes from the parse above, not from probing the body node by node.
            let value = try JSONCoding.decoder(with: parsed).decode(T.self, from: data)
            return Decoded(value: value, present: Set(fields.keys))
        } catch let error as DecodingError {
            throw APIError.invalidRequest(describe(error))
        }
    }

    /// Where a string or key holding U+0000 sits: the store would cut the text there. Depth is bounded by `maxDepth`.
    private static func firstNUL(in value: JSONValue, at path: FieldPath) -> FieldPath? {
        switch value {
        case .string(let text):
            return text.utf8.contains(0) ? path : nil
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = firstNUL(in: item, at: path.appending(index)) { return found }
            }
        case .object(let fields):
            for key in fields.keys.sorted() {
                if key.utf8.contains(0) { return path.appending(key) }
                if let found = firstNUL(in: fields[key]!, at: path.appending(key)) { return found }
            }
        case .null, .bool, .int, .double:
            break
        }
        return nil
    }

    /// Names the field a decoding error is about, in the body's own spelling. The forms were checked first, so
    /// this mostly reports missing fields; the other cases stay worded for a form that disagrees with its type.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "field '\(FieldPath(context.codingPath + [key]))' is required"
        case .typeMismatch(let type, let context):
            return "field '\(FieldPath(context.codingPath))' must be \(words(for: type))"
        case .valueNotFound(let type, let context):
            return "field '\(FieldPath(context.codingPath))' must be \(words(for: type)), not null"
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return "field '\(FieldPath(context.codingPath))' could not be read"
        case .dataCorrupted:
            return "the body could not be read"
        @unknown default:
            return "the body could not be read"
        }
    }

    /// A Swift type as a JSON form in plain words; never the type's own name, which means nothing to a caller.
    private static func words(for type: Any.Type) -> String {
        switch type {
        case is String.Type: FieldForm.string.words
        case is Bool.Type: FieldForm.boolean.words
        case is Int.Type, is Int64.Type: FieldForm.integer.words
        case is Double.Type: "a number"
        case is [String: String].Type: FieldForm.labels.words
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}

/// A string enum field decoded strictly, with the allowed values named when it is wrong.
extension StrictDecoder {
    static func enumValue<E: RawRepresentable & CaseIterable>(_ raw: String?, _ field: String, as type: E.Type) throws -> E?
    where E.RawValue == String {
        guard let raw else { return nil }
        guard let value = E(rawValue: raw) else {
            throw APIError.invalidRequest("field '\(field)' must be one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}

extension StrictDecoder {
    /// A required string enum field.
    static func enumValue<E: RawRepresentable & CaseIterable>(_ raw: String, _ field: String, as type: E.Type) throws -> E
    where E.RawValue == String {
        guard let value = try enumValue(Optional(raw), field, as: type) else {
            throw APIError.invalidRequest("field '\(field)' is required")
        }
        return value
    }
}

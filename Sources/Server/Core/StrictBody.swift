import Foundation
import Hummingbird

/// A request body type whose every field is named by its `CodingKeys`, so unknown fields can be refused.
protocol StrictBody: Decodable {
    associatedtype CodingKeys: CodingKey & CaseIterable
}

/// A decoded body and which of its fields the caller sent, so a PATCH can tell "absent" from "null".
struct Decoded<Body> {
    var value: Body
    var present: Set<String>

    func has(_ field: String) -> Bool { present.contains(field) }
}

/// Strict JSON decoding: an object, no unknown fields, the right types; every refusal names the field.
enum StrictDecoder {
    static let decoder = JSONDecoder()

    /// Reads the body (up to 1 MiB, else 413) and decodes it as `T`.
    static func decode<T: StrictBody>(_ type: T.Type, from request: Request, context: APIContext) async throws -> Decoded<T> {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return try decode(type, from: Data(buffer.readableBytesView))
    }

    static func decode<T: StrictBody>(_ type: T.Type, from data: Data) throws -> Decoded<T> {
        guard !data.isEmpty else { throw APIError.invalidRequest("the request needs a JSON object body") }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw APIError.invalidRequest("the body is not valid JSON")
        }
        guard let fields = object as? [String: Any] else { throw APIError.invalidRequest("the body must be a JSON object") }
        let known = Set(T.CodingKeys.allCases.map(\.stringValue))
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw APIError.invalidRequest("field '\(unknown)' is not known; known fields: \(known.sorted().joined(separator: ", "))")
        }
        do {
            return Decoded(value: try decoder.decode(T.self, from: data), present: Set(fields.keys))
        } catch let error as DecodingError {
            throw APIError.invalidRequest(describe(error))
        }
    }

    /// Names the field a decoding error is about, in the body's own spelling.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "field '\(path(context.codingPath + [key]))' is required"
        case .typeMismatch(let type, let context):
            return "field '\(path(context.codingPath))' has the wrong type; expected \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "field '\(path(context.codingPath))' must not be null; expected \(typeName(type))"
        case .dataCorrupted(let context):
            return "field '\(path(context.codingPath))' is invalid: \(context.debugDescription)"
        @unknown default:
            return "the body could not be read"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type: "an integer"
        case is [String: String].Type: "an object of strings"
        default: "\(type)"
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

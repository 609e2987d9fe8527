import Governance

import Foundation

/// Renders a plan as the versioned JSON document tools consume; keys sorted so equal plans print equal bytes.
public struct JSONRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The plan as pretty-printed JSON, ending with a newline.
    public func render(_ plan: Plan) throws -> String {
        try Self.encode(PlanDocument(plan)) + "\n"
    }

    /// Encodes any document govctl prints the same way: pretty, keys sorted, slashes unescaped, no final newline.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

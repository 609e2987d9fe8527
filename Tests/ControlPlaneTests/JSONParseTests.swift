import ControlPlane
import Foundation
import Governance
import Testing

/// `JSONCoding.parse` reads JSON in one pass the way the decoder reads `JSONValue`, and bounds its depth.
@Suite struct JSONParseTests {
    @Test("numbers, booleans and nulls read as the decoder reads them", arguments: [
        "[1.0, 1e2, -0, 1.5, true, false, null, 9223372036854775807, 9223372036854775808, -0.0, 1E+2, \"s\"]",
        #"{"a": {"b": [1, {"c": "d"}], "e": 2.25}, "f": []}"#,
        "0", "\"x\"", "[0, 1]", "{\"k\": true}",
    ])
    func sameAsDecoder(_ text: String) throws {
        let probed = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(try JSONCoding.parse(Data(text.utf8)) == probed)
    }

    @Test("containers nested deeper than the bound are refused, at any depth asked for")
    func depth() {
        let nested = { (n: Int) in Data((String(repeating: "[", count: n) + String(repeating: "]", count: n)).utf8) }
        #expect((try? JSONCoding.parse(nested(64), maxDepth: 64)) != nil)
        #expect(throws: JSONCoding.ParseError.self) { try JSONCoding.parse(nested(65), maxDepth: 64) }
        #expect(throws: JSONCoding.ParseError.self) { try JSONCoding.parse(nested(600)) }
    }

    @Test("a decode through a parsed document gives the same values as probing")
    func document() throws {
        struct Shape: Decodable, Equatable { var name: String; var constraints: [String: JSONValue]; var list: [JSONValue] }
        let text = #"{"name": "p", "constraints": {"max": 10, "hosts": ["a", "b"], "deep": {"x": [true, null, 2.5]}}, "list": [1, "two", {}]}"#
        let probed = try JSONDecoder().decode(Shape.self, from: Data(text.utf8))
        #expect(try JSONCoding.decode(Shape.self, from: Data(text.utf8)) == probed)
        // Deeper than probing stays cheap for: read through one parse, to the same values.
        let deep = String(repeating: "[", count: 40) + "1, \"s\", true" + String(repeating: "]", count: 40)
        let deepText = #"{"name": "p", "constraints": {"d": \#(deep)}, "list": [\#(deep)]}"#
        let deepProbed = try JSONDecoder().decode(Shape.self, from: Data(deepText.utf8))
        #expect(try JSONCoding.decode(Shape.self, from: Data(deepText.utf8)) == deepProbed)
    }
}

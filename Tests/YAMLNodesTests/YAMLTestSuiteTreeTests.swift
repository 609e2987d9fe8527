import Foundation
import Testing
import YAMLNodes

/// The strict tree layer against the suite's `in.json`: wherever govctl's rules accept a case, the tree
/// must load as the same data.
@Suite struct YAMLTestSuiteTreeTests {
    @Test func treesEqualTheSuitesJSON() throws {
        let root = try #require(YAMLTestSuite.root, "YAML test suite not found")
        var compared = 0
        for id in YAMLTestSuite.caseIDs where !YAMLTestSuite.knownFailures.contains(id) {
            let parts = id.split(separator: "-", maxSplits: 1).map(String.init)
            var folder = root.appendingPathComponent(parts[0])
            if parts.count == 2 { folder.appendPathComponent(parts[1]) }
            guard let json = try? String(contentsOf: folder.appendingPathComponent("in.json"), encoding: .utf8),
                  let input = try? Data(contentsOf: folder.appendingPathComponent("in.yaml")) else { continue }
            let result = YAMLReader.parse([UInt8](input), file: "in.yaml")
            // Cases with tags, merge keys, non-scalar keys and the like are govctl errors, not data.
            guard result.errors.isEmpty else { continue }
            let expected = Self.topLevelValues(json)
            guard expected.count == result.documents.count else {
                Issue.record("\(id): \(result.documents.count) documents, in.json has \(expected.count)")
                continue
            }
            for (document, text) in zip(result.documents, expected) {
                guard let mine = Self.json(document.root) else { continue } // .inf and .nan have no JSON form
                let ours = Self.canonical(try JSONSerialization.jsonObject(with: Data(mine.utf8), options: .fragmentsAllowed))
                let theirs = Self.canonical(try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed))
                #expect(ours == theirs, "\(id): got \(mine), expected \(text)")
                compared += 1
            }
        }
        #expect(compared >= 230, "only \(compared) documents compared")
    }

    /// One text for equal JSON data however Foundation represents it (numbers compare by value).
    static func canonical(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if let text = value as? String { return quoted(text) }
        if let items = value as? [Any] { return "[" + items.map(canonical).joined(separator: ",") + "]" }
        if let object = value as? [String: Any] {
            return "{" + object.keys.sorted().map { quoted($0) + ":" + canonical(object[$0] ?? NSNull()) }.joined(separator: ",") + "}"
        }
        if let number = value as? NSNumber { return "\(number.doubleValue)" }
        return "\(value)"
    }

    /// The pretty-printed JSON values of a multi-document `in.json`: each starts at column 0.
    static func topLevelValues(_ text: String) -> [String] {
        var values: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if let first = line.first, first != " ", first != "}", first != "]" || values.isEmpty {
                values.append(String(line))
            } else if !values.isEmpty {
                values[values.count - 1] += "\n" + line
            }
        }
        return values
    }

    /// The node as JSON text, or nil when it holds a float JSON cannot write.
    static func json(_ node: YAMLNode) -> String? {
        switch node.content {
        case let .scalar(scalar):
            switch scalar.value {
            case .null: return "null"
            case let .bool(flag): return flag ? "true" : "false"
            case let .int(number): return String(number)
            case let .double(number): return number.isFinite ? "\(number)" : nil
            case let .string(text): return quoted(text)
            }
        case let .sequence(items):
            var parts: [String] = []
            for item in items {
                guard let part = json(item) else { return nil }
                parts.append(part)
            }
            return "[" + parts.joined(separator: ",") + "]"
        case let .mapping(entries):
            var parts: [String] = []
            for entry in entries {
                guard let part = json(entry.value) else { return nil }
                parts.append(quoted(entry.key) + ":" + part)
            }
            return "{" + parts.joined(separator: ",") + "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

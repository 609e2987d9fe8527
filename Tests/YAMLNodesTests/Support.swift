import Foundation
import YAMLNodes

/// Parses `text` as the file `test.yaml`.
func parse(_ text: String, limits: YAMLLimits = YAMLLimits()) -> YAMLParseResult {
    YAMLReader.parse(Array(text.utf8), file: "test.yaml", limits: limits)
}

/// `code@line:col` for each error, the shape most assertions compare.
func codes(_ result: YAMLParseResult) -> [String] {
    result.errors.map { "\($0.code)@\($0.location.line):\($0.location.column)" }
}

extension YAMLNode {
    /// The value under `key` when this node is a mapping.
    subscript(key: String) -> YAMLNode? {
        guard case let .mapping(entries) = content else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// The resolved scalar value, or nil for a collection.
    var scalarValue: ScalarValue? {
        guard case let .scalar(scalar) = content else { return nil }
        return scalar.value
    }

    /// The node as a writer value, so read-back trees compare with what was written.
    var output: YAMLOutput {
        switch content {
        case let .scalar(scalar):
            switch scalar.value {
            case .null: return .null
            case let .bool(flag): return .bool(flag)
            case let .int(number): return .int(number)
            case let .double(number): return .double(number)
            case let .string(text): return .string(text)
            }
        case let .sequence(items): return .sequence(items.map(\.output))
        case let .mapping(entries): return .mapping(entries.map { (key: $0.key, value: $0.value.output) })
        }
    }
}

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}

/// Writes `bytes` to a new file in the temporary directory and returns its path.
func temporaryFile(bytes: [UInt8]) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("yamlnodes-\(UUID().uuidString).yaml")
    try Data(bytes).write(to: url)
    return url.path
}

/// Deletes a file a test made.
func removeFile(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

/// A value to write as YAML: plain data with mapping keys in the order they are given.
public indirect enum YAMLOutput: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case sequence([YAMLOutput])
    case mapping([(key: String, value: YAMLOutput)])

    /// Equal when the same case holds equal values; `.nan` equals itself, so values read back compare equal.
    public static func == (a: YAMLOutput, b: YAMLOutput) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.double(x), .double(y)): return x == y || (x.isNaN && y.isNaN)
        case let (.string(x), .string(y)): return x == y
        case let (.sequence(x), .sequence(y)): return x == y
        case let (.mapping(x), .mapping(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }
}

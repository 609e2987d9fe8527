import YAMLNodes

/// A decoded value with the place it was written, so later checks can point at it.
struct Located<Value> {
    var value: Value
    var location: SourceLocation
}

extension Located: Sendable where Value: Sendable {}

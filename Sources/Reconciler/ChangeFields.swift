import Governance
import Planning

/// Reads the typed values a service call needs out of a change's `after` fields (named as in `Fields.swift`).
struct ChangeFields {
    let address: Address
    let values: [String: PlanValue]

    /// The `after` fields of `change`; a delete has none, so reading one fails as malformed.
    init(_ change: Change) {
        self.init(address: change.address, values: change.after ?? [:])
    }

    /// Any field map of the resource at `address` (an update's `before`, for one).
    init(address: Address, values: [String: PlanValue]) {
        self.address = address
        self.values = values
    }

    /// The plain JSON value of `field`; fails when it is missing or sensitive.
    func json(_ field: String) throws -> JSONValue {
        guard case .value(let json)? = values[field] else { throw ApplyError.malformed(address, "field '\(field)' is missing") }
        return json
    }

    /// A required string.
    func string(_ field: String) throws -> String {
        guard case .string(let s) = try json(field) else { throw ApplyError.malformed(address, "field '\(field)' is not a string") }
        return s
    }

    /// A string that may be null or absent.
    func optionalString(_ field: String) throws -> String? {
        switch values[field] {
        case nil, .value(.null)?: return nil
        default: return try string(field)
        }
    }

    /// A required boolean.
    func bool(_ field: String) throws -> Bool {
        guard case .bool(let b) = try json(field) else { throw ApplyError.malformed(address, "field '\(field)' is not a boolean") }
        return b
    }

    /// A required integer.
    func int(_ field: String) throws -> Int {
        guard case .int(let i) = try json(field) else { throw ApplyError.malformed(address, "field '\(field)' is not an integer") }
        return i
    }

    /// An object; null or absent reads as empty.
    func object(_ field: String) throws -> [String: JSONValue] {
        switch values[field] {
        case nil, .value(.null)?: return [:]
        case .value(.object(let o))?: return o
        default: throw ApplyError.malformed(address, "field '\(field)' is not an object")
        }
    }

    /// Labels: an object of strings; null or absent reads as none.
    func labels() throws -> [String: String] {
        try object("labels").mapValues { value in
            guard case .string(let s) = value else { throw ApplyError.malformed(address, "a label value is not a string") }
            return s
        }
    }

    /// A list of strings; null or absent reads as empty.
    func strings(_ field: String) throws -> [String] {
        switch values[field] {
        case nil, .value(.null)?: return []
        case .value(.array(let items))?:
            return try items.map { item in
                guard case .string(let s) = item else { throw ApplyError.malformed(address, "field '\(field)' holds a non-string") }
                return s
            }
        default: throw ApplyError.malformed(address, "field '\(field)' is not a list")
        }
    }

    /// A value of a string enumeration such as `PolicyType`.
    func choice<T: RawRepresentable>(_ field: String, _ type: T.Type) throws -> T where T.RawValue == String {
        let raw = try string(field)
        guard let value = T(rawValue: raw) else { throw ApplyError.malformed(address, "field '\(field)' has unknown value '\(raw)'") }
        return value
    }

    /// Where a credential's value comes from (`valueFrom: {env: NAME}` or `{file: PATH}`).
    func secretSource() throws -> SecretSource {
        let source = try object("valueFrom")
        if case .string(let name)? = source["env"] { return .env(name) }
        if case .string(let path)? = source["file"] { return .file(path) }
        throw ApplyError.malformed(address, "field 'valueFrom' names neither env nor file")
    }
}

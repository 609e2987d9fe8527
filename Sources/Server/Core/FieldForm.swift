import Governance

/// What a body field holds on the wire. The strict reading checks every value of a body against its form before
/// decoding, so a refusal can name the field by its full path, nested ones included.
indirect enum FieldForm {
    case string
    case integer
    case boolean
    /// Any JSON object: its keys are data, as in a policy's `constraints`.
    case anyObject
    /// An object whose keys are data and whose values all have one form, as in `labels`.
    case map(FieldForm)
    case array(FieldForm)
    /// An object with fixed fields, checked as strictly as a whole body.
    case object(any StrictBody.Type)
    /// The form or null. Null is accepted only here: for a field that can be cleared (or, on a create, left unset),
    /// so a PATCH's null never silently means "keep" for a field that cannot be cleared.
    case nullable(FieldForm)

    /// `labels` everywhere: an object of strings.
    static var labels: FieldForm { .map(.string) }

    /// The form in plain words, for messages: "an integer", "an array of objects".
    var words: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .boolean: "true or false"
        case .anyObject, .object: "an object"
        case .map(let values): "an object of \(values.plural)"
        case .array(let items): "an array of \(items.plural)"
        case .nullable(let form): "\(form.words) or null"
        }
    }

    private var plural: String {
        switch self {
        case .string: "strings"
        case .integer: "integers"
        case .boolean: "booleans"
        case .anyObject, .object, .map: "objects"
        case .array: "arrays"
        case .nullable(let form): form.plural
        }
    }
}

/// Where a value sits in a body, spelled as a caller would write it: `notification_channels[0].type`.
struct FieldPath: CustomStringConvertible {
    private(set) var description = ""

    func appending(_ key: String) -> FieldPath {
        FieldPath(description: description.isEmpty ? key : description + "." + key)
    }

    func appending(_ index: Int) -> FieldPath {
        FieldPath(description: description + "[\(index)]")
    }

    /// The path a decoder reports; array positions are the keys with an integer value.
    init(_ codingPath: [any CodingKey]) {
        self = codingPath.reduce(FieldPath()) { path, key in key.intValue.map(path.appending) ?? path.appending(key.stringValue) }
    }

    /// The body itself.
    init() {}

    private init(description: String) { self.description = description }
}

/// Checks a parsed body against the forms its type declares; the first misfit is a 400 naming the field.
enum BodyCheck {
    static func check(_ value: JSONValue, _ form: FieldForm, at path: FieldPath) throws {
        switch (form, value) {
        case (.nullable, .null):
            return
        case (.nullable(let form), _):
            try check(value, form, at: path)
        case (_, .null):
            throw APIError.invalidRequest("field '\(path)' must be \(form.words), not null")
        case (.string, .string), (.boolean, .bool), (.integer, .int), (.anyObject, .object):
            return
        case (.integer, .double(let number)) where number.rounded() == number:
            throw APIError.invalidRequest("field '\(path)' must be an integer from \(Int.min) to \(Int.max)")
        case (.map(let values), .object(let fields)):
            // As in a manifest: an empty key could be stored but never written back as one (import, render).
            if fields.keys.contains("") { throw APIError.invalidRequest("field '\(path)' has an empty key; give every key a name") }
            for (key, value) in fields.sorted(by: { $0.key < $1.key }) { try check(value, values, at: path.appending(key)) }
        case (.array(let items), .array(let elements)):
            for (index, element) in elements.enumerated() { try check(element, items, at: path.appending(index)) }
        case (.object(let type), .object(let fields)):
            try checkFields(fields, of: type, at: path)
        default:
            throw APIError.invalidRequest("field '\(path)' must be \(form.words)")
        }
    }

    /// An object's fields: none unknown to `type`, each of its declared form.
    static func checkFields<T: StrictBody>(_ fields: [String: JSONValue], of type: T.Type, at path: FieldPath) throws {
        let forms = Dictionary(uniqueKeysWithValues: T.CodingKeys.allCases.map { ($0.stringValue, T.form(of: $0)) })
        let sent = fields.keys.sorted()
        if let unknown = sent.first(where: { forms[$0] == nil }) {
            throw APIError.invalidRequest("field '\(path.appending(unknown))' is not known; known fields: \(forms.keys.sorted().joined(separator: ", "))")
        }
        for key in sent {
            if let form = forms[key], let value = fields[key] { try check(value, form, at: path.appending(key)) }
        }
    }
}

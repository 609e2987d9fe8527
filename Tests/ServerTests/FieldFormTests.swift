import Foundation
import Governance
@testable import Server
import Testing

/// Each body's declared forms agree with its Swift type: a body holding every field in its declared form decodes.
@Suite struct FieldFormTests {
    static let bodies: [any StrictBody.Type] = [
        EnvironmentCreate.self, EnvironmentPatch.self, AgentCreate.self, AgentPatch.self, PolicyCreate.self, PolicyPatch.self,
        ApiKeyCreate.self, ApiKeyPatch.self, CredentialCreate.self, CredentialPatch.self, CredentialGrants.self, SettingsPatch.self,
    ]

    /// A value of `form`; `nulls` puts null wherever the form allows it.
    static func example(_ form: FieldForm, nulls: Bool) -> JSONValue {
        switch form {
        case .string: .string("x")
        case .integer: .int(1)
        case .boolean: .bool(true)
        case .anyObject: .object(["any": .array([.null, .double(1.5)])])
        case .map(let values): .object(["key": example(values, nulls: nulls)])
        case .array(let items): .array([example(items, nulls: nulls)])
        case .object(let type): fields(of: type, nulls: nulls)
        case .nullable(let form): nulls ? .null : example(form, nulls: nulls)
        }
    }

    static func fields<T: StrictBody>(of type: T.Type, nulls: Bool) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: T.CodingKeys.allCases.map { ($0.stringValue, example(T.form(of: $0), nulls: nulls)) }))
    }

    static func decodes<T: StrictBody>(_ type: T.Type, nulls: Bool) throws {
        let data = try JSONEncoder().encode(fields(of: type, nulls: nulls))
        _ = try StrictDecoder.decode(type, from: data)
    }

    @Test(arguments: [false, true]) func everyDeclaredFormDecodes(nulls: Bool) throws {
        for body in Self.bodies {
            #expect(throws: Never.self, "\(body)") { try Self.decodes(body, nulls: nulls) }
        }
    }
}

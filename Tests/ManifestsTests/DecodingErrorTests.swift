import Manifests
import Testing

/// Each bad input is a fixture directory; each test asserts every diagnostic's code and exact location.
@Suite("Strict decoding reports every error at the offending key or value")
struct DecodingErrorTests {
    @Test("unknown-field: at the key, suggesting the nearest known field only when close")
    func unknownField() throws {
        let result = try Fixtures.load("bad/unknown-field")
        #expect(result.state == nil)
        #expect(result.errorSummary == [
            "unknown-field@bad/unknown-field/env.yaml:6:3",
            "unknown-field@bad/unknown-field/env.yaml:7:3",
            "unknown-field@bad/unknown-field/env.yaml:11:24",
            "unknown-field@bad/unknown-field/env.yaml:14:34",
            "unknown-field@bad/unknown-field/env.yaml:21:3",
        ])
        let messages = result.messages("unknown-field")
        #expect(messages[0] == "unknown field 'enforcmentMode' in spec of Environment 'staging'; did you mean 'enforcementMode'?")
        #expect(messages[1] == "unknown field 'colour' in spec of Environment 'staging'")
        // The misspelt actionPatern is not reported a second time as a missing actionPattern.
        #expect(messages[3].hasSuffix("did you mean 'actionPattern'?"))
        #expect(messages[4] == "unknown field 'labels' in spec of Environment 'production': it belongs under metadata")
    }

    @Test("unknown-kind: suggests the nearest kind, or lists them all")
    func unknownKind() throws {
        let result = try Fixtures.load("bad/unknown-kind")
        #expect(result.errorSummary == ["unknown-kind@bad/unknown-kind/kind.yaml:2:7", "unknown-kind@bad/unknown-kind/kind.yaml:7:7"])
        #expect(result.messages("unknown-kind")[0] == "unknown kind 'Enviroment'; did you mean 'Environment'?")
        #expect(result.messages("unknown-kind")[1].contains("kinds are Environment, PolicySet, Strategy, Agent, ApiKey, Credential, Settings"))
    }

    @Test("missing-field: names the field and the object it belongs to")
    func missingField() throws {
        let result = try Fixtures.load("bad/missing-field")
        #expect(result.errorSummary == [
            "missing-field@bad/missing-field/missing.yaml:5:3",
            "missing-field@bad/missing-field/missing.yaml:12:7",
            "missing-field@bad/missing-field/missing.yaml:14:1",
            "missing-field@bad/missing-field/missing.yaml:15:11",
        ])
        #expect(result.messages("missing-field") == [
            "spec of Environment 'staging' is missing the required field 'name'",
            "policy 'deny-x' of PolicySet 'base' is missing the required field 'type'",
            "manifest document is missing the required field 'apiVersion'",
            "Agent metadata is missing the required field 'environment'",
        ])
    }

    @Test("type-mismatch: names the field, the expected form and what was found, at the value")
    func typeMismatch() throws {
        let result = try Fixtures.load("bad/type-mismatch")
        #expect(result.errorSummary == [
            "type-mismatch@bad/type-mismatch/types.yaml:6:15",
            "type-mismatch@bad/type-mismatch/types.yaml:7:15",
            "type-mismatch@bad/type-mismatch/types.yaml:14:66",
            "type-mismatch@bad/type-mismatch/types.yaml:14:85",
            "type-mismatch@bad/type-mismatch/types.yaml:15:14",
        ])
        let messages = result.messages("type-mismatch")
        #expect(messages[0].hasPrefix("field 'production' of spec of Environment 'staging': expected true or false, found the string 'yes'"))
        #expect(messages[1] == "field 'policySets' of spec of Environment 'staging': expected a list, found the string 'baseline'")
        #expect(messages[2] == "field 'priority' of policy 'deny-x' of PolicySet 'baseline': expected an integer, found the string 'high'")
        #expect(messages[3].contains("expected an object (a mapping), found a list"))
        #expect(messages[4].contains("expected a string, found the integer 42"))
    }

    @Test("invalid-value: apiVersion must be govctl/v1; enums list their allowed values")
    func invalidValue() throws {
        let result = try Fixtures.load("bad/invalid-value")
        #expect(result.errorSummary == [
            "invalid-value@bad/invalid-value/values.yaml:1:13",
            "invalid-value@bad/invalid-value/values.yaml:6:20",
            "invalid-value@bad/invalid-value/values.yaml:13:28",
            "invalid-value@bad/invalid-value/values.yaml:18:14",
        ])
        let messages = result.messages("invalid-value")
        #expect(messages[0] == "apiVersion must be govctl/v1, found 'govctl/v2'")
        #expect(messages[1] == "field 'enforcementMode' of spec of Environment 'staging' must be one of monitor, alert, enforce, found 'strict'")
        #expect(messages[2].contains("must be one of allow, deny, alert, hold, found 'block'"))
        #expect(messages[3].contains("must be one of owner, manager, member, viewer, found 'admin'"))
    }

    @Test("invalid-slug: qa is refused with what to write instead")
    func invalidSlug() throws {
        let result = try Fixtures.load("bad/invalid-slug")
        #expect(result.errorSummary == ["invalid-slug@bad/invalid-slug/slugs.yaml:3:18", "invalid-slug@bad/invalid-slug/slugs.yaml:8:18"])
        #expect(result.messages("invalid-slug")[0].contains("'qa-env'"))
        #expect(result.messages("invalid-slug")[1].contains("'staging'"))
    }

    @Test("invalid-name: policy and agent names follow the name rule")
    func invalidName() throws {
        let result = try Fixtures.load("bad/invalid-name")
        #expect(result.errorSummary == ["invalid-name@bad/invalid-name/names.yaml:6:14", "invalid-name@bad/invalid-name/names.yaml:10:18"])
    }

    @Test("invalid-pattern: a regex that does not compile, an empty pattern, whitespace")
    func invalidPattern() throws {
        let result = try Fixtures.load("bad/invalid-pattern")
        #expect(result.errorSummary == [
            "invalid-pattern@bad/invalid-pattern/patterns.yaml:6:52",
            "invalid-pattern@bad/invalid-pattern/patterns.yaml:7:48",
            "invalid-pattern@bad/invalid-pattern/patterns.yaml:8:49",
        ])
    }

    @Test("hostile patterns and constraints are refused where they stand, with short messages")
    func hostile() throws {
        let result = try Fixtures.load("bad/hostile")
        #expect(result.errorSummary == [
            "invalid-pattern@bad/hostile/hostile.yaml:8:57",
            "invalid-pattern@bad/hostile/hostile.yaml:9:63",
            "invalid-pattern@bad/hostile/hostile.yaml:10:51",
            "invalid-pattern@bad/hostile/hostile.yaml:11:49",
            "invalid-pattern@bad/hostile/hostile.yaml:12:51",
            "invalid-value@bad/hostile/hostile.yaml:16:7",
        ])
        #expect(result.messages("invalid-pattern").allSatisfy { $0.utf8.count < 200 })
        #expect(result.messages("invalid-pattern")[0].contains("at most 1024 bytes"))
        #expect(result.messages("invalid-pattern")[1].contains("character class inside a character class"))
    }

    @Test("YAML errors pass through with their own codes, and other files are still checked")
    func yamlErrors() throws {
        let result = try Fixtures.load("bad/yaml-error")
        #expect(result.errorSummary == ["duplicate-key@bad/yaml-error/dup.yaml:6:3", "invalid-value@bad/yaml-error/ok.yaml:7:20"])
        #expect(result.messages("invalid-value")[0].hasSuffix("did you mean 'enforce'?"))
    }

    @Test("a value the YAML layer refused is reported once, not again as the wrong type")
    func refusedOnce() throws {
        let result = try Fixtures.load("bad/refused-once")
        #expect(result.errorSummary == [
            "ambiguous-number@bad/refused-once/policies.yaml:6:66",
            "invalid-value@bad/refused-once/policies.yaml:7:66",
        ])
        #expect(result.state == nil)
    }

    @Test("invalid-value: a constraint JSON cannot hold (.nan, .inf, -.inf, an overflowing float), once per place")
    func nonFiniteConstraints() throws {
        let result = try Fixtures.load("bad/constraints")
        #expect(result.errorSummary == [
            "invalid-value@bad/constraints/numbers.yaml:10:16",
            "invalid-value@bad/constraints/numbers.yaml:11:18",
            "invalid-value@bad/constraints/numbers.yaml:12:16",
            "invalid-value@bad/constraints/numbers.yaml:13:15",
            "invalid-value@bad/constraints/numbers.yaml:14:32",
        ])
        #expect(result.messages("invalid-value").first
            == "constraint value '.nan' is not a finite number, which JSON cannot hold; write a number within ±1.7e308, or quote it to keep it as a string")
        #expect(result.state == nil)
    }

    @Test("a broken environment still counts as declared: no unknown-reference or unknown-exclude noise")
    func noCascade() throws {
        let result = try Fixtures.load("bad/no-cascade")
        #expect(result.errorSummary == [
            "invalid-value@bad/no-cascade/envs.yaml:6:20",
            "unknown-reference@bad/no-cascade/envs.yaml:7:16",
            "type-mismatch@bad/no-cascade/envs.yaml:12:7",
        ])
    }
}

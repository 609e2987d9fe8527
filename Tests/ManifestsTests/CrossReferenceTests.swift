import Manifests
import Testing

@Suite("Identities, references, mirrors and policy sets are checked across files")
struct CrossReferenceTests {
    @Test("duplicate-resource: the same identity in one file or two names both places")
    func duplicateResource() throws {
        let result = try Fixtures.load("bad/duplicate-resource")
        #expect(result.errorSummary == [
            "duplicate-resource@bad/duplicate-resource/b.yaml:3:18",
            "duplicate-resource@bad/duplicate-resource/b.yaml:8:18",
            "duplicate-resource@bad/duplicate-resource/b.yaml:13:18",
            "duplicate-resource@bad/duplicate-resource/b.yaml:16:1",
            "duplicate-resource@bad/duplicate-resource/b.yaml:22:18",
            "duplicate-resource@bad/duplicate-resource/b.yaml:27:18",
            "duplicate-resource@bad/duplicate-resource/b.yaml:32:18",
            "invalid-value@bad/duplicate-resource/b.yaml:41:17",
            "duplicate-resource@bad/duplicate-resource/b.yaml:45:18",
        ])
        #expect(result.messages("duplicate-resource")[4] == "PolicySet 'base' is defined twice: at bad/duplicate-resource/a.yaml:17:18 and at bad/duplicate-resource/b.yaml:22:18")
        #expect(result.messages("duplicate-resource")[6].hasPrefix("ApiKey 'ci' (tenant-wide) is defined twice"))
        #expect(result.messages("invalid-value") == ["credential 'token' grants 'bot' twice: at bad/duplicate-resource/b.yaml:41:12 and at bad/duplicate-resource/b.yaml:41:17"])
        #expect(result.messages("duplicate-resource")[0]
            == "environment 'staging' is defined twice: at bad/duplicate-resource/a.yaml:3:18 and at bad/duplicate-resource/b.yaml:3:18")
        #expect(result.messages("duplicate-resource")[3].contains("bad/duplicate-resource/a.yaml:11:1"))
    }

    @Test("a strategy defined twice is one error, not one more for every environment it generates")
    func duplicateStrategy() throws {
        let result = try Fixtures.load("bad/duplicate-strategy")
        #expect(result.errorSummary == ["duplicate-resource@bad/duplicate-strategy/b.yaml:3:18"])
    }

    @Test("unknown-reference: mirror, policySets, environments of agents, keys and credentials, grants; with suggestions")
    func unknownReference() throws {
        let result = try Fixtures.load("bad/unknown-reference")
        #expect(result.errorSummary == [
            "unknown-reference@bad/unknown-reference/refs.yaml:6:11",
            "unknown-reference@bad/unknown-reference/refs.yaml:7:16",
            "unknown-reference@bad/unknown-reference/refs.yaml:15:16",
            "unknown-reference@bad/unknown-reference/refs.yaml:19:36",
            "unknown-reference@bad/unknown-reference/refs.yaml:29:35",
            "unknown-reference@bad/unknown-reference/refs.yaml:38:12",
            "unknown-reference@bad/unknown-reference/refs.yaml:46:34",
            "invalid-value@bad/unknown-reference/refs.yaml:46:46",
            "unknown-reference@bad/unknown-reference/refs.yaml:50:42",
        ])
        let messages = result.messages("unknown-reference")
        #expect(messages[0].hasSuffix("did you mean 'production'?"))
        #expect(messages[3].hasSuffix("did you mean 'staging'?"))
        #expect(messages[5].hasSuffix("did you mean 'sales-bot'?"))
        #expect(result.messages("invalid-value")[0].contains("environment/agent"))
    }

    @Test("mirror-cycle: one error per cycle naming every member and where its mirror is written")
    func mirrorCycle() throws {
        let result = try Fixtures.load("bad/mirror-cycle")
        #expect(result.errorSummary == ["mirror-cycle@bad/mirror-cycle/a.yaml:6:11", "mirror-cycle@bad/mirror-cycle/b.yaml:13:11"])
        let message = result.messages("mirror-cycle")[0]
        #expect(message.hasPrefix("mirror cycle: 'alpha' (bad/mirror-cycle/a.yaml:6:11) → 'beta' (bad/mirror-cycle/a.yaml:13:11) → 'gamma' (bad/mirror-cycle/b.yaml:6:11) → 'alpha'"))
        // `follower` mirrors into the cycle and excludes something: no cascade of unknown-exclude.
        #expect(result.messages("unknown-exclude") == [])
    }

    @Test("duplicate-policy: two sources bringing one name into an environment name both")
    func duplicatePolicy() throws {
        let result = try Fixtures.load("bad/duplicate-policy")
        #expect(result.errorSummary == [
            "duplicate-policy@bad/duplicate-policy/envs.yaml:9:14",
            "duplicate-policy@bad/duplicate-policy/envs.yaml:17:16",
            "duplicate-policy@bad/duplicate-policy/envs.yaml:17:19",
            "duplicate-policy@bad/duplicate-policy/sets.yaml:7:14",
        ])
        let messages = result.messages("duplicate-policy")
        #expect(messages[0] == "policy 'deny-x' comes into environment 'production' twice: from policy set 'a' at bad/duplicate-policy/sets.yaml:6:14 and from inline at bad/duplicate-policy/envs.yaml:9:14; keep one of them")
        #expect(messages[1].contains("from mirror 'production' (policy set 'b' at bad/duplicate-policy/sets.yaml:14:14) and from policy set 'b'"))
        #expect(messages[2].contains("lists policy set 'b' twice"))
    }

    @Test("generated-environment: an Environment document repeating a strategy's slug names both")
    func generatedEnvironment() throws {
        let result = try Fixtures.load("bad/generated-environment")
        #expect(result.errorSummary == [
            "generated-environment@bad/generated-environment/env.yaml:3:18",
            "duplicate-resource@bad/generated-environment/strategy.yaml:14:7",
        ])
        let message = result.messages("generated-environment")[0]
        #expect(message.contains("Strategy 'main' (at bad/generated-environment/strategy.yaml:3:18)"))
        #expect(message.contains("bad/generated-environment/env.yaml:3:18"))
    }

    @Test("exclude-without-mirror and unknown-exclude")
    func exclude() throws {
        let result = try Fixtures.load("bad/exclude")
        #expect(result.errorSummary == [
            "unknown-exclude@bad/exclude/envs.yaml:22:13",
            "exclude-without-mirror@bad/exclude/envs.yaml:29:13",
        ])
        #expect(result.messages("unknown-exclude")[0].hasSuffix("did you mean 'deny-a'?"))
    }
}

import Manifests
import Governance
import Testing

@Suite("Strategies, settings, credentials and agents are decoded as strictly as environments")
struct StrategyAndSettingsErrorTests {
    @Test("strategy errors: unknown type, a field of another type, a tier that is not a mapping, missing region and teams")
    func strategies() throws {
        let result = try Fixtures.load("bad/strategy")
        #expect(result.errorSummary == [
            "invalid-value@bad/strategy/strategies.yaml:5:9",
            "unknown-field@bad/strategy/strategies.yaml:12:3",
            "type-mismatch@bad/strategy/strategies.yaml:13:16",
            "unknown-reference@bad/strategy/strategies.yaml:14:21",
            "missing-field@bad/strategy/strategies.yaml:22:7",
            "unknown-field@bad/strategy/strategies.yaml:23:45",
            "missing-field@bad/strategy/strategies.yaml:29:3",
            "invalid-value@bad/strategy/strategies.yaml:34:33",
        ])
        #expect(result.messages("invalid-value") == [
            "field 'type' of spec of Strategy 'a' must be one of three-tier, regional, team-based, found 'four-tier'",
            "'regions' of Strategy 'e' is empty; list at least one region, or remove the strategy",
        ])
        #expect(result.messages("unknown-field")[0].hasSuffix("it belongs to type regional, and this strategy is three-tier"))
        #expect(result.messages("missing-field")[0] == "region 'eu-prod' of Strategy 'c' is missing the required field 'region'")
        #expect(result.warningSummary == ["staging-not-mirroring@bad/strategy/strategies.yaml:14:21"])
    }

    @Test("a misspelt strategy type is the one error, with a hint: what it would have generated is not reported missing too")
    func misspeltTypeIsTheOnlyError() throws {
        let result = try Fixtures.load("bad/strategy-type")
        #expect(result.errorSummary == ["invalid-value@bad/strategy-type/strategy.yaml:7:9"])
        #expect(result.messages("invalid-value") == [
            "field 'type' of spec of Strategy 'main' must be one of three-tier, regional, team-based, found 'three-teir'; did you mean 'three-tier'?",
        ])
    }

    @Test("a misspelt regional strategy quiets references to the regions it lists, and only those")
    func misspeltRegionalTypeQuietsItsRegions() throws {
        let result = try Fixtures.load("bad/strategy-type-regions")
        #expect(result.errorSummary == [
            "invalid-value@bad/strategy-type-regions/strategy.yaml:6:9",
            "unknown-reference@bad/strategy-type-regions/strategy.yaml:17:39",
        ])
        #expect(result.messages("invalid-value")[0].hasSuffix("found 'regionl'; did you mean 'regional'?"))
        #expect(result.messages("unknown-reference")[0].contains("'us-production'"))
    }

    @Test("settings, valueFrom with both sources, a non-string label, an unknown status, a document that is a list")
    func settingsAndMore() throws {
        let result = try Fixtures.load("bad/settings-and-more")
        #expect(result.errorSummary == [
            "type-mismatch@bad/settings-and-more/more.yaml:4:16",
            "invalid-value@bad/settings-and-more/more.yaml:5:16",
            "invalid-value@bad/settings-and-more/more.yaml:7:14",
            "invalid-value@bad/settings-and-more/more.yaml:15:14",
            "type-mismatch@bad/settings-and-more/more.yaml:19:62",
            "invalid-value@bad/settings-and-more/more.yaml:20:16",
            "type-mismatch@bad/settings-and-more/more.yaml:27:1",
        ])
        #expect(result.messages("type-mismatch")[0] == "field 'mfaRequired' of spec of Settings: expected true or false, found the string 'true'")
        #expect(result.messages("type-mismatch")[2] == "manifest document: expected a mapping, found a list")
    }
}

@Suite("drift ignore rules in Settings")
struct DriftIgnoreDecodingTests {
    @Test("rules are read in order, with their classes, fields and reasons")
    func valid() throws {
        let result = try Fixtures.load("valid/drift-ignore")
        #expect(result.errorSummary == [])
        let rules = try #require(result.state?.settings?.driftIgnores)
        #expect(rules == [
            DriftIgnoreRule(address: "policy/staging/console-*", classes: [.unmanaged], reason: "the on-call team hot-fixes staging in the console"),
            DriftIgnoreRule(address: "agent/*/*", fields: ["description"], reason: "support edits agent descriptions in the console"),
        ])
    }

    @Test("a missing reason, an ignored 'missing', a bad address, a misspelt class, fields with dormant, an unknown key")
    func invalid() throws {
        let result = try Fixtures.load("bad/drift-ignore")
        #expect(result.errorSummary == [
            "missing-field@bad/drift-ignore/settings.yaml:6:9",
            "invalid-value@bad/drift-ignore/settings.yaml:8:19",
            "invalid-pattern@bad/drift-ignore/settings.yaml:10:18",
            "invalid-value@bad/drift-ignore/settings.yaml:13:19",
            "invalid-value@bad/drift-ignore/settings.yaml:16:19",
            "unknown-field@bad/drift-ignore/settings.yaml:21:9",
        ])
        #expect(result.messages("invalid-value")[0].contains("cannot ignore 'missing'"))
        #expect(result.messages("invalid-value")[1].contains("found 'dormnt'") && result.messages("invalid-value")[1].contains("dormant"))
        #expect(result.messages("invalid-pattern")[0].contains("policy/staging/console-*"))
    }
}

import Testing
import YAMLNodes

/// Every case of the official YAML test suite through the raw event layer, against libyaml 0.2.5's known record.
@Suite struct YAMLTestSuiteTests {
    @Test func suiteIsPresentAndLibyamlPassesExactlyTheExpectedCases() throws {
        let root = try #require(YAMLTestSuite.root,
                                "YAML test suite not found at Tests/YAMLNodesTests/Fixtures/yaml-test-suite")
        #expect(YAMLTestSuite.caseIDs.count == 402, "cases found under \(root.path)")
        #expect(YAMLTestSuite.knownFailures.count == 72)
        let passed = YAMLTestSuite.caseIDs.filter { YAMLTestSuite.run($0).passed }
        #expect(passed.count == 330)
        #expect(Set(passed).isDisjoint(with: YAMLTestSuite.knownFailures))
    }

    @Test(arguments: YAMLTestSuite.caseIDs)
    func testSuiteCase(_ id: String) {
        let outcome = YAMLTestSuite.run(id)
        if YAMLTestSuite.knownFailures.contains(id) {
            #expect(!outcome.passed, "libyaml fixed \(id): remove it from the known list")
        } else {
            #expect(outcome.passed, "\(id): \(outcome.detail)")
        }
    }
}

import Manifests
import Testing

@Suite("Secrets never leak; best practices warn without failing")
struct SecretsAndWarningsTests {
    @Test("inline-secret: refused at the key, and the secret text appears in no diagnostic")
    func inlineSecret() throws {
        let result = try Fixtures.load("bad/inline-secret")
        #expect(result.errorSummary == [
            "inline-secret@bad/inline-secret/cred.yaml:6:3",
            "inline-secret@bad/inline-secret/cred.yaml:13:15",
            "inline-secret@bad/inline-secret/cred.yaml:20:14",
            "inline-secret@bad/inline-secret/cred.yaml:21:3",
            "inline-secret@bad/inline-secret/cred.yaml:34:3",
            // The YAML layer's own error keeps its code but not the text, which would repeat the secret.
            "ambiguous-number@bad/inline-secret/cred.yaml:34:8",
        ])
        for diagnostic in result.diagnostics {
            for secret in ["TOPSECRET", "sk-live", "hunter2", "12345", "as-scalar", "777123"] {
                #expect(!diagnostic.message.contains(secret), "\(diagnostic.message)")
            }
        }
    }

    @Test("warnings: ambiguous name, staging not mirroring, production not enforcing, development enforcing")
    func warnings() throws {
        let result = try Fixtures.load("bad/warnings")
        #expect(result.errorSummary == [])
        #expect(result.state != nil)
        #expect(result.warningSummary == [
            "development-enforcing@bad/warnings/strategy.yaml:7:22",
            "staging-not-mirroring@bad/warnings/strategy.yaml:8:3",
            "production-not-enforcing@bad/warnings/strategy.yaml:11:22",
            "ambiguous-name@bad/warnings/strategy.yaml:15:18",
        ])
        #expect(result.environment("staging")?.mirror == nil)
    }
}

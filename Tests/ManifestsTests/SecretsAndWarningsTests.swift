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

@Suite("Nothing under a credential's spec or a document of unknown kind is quoted")
struct SecretEchoTests {
    static let secrets = ["0123456789", "123456789", "9876543210", "5550001111", "0222333444", "222333444", "0444555666", "444555666"]

    @Test("a misspelt kind reports only unknown-kind; a credential's type is never quoted, nor reported twice")
    func noEcho() throws {
        let result = try Fixtures.load("bad/secret-echo")
        #expect(result.errorSummary == [
            "unknown-kind@bad/secret-echo/kinds.yaml:2:7",
            // Refused by the YAML layer without its text, and not again as an unknown type.
            "ambiguous-number@bad/secret-echo/kinds.yaml:10:9",
            "type-mismatch@bad/secret-echo/kinds.yaml:17:9",
            "invalid-value@bad/secret-echo/kinds.yaml:24:9",
            "missing-field@bad/secret-echo/kinds.yaml:27:1",
            // A syntax error drops its unfinished document, and with it the problems that would quote its text.
            "yaml-syntax@bad/secret-echo/unfinished.yaml:8:1",
        ])
        #expect(result.messages("type-mismatch") == ["field 'type' of spec of Credential 'crm-three': expected a string, found an integer"])
        for diagnostic in result.diagnostics {
            for secret in Self.secrets {
                #expect(!diagnostic.message.contains(secret), "\(diagnostic.message)")
            }
        }
    }

    @Test("valueFrom.env must name a variable; the error never repeats what was written, which may be the secret")
    func variableName() throws {
        let result = try Fixtures.load("bad/variable-name")
        #expect(result.errorSummary == [
            "invalid-value@bad/variable-name/creds.yaml:6:20",
            "invalid-value@bad/variable-name/creds.yaml:13:20",
        ])
        for message in result.messages("invalid-value") {
            #expect(message.hasPrefix("valueFrom.env of Credential "))
            #expect(!message.contains("PASTED") && !message.contains("LIVES"), "\(message)")
        }
    }
}

import Foundation
import Testing

/// `govctl validate` and `govctl render` run as a user would, on the examples and on fixture directories.
@Suite("govctl validate and render, end to end")
struct ValidateTests {
    static let examples = ["examples/three-tier", "examples/regional", "examples/team-based"]

    @Test("every example validates with no error and no warning", arguments: examples)
    func exampleValidates(_ example: String) async throws {
        let run = try await GovctlRunner.run(["validate", example])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.isEmpty, "unexpected diagnostics: \(run.stderr)")
        #expect(run.stdout.hasPrefix("valid: "))
    }

    @Test("a pull request with many mistakes gets every one, each at its file, line and column")
    func reportsEveryError() async throws {
        let run = try await GovctlRunner.run(["validate", "broken"], in: GovctlRunner.fixtures)
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        let located = lines.compactMap { line -> String? in
            guard let code = line.split(separator: "[").last?.dropLast(), line.contains(": error: ") else { return nil }
            return "\(line.components(separatedBy: ": error: ")[0]) \(code)"
        }
        #expect(located == [
            "broken/credential.yaml:6:3 inline-secret",
            "broken/environments.yaml:5:9 invalid-slug",
            "broken/environments.yaml:8:3 unknown-field",
            "broken/environments.yaml:17:11 unknown-reference",
            "broken/policies/sets.yaml:8:22 invalid-pattern",
            "broken/policies/sets.yaml:12:7 duplicate-key",
        ])
        #expect(run.stderr.contains("did you mean 'enforcementMode'?"))
        #expect(run.stderr.contains("mirrors environment 'prodution', which is not declared"))
        #expect(!run.stderr.contains("DO-NOT-LEAK"), "an inline secret never reaches the output")
        #expect(lines.last == "6 errors")
    }

    @Test("--format json prints the same diagnostics as objects with file, line, column, severity, code, message")
    func jsonDiagnostics() async throws {
        let run = try await GovctlRunner.run(["validate", "broken", "--format", "json"], in: GovctlRunner.fixtures)
        #expect(run.status == 1)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 6)
        for row in rows {
            #expect(Set(row.keys) == ["file", "line", "column", "severity", "code", "message"])
        }
        #expect(rows.first?["code"] as? String == "inline-secret")
        #expect(!run.stdout.contains("DO-NOT-LEAK"))
    }

    @Test("--format json gives every diagnostic all six fields, null where there is no place")
    func jsonDiagnosticsWithoutLocation() async throws {
        let run = try await GovctlRunner.run(["validate", "no/such/dir", "--format", "json"])
        #expect(run.status == 1)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let row = try #require(rows.first)
        #expect(rows.count == 1)
        #expect(Set(row.keys) == ["file", "line", "column", "severity", "code", "message"])
        for key in ["file", "line", "column"] { #expect(row[key] is NSNull, "\(key) is \(String(describing: row[key]))") }
        #expect(row["code"] as? String == "path-not-found")
    }

    @Test("quoted manifest text cannot break a diagnostic across lines or reach the terminal as control characters")
    func controlCharactersAreEscaped() async throws {
        let text = try await GovctlRunner.run(["validate", "control-chars"], in: GovctlRunner.fixtures)
        #expect(text.status == 1)
        let lines = text.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 4, "\(text.stderr)")
        #expect(lines.allSatisfy { $0.hasPrefix("control-chars/env.yaml:") || $0 == "3 errors" })
        #expect(text.stderr.contains("unknown field 'a\\nb'"))
        #expect(text.stderr.contains("unknown field '\\u{1B}[31mred\\u{1B}[0m'"))
        #expect(text.stderr.contains("unknown field 'bell\\u{7}\\u{85}next\\u{2028}line'"))
        let json = try await GovctlRunner.run(["validate", "control-chars", "--format", "json"], in: GovctlRunner.fixtures)
        for output in [text.stderr, json.stdout] {
            #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x85 || $0.value == 0x2028 })
        }
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.compactMap { $0["message"] as? String }.allSatisfy { !$0.contains("\n") && !$0.contains("\u{1B}") })
    }

    @Test("a misspelt kind or a credential's type never echoes the value, in text or JSON")
    func secretsStayOut() async throws {
        let fixture = GovctlRunner.repoRoot.appendingPathComponent("Tests/ManifestsTests/Fixtures/bad/secret-echo").path
        for format in ["text", "json"] {
            let run = try await GovctlRunner.run(["validate", fixture, "--format", format])
            #expect(run.status == 1)
            #expect(run.stdout.contains("unknown-kind") || run.stderr.contains("[unknown-kind]"))
            for secret in ["123456789", "9876543210", "5550001111", "222333444", "444555666"] {
                #expect(!run.stdout.contains(secret) && !run.stderr.contains(secret), "\(format) output shows \(secret)")
            }
        }
    }

    @Test("warnings are printed and leave the exit code at 0")
    func warningsKeepExitZero() async throws {
        let run = try await GovctlRunner.run(["validate", "warnings"], in: GovctlRunner.fixtures)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("warnings/envs.yaml:3:18: warning:"))
        #expect(run.stderr.contains("[ambiguous-name]"))
        #expect(run.stderr.contains("[production-not-enforcing]"))
        #expect(run.stdout.contains("2 warnings"))
    }

    @Test("a directory without manifests is an error, not an empty success")
    func emptyDirectory() async throws {
        let dir = try GovctlRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "not yaml".write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let run = try await GovctlRunner.run(["validate", dir.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("[no-manifests]"))
    }

    @Test("naming a directory again, or a file and then its directory, is valid", arguments: [
        ["examples/three-tier/policy-sets/baseline.yaml", "examples/three-tier"],
        ["examples/three-tier", "examples/three-tier/policy-sets"],
        ["examples/three-tier", "examples/three-tier/"],
    ])
    func directoryNamedAgain(_ paths: [String]) async throws {
        let run = try await GovctlRunner.run(["validate"] + paths)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(!run.stderr.contains("[no-manifests]"))
    }

    @Test("a path that does not exist is an error")
    func missingPath() async throws {
        let run = try await GovctlRunner.run(["validate", "no/such/dir"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("[path-not-found]"))
    }

    @Test("a symlink loop does not hang validate")
    func symlinkLoop() async throws {
        let dir = try GovctlRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = GovctlRunner.repoRoot.appendingPathComponent("examples/three-tier")
        let copy = dir.appendingPathComponent("manifests")
        try FileManager.default.copyItem(at: source, to: copy)
        try FileManager.default.createSymbolicLink(atPath: copy.appendingPathComponent("loop").path, withDestinationPath: "..")
        let run = try await GovctlRunner.run(["validate", copy.path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
    }

    @Test("render --format json gives every environment its effective policies; staging mirrors production")
    func renderThreeTier() async throws {
        let run = try await GovctlRunner.run(["render", "examples/three-tier", "--format", "json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let environments = try #require(root["environments"] as? [[String: Any]])
        let bySlug = Dictionary(uniqueKeysWithValues: environments.compactMap { env in (env["slug"] as? String).map { ($0, env) } })
        #expect(Set(bySlug.keys).isSuperset(of: ["development", "staging", "production"]))
        for env in environments {
            for key in ["slug", "name", "description", "production", "enforcementMode", "policies"] {
                #expect(env[key] != nil, "environment lacks \(key)")
            }
        }
        func policyNames(_ slug: String) -> Set<String> {
            Set((bySlug[slug]?["policies"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        }
        #expect(!policyNames("production").isEmpty)
        // The example's staging mirrors production but excludes hold-bulk-export (it alerts on bulk exports instead).
        #expect(bySlug["staging"]?["mirror"] as? String == "production")
        #expect(policyNames("staging").isSuperset(of: policyNames("production").subtracting(["hold-bulk-export"])))
        #expect(!policyNames("staging").contains("hold-bulk-export"))
        #expect(bySlug["production"]?["production"] as? Bool == true)
        #expect(bySlug["production"]?["enforcementMode"] as? String == "enforce")
        for key in ["agents", "apiKeys", "credentials", "settings"] { #expect(root[key] != nil) }
    }

    @Test("render --format json keeps the documented order: environments first, then agents, apiKeys, credentials, settings")
    func renderJSONOrder() async throws {
        let run = try await GovctlRunner.run(["render", "examples/three-tier", "--format", "json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let topLevel = lines.filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(topLevel == ["environments", "agents", "apiKeys", "credentials", "settings"])
        // Each environment lists its fields as the YAML does, slug first.
        let firstFields = lines.drop { !$0.hasPrefix("  \"environments\"") }.dropFirst(2).prefix(3)
        #expect(firstFields.map { $0.trimmingCharacters(in: .whitespaces).split(separator: ":")[0] } == ["\"slug\"", "\"name\"", "\"description\""])
        let tree = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(tree.count == 5)
    }

    @Test("render prints the same bytes every time, as YAML by default")
    func renderIsStable() async throws {
        let first = try await GovctlRunner.run(["render", "examples/team-based"])
        let second = try await GovctlRunner.run(["render", "examples/team-based"])
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.hasPrefix("environments:"))
    }

    @Test("render refuses invalid manifests with their diagnostics")
    func renderInvalid() async throws {
        let run = try await GovctlRunner.run(["render", "broken"], in: GovctlRunner.fixtures)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("[unknown-field]"))
    }

    @Test("every command's help has examples", arguments: ["validate", "render"])
    func helpHasExamples(_ command: String) async throws {
        let run = try await GovctlRunner.run(["help", command])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Examples:"))
    }
}

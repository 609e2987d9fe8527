import Foundation
import Manifests
import Testing
import YAMLNodes

/// A small seeded generator, so a failing mutation can be replayed.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Nothing crashes on damaged input")
struct RobustnessTests {
    /// Every fixture file's bytes, valid and bad.
    private func fixtureFiles() throws -> [(String, [UInt8])] {
        let root = try Fixtures.root()
        let paths = try #require(FileManager.default.subpaths(atPath: root)).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        return try paths.map { ($0, Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + $0)))) }
    }

    @Test("truncated files decode to errors, never a crash, and an error always comes with no state")
    func truncated() throws {
        for (name, bytes) in try fixtureFiles() {
            for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 40)) {
                let parsed = YAMLReader.parse(Array(bytes[..<cut]), file: name)
                let result = ManifestLoader().resolve(documents: parsed.documents)
                #expect(result.hasErrors == (result.state == nil))
            }
        }
    }

    @Test("shuffled and flipped bytes decode to errors, never a crash")
    func shuffled() throws {
        var random = SplitMix64(state: 42)
        for (name, bytes) in try fixtureFiles() {
            for _ in 0..<30 {
                var mutated = bytes
                for _ in 0..<Int.random(in: 1...8, using: &random) {
                    let i = Int.random(in: 0..<mutated.count, using: &random)
                    let j = Int.random(in: 0..<mutated.count, using: &random)
                    if Bool.random(using: &random) { mutated.swapAt(i, j) } else { mutated[i] = UInt8.random(in: 0x20...0x7e, using: &random) }
                }
                let parsed = YAMLReader.parse(mutated, file: name)
                let result = ManifestLoader().resolve(documents: parsed.documents)
                #expect(result.hasErrors == (result.state == nil))
            }
        }
    }
}

@Suite("Input-controlled depth never becomes recursion depth")
struct DepthTests {
    @Test("a mirror chain of 30,000 environments is cut at 16 hops with one error, in linear time and memory")
    func longMirrorChain() throws {
        let length = 30_000, perFile = 6_000
        var files: [String: String] = [:]
        for file in 0..<(length / perFile) {
            let docs = ((file * perFile)..<((file + 1) * perFile)).map { n in
                // Every environment holds a policy: each mirror copies all of those further down.
                let mirror = n == length - 1 ? "" : ", mirror: env-\(n + 1)"
                return "apiVersion: govctl/v1\nkind: Environment\nmetadata: {slug: env-\(n)}\nspec: {name: E\(mirror), policies: [{name: p\(n), type: deny, actionPattern: \"db.*\"}]}\n"
            }
            files["f\(file).yaml"] = docs.joined(separator: "---\n")
        }
        let result = try loadGenerated(files)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == ["mirror-chain-too-long"])
        #expect(errors.first?.message.contains("environment 'env-29982' mirrors through more than 16 environments") == true)
    }

    @Test("16 mirrors in a chain resolve; the 17th is refused")
    func chainBound() throws {
        func chain(_ count: Int) throws -> ManifestLoadResult {
            let docs = (0..<count).map { n in
                let mirror = n == count - 1 ? "" : ", mirror: env-\(n + 1)"
                return "apiVersion: govctl/v1\nkind: Environment\nmetadata: {slug: env-\(n)}\nspec: {name: E\(mirror), policies: [{name: p\(n), type: deny, actionPattern: \"db.*\"}]}\n"
            }
            return try loadGenerated(["chain.yaml": docs.joined(separator: "---\n")])
        }
        let sixteen = try chain(17)
        #expect(!sixteen.hasErrors)
        #expect(sixteen.state?.environments.first { $0.slug == "env-0" }?.policies.count == 17)
        #expect(try chain(18).diagnostics.filter { $0.severity == .error }.map(\.code) == ["mirror-chain-too-long"])
    }

    @Test("one big policy set listed by many environments stops at 500,000 policies with one error")
    func amplification() throws {
        let set = "apiVersion: govctl/v1\nkind: PolicySet\nmetadata: {name: big}\nspec:\n  policies:\n"
            + (0..<1_000).map { "    - {name: p\($0), type: deny, actionPattern: \"db.*\"}\n" }.joined()
        let environments = (0..<600).map { "apiVersion: govctl/v1\nkind: Environment\nmetadata: {slug: team-\($0)}\nspec: {name: \"Team \($0)\", policySets: [big]}\n" }
        let result = try loadGenerated(["set.yaml": set, "envs.yaml": environments.joined(separator: "---\n")])
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.code) == ["too-many-policies"])
        #expect(result.state == nil)
    }

    @Test("a cycle of 9,000 mirrors names ten of them, not all")
    func longCycle() throws {
        let docs = (0..<9_000).map { "apiVersion: govctl/v1\nkind: Environment\nmetadata: {slug: env-\($0)}\nspec: {name: E, mirror: env-\(($0 + 1) % 9_000)}\n" }
        let result = try loadGenerated(["cycle.yaml": docs.joined(separator: "---\n")])
        let cycle = try #require(result.diagnostics.first { $0.code == "mirror-cycle" })
        #expect(cycle.message.contains("… 8990 more"))
        #expect(cycle.message.utf8.count < 2_000)
    }
}

@Suite("Hints cost a bounded amount of work")
struct HintBudgetTests {
    @Test("2,000 misspelt environment references among 2,000 environments: the first get a hint, the rest none, all are errors")
    func misspeltReferences() throws {
        let count = 2_000
        let environments = (0..<count).map { "apiVersion: govctl/v1\nkind: Environment\nmetadata: {slug: team-\($0)}\nspec: {name: \"Team \($0)\"}\n" }
        let agents = (0..<count).map { "apiVersion: govctl/v1\nkind: Agent\nmetadata: {name: bot, environment: tean-\($0)}\nspec: {}\n" }
        let result = try loadGenerated(["envs.yaml": environments.joined(separator: "---\n"),
                                        "agents.yaml": agents.joined(separator: "---\n")])
        let unknown = result.diagnostics.filter { $0.code == "unknown-reference" }
        #expect(unknown.count == count)
        let hinted = unknown.filter { $0.message.contains("did you mean 'team-") }
        #expect(!hinted.isEmpty)
        #expect(hinted.count < count)
    }
}

/// Loads manifest files made by a test (name to text) from a directory that exists only meanwhile.
func loadGenerated(_ files: [String: String]) throws -> ManifestLoadResult {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("generated-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    for (name, text) in files {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return ManifestLoader().load(paths: [directory.path])
}

import Foundation
import Testing

/// Damaged manifests never crash govctl: every run ends with exit 0 or 1 and a message.
@Suite("govctl on damaged input")
struct RobustnessTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("truncated, byte-flipped and shuffled copies of the examples fail cleanly")
    func damagedExamples() async throws {
        let dir = try GovctlRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = GovctlRunner.repoRoot.appendingPathComponent("examples/three-tier")
        let files = (FileManager.default.enumerator(atPath: source.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(!files.isEmpty)
        var rng = SplitMix(state: 42)
        for round in 0..<24 {
            let target = dir.appendingPathComponent("round-\(round)")
            try FileManager.default.copyItem(at: source, to: target)
            for file in files {
                let url = target.appendingPathComponent(file)
                var bytes = [UInt8](try Data(contentsOf: url))
                guard !bytes.isEmpty else { continue }
                switch round % 3 {
                case 0: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &rng)))
                case 1:
                    for _ in 0..<8 { bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
                default:
                    let a = Int.random(in: 0..<bytes.count, using: &rng), b = Int.random(in: 0..<bytes.count, using: &rng)
                    bytes[min(a, b)...max(a, b)].shuffle(using: &rng)
                }
                try Data(bytes).write(to: url)
            }
            let run = try await GovctlRunner.run(["validate", target.path])
            #expect(!run.crashed, "round \(round) crashed: \(run.stderr)")
            #expect(run.status == 0 || run.status == 1, "round \(round) exit \(run.status): \(run.stderr)")
            if run.status == 1 {
                #expect(run.stderr.contains(": error: "), "round \(round) failed without a located error: \(run.stderr)")
            }
        }
    }

    @Test("a file of 500 documents, each within the alias budget on its own, stops at the second with alias-limit")
    func aliasBombAcrossDocuments() async throws {
        let dir = try GovctlRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Each policy's constraints expand to 9^5 leaves; 500 of them once took a gigabyte to validate.
        let documents = (0..<500).map { index in
            var text = """
                apiVersion: govctl/v1
                kind: Environment
                metadata: {slug: env-\(index)}
                spec:
                  name: Env \(index)
                  policies:
                    - name: p\(index)
                      type: deny
                      actionPattern: "db.*"
                      constraints:
                        x0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9]

                """
            for level in 1...4 {
                text += "        x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
            }
            return text
        }
        try documents.joined(separator: "---\n").write(to: dir.appendingPathComponent("bomb.yaml"), atomically: true, encoding: .utf8)
        let run = try await GovctlRunner.run(["validate", "bomb.yaml"], in: dir)
        #expect(run.status == 1)
        // The second document starts on line 17; its x4 is line 31, where the third *a3 crosses 100,000 nodes.
        let errors = run.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("bomb.yaml:31:28: error: aliases expand to more than 100000 nodes in this file") == true,
                "\(run.stderr)")
    }
}

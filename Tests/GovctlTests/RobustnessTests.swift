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
    func damagedExamples() throws {
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
            let run = try GovctlRunner.run(["validate", target.path])
            #expect(!run.crashed, "round \(round) crashed: \(run.stderr)")
            #expect(run.status == 0 || run.status == 1, "round \(round) exit \(run.status): \(run.stderr)")
            if run.status == 1 {
                #expect(run.stderr.contains(": error: "), "round \(round) failed without a located error: \(run.stderr)")
            }
        }
    }
}

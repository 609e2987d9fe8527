import Testing
import YAMLNodes

/// Broken input only ever gives results or errors: truncated at every byte, bytes flipped, lines shuffled.
@Suite struct RobustnessTests {
    static let sample = Array("""
        # govctl manifests
        apiVersion: govctl/v1
        kind: PolicySet
        metadata: {name: full-governance}
        spec:
          policies:
            - &deny {name: deny-destructive-db, type: deny, actionPattern: "regex:^db\\\\.(drop|truncate)", priority: 900}
            - name: hold-bulk-export
              type: hold
              actionPattern: '*_export_*'
              priority: 0x320
              constraints: {maxRows: 10_000, ratio: 1.5e3, on: no}
            - *deny
        ---
        apiVersion: govctl/v1
        kind: Environment
        metadata:
          slug: staging
        spec:
          name: Staging – ünïcode
          description: |
            Mirrors production.
            Alerts only.
          summary: >
            folded
            text
          enforcementMode: alert
          mirror: production
          tags: [a, "b", 'c', !!str 12, ~, null, true]
        ...
        --- plain root
        """.utf8)

    @Test func sampleIsValid() {
        let result = YAMLReader.parse(Self.sample, file: "sample.yaml")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.documents.count == 3)
    }

    @Test func truncationAtEveryByteNeverCrashes() {
        var failures = 0
        for end in 0...Self.sample.count {
            let prefix = Array(Self.sample[..<end])
            let result = YAMLReader.parse(prefix, file: "cut.yaml")
            if !result.errors.isEmpty { failures += 1 }
            for error in result.errors { #expect(error.location.line >= 1 && error.location.column >= 1) }
            _ = try? YAMLEventReader(bytes: prefix).readAll()
        }
        // Cutting inside a quoted scalar or a flow collection must be an error somewhere.
        #expect(failures > 0)
    }

    @Test func flippedBytesNeverCrash() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<3_000 {
            var bytes = Self.sample
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = Bool.random(using: &generator)
                    ? UInt8.random(in: 0...255, using: &generator)
                    : Array("[]{}:-?,&*!|>'\"#%@ \n\t".utf8).randomElement(using: &generator) ?? 0
            }
            let result = YAMLReader.parse(bytes, file: "flip.yaml")
            for error in result.errors { #expect(!error.code.isEmpty && error.location.line >= 1) }
            _ = try? YAMLEventReader(bytes: bytes).readAll()
        }
    }

    @Test func shuffledLinesNeverCrash() {
        var generator = SeededGenerator(seed: 7)
        let lines = Self.sample.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for _ in 0..<1_000 {
            let shuffled = lines.shuffled(using: &generator)
            let bytes = Array(shuffled.joined(separator: [UInt8(ascii: "\n")]))
            _ = YAMLReader.parse(bytes, file: "shuffle.yaml")
            var chunked = bytes
            chunked.shuffle(using: &generator)
            _ = YAMLReader.parse(Array(chunked.prefix(200)), file: "noise.yaml")
        }
    }
}

/// Input sizes that once cost more than linear time stay linear (timed in scripts/bench-hostile.sh, not here).
@Suite struct LinearityTests {
    @Test func manyMergeKeysInOneMappingAreEachRefusedAndTheRestKept() {
        let text = "a:\n" + String(repeating: "  <<: {}\n", count: 50_000) + "  b: 1\n"
        let result = YAMLReader.parse(Array(text.utf8), file: "merge.yaml")
        #expect(result.errors.first?.code == "merge-key")
        let mapping = result.documents.first?.root["a"]
        #expect(mapping?["b"]?.scalarValue == .int(1))
        #expect(mapping?["<<"] == nil)
    }
}

import Foundation
import Testing

extension PipelineSuites {
@Suite("The README's snippets")
struct ReadmeSnippetTests {
    /// Every ```sh block of README.md, in order.
    static func snippets() async throws -> [String] {
        let text = try String(contentsOf: GovctlRunner.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var blocks: [String] = [], current: [String]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```sh" { current = [] } else if current != nil, line == "```" {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else { current?.append(String(line)) }
        }
        return blocks
    }

    @Test("every shell snippet runs as written, in order, in one shell in a scratch directory")
    func snippetsRun() async throws {
        let blocks = try await Self.snippets()
        #expect(blocks.count >= 4)
        let scratch = try GovctlRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.copyItem(at: GovctlRunner.repoRoot.appendingPathComponent("examples"), to: scratch.appendingPathComponent("examples"))
        // Three stand-ins, each for what the test cannot do as written: `swift run govctl` is the binary this
        // test suite built (on the PATH as `govctl`); `swift test` is this very run, so it is not started again;
        // port 8080 may be taken on this machine, so a free one stands for it.
        let port = try await Self.freePort()
        var script = "set -euo pipefail\n"
        for (index, block) in blocks.enumerated() {
            script += "echo '--- snippet \(index + 1)'\n"
            for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.trimmingCharacters(in: .whitespaces).hasPrefix("swift test") { continue }
                script += line.replacingOccurrences(of: "swift run govctl", with: "govctl")
                    .replacingOccurrences(of: "127.0.0.1:8080", with: "127.0.0.1:\(port)") + "\n"
            }
        }
        let bin = try GovctlRunner.binary().deletingLastPathComponent().path
        let run = try await Shell.bash(["-c", script], in: scratch,
                                 environment: ["PATH": "\(bin):/usr/local/bin:/usr/bin:/bin", "GOVCTL_ENDPOINT": "", "GOVCTL_STATE": ""])
        #expect(run.status == 0, "\(run.stdout.suffix(3000))\n\(run.stderr.suffix(3000))")
        #expect(run.stdout.contains("--- snippet \(blocks.count)"))
        #expect(run.stdout.contains("Apply complete: "))
        #expect(run.stdout.contains("No changes."))
        #expect(run.stdout.contains("\"secret\":\"mk_"), "the key issued through the API")
    }

    static func freePort() async throws -> Int {
        let run = try await Shell.python(["-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
        guard let port = Int(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw Shell.Failure("no free port") }
        return port
    }
}
}

import Foundation
import Testing

@Suite("Ctrl-C or a CI cancel during an apply", .serialized)
struct InterruptStoryTests {
    /// A manifest with one environment and `count` agents: one write each, so the apply takes a while.
    static func manyAgents(_ count: Int, in directory: URL) throws -> String {
        var text = "apiVersion: govctl/v1\nkind: Environment\nmetadata: {slug: fleet}\nspec: {name: Fleet}\n"
        for i in 0..<count {
            text += "---\napiVersion: govctl/v1\nkind: Agent\nmetadata: {name: agent-\(i), environment: fleet}\nspec: {description: Agent \(i)}\n"
        }
        let dir = directory.appendingPathComponent("fleet")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: dir.appendingPathComponent("fleet.yaml"))
        return dir.path
    }

    @Test("SIGINT and SIGTERM stop starting changes, let running ones finish, report each with the summary last, exit 128+N; a re-plan shows the rest",
          arguments: [(SIGINT, "Interrupted:"), (SIGTERM, "Terminated (SIGTERM):")])
    func interruptMidApply(signal number: Int32, notice: String) throws {
        let story = try Story()
        defer { story.remove() }
        let manifests = try Self.manyAgents(3000, in: story.directory)
        let process = Process()
        process.executableURL = try GovctlRunner.binary()
        process.arguments = ["apply", manifests, "--auto-approve", "--parallelism", "1", "--state", story.state, "--progress-interval", "0"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // The plan is printed (and flushed) before the first write: signal a moment after it, mid-apply.
        var printed = Data()
        while !String(decoding: printed, as: UTF8.self).contains("Plan: ") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed.append(chunk)
        }
        // Not a terminal: progress comes as lines a CI log keeps; the first one says the apply is under way.
        var progress = Data()
        while !String(decoding: progress, as: UTF8.self).contains(" changes done (") {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            progress.append(chunk)
        }
        kill(process.processIdentifier, number)
        let stdout = String(decoding: printed + out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: progress + err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 128 + number, "\(stderr)")
        #expect(stderr.contains("\(notice) letting the changes in flight finish, starting no more."))
        #expect(stderr.contains("Applying: ") && stderr.contains(" changes done ("), "\(stderr.prefix(500))")
        let lines = stdout.split(separator: "\n")
        #expect(lines.last?.hasPrefix("Apply interrupted: ") == true, "the summary comes last")
        #expect(lines.filter { $0.hasPrefix("  applied") }.count <= 20, "applied changes are condensed")
        #expect(stdout.contains("not started  create agent/fleet/"))
        let notStarted = lines.filter { $0.hasPrefix("  not started") }.count
        let left = try story.run(["plan", manifests, "--format", "json"])
        #expect(try changeAddresses(left.stdout).count == notStarted)
    }
}

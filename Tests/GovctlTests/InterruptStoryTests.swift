import Foundation
import Testing

@Suite("Ctrl-C during an apply")
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

    @Test("SIGINT stops starting changes, lets running ones finish, reports each, exits 130; a re-plan shows the rest")
    func interruptMidApply() throws {
        let story = try Story()
        defer { story.remove() }
        let manifests = try Self.manyAgents(3000, in: story.directory)
        let process = Process()
        process.executableURL = try GovctlRunner.binary()
        process.arguments = ["apply", manifests, "--auto-approve", "--parallelism", "1", "--state", story.state]
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
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGINT)
        let stdout = String(decoding: printed + out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stdout.contains("Apply interrupted: "))
        #expect(stdout.contains("not started  create agent/fleet/"))
        let notStarted = stdout.components(separatedBy: "\n").filter { $0.hasPrefix("  not started") }.count
        let left = try story.run(["plan", manifests, "--format", "json"])
        #expect(try changeAddresses(left.stdout).count == notStarted)
    }
}

import Foundation
import Testing

/// Runs govctl on a pseudo-terminal through util-linux `script`, typing `input`, so prompts and the progress line
/// are exercised as a person sees them.
enum TerminalRunner {
    static let script = "/usr/bin/script"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: script) }

    static func run(_ args: [String], typing input: String,
                    environment: [String: String] = ["NO_COLOR": "1"]) throws -> (status: Int32, output: String) {
        let command = try ([GovctlRunner.binary().path] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["-qec", command, "/dev/null"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Suite("apply on a terminal", .enabled(if: TerminalRunner.available))
struct TerminalStoryTests {
    @Test("'yes' and each production environment's slug typed: applied, with a progress line")
    func typedConfirmation() throws {
        let story = try Story()
        defer { story.remove() }
        let run = try TerminalRunner.run(["apply", Story.fixture("base"), "--state", story.state],
                                         typing: "yes\neu-production\nproduction\n")
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("Apply these changes? Only 'yes' is accepted:"))
        #expect(run.output.contains("Applying: 20/20 changes done"))
        #expect(run.output.contains("Apply complete: 19 added, 1 changed, 0 destroyed."))
    }

    @Test("a wrong slug is not a confirmation; anything but 'yes' cancels; nothing is changed")
    func refusedAnswers() throws {
        let story = try Story()
        defer { story.remove() }
        let wrongSlug = try TerminalRunner.run(["apply", Story.fixture("base"), "--state", story.state], typing: "yes\nprod\nproduction\n")
        #expect(wrongSlug.status == 1)
        #expect(wrongSlug.output.contains("[confirmation-required]"))
        let no = try TerminalRunner.run(["apply", Story.fixture("base"), "--state", story.state], typing: "y\n")
        #expect(no.status == 1)
        #expect(no.output.contains("[apply-cancelled]"))
        #expect(try story.run(["plan", Story.fixture("base"), "--detailed-exitcode"]).status == 2)
    }

    @Test("colour on a terminal; NO_COLOR set to anything but empty, or --no-color, turns it off")
    func colourFollowsNoColor() throws {
        let story = try Story()
        defer { story.remove() }
        let plan = ["plan", Story.fixture("base"), "--state", story.state]
        let escape = "\u{1B}["
        #expect(try TerminalRunner.run(plan, typing: "", environment: ["NO_COLOR": ""]).output.contains(escape), "an empty NO_COLOR is unset")
        #expect(!(try TerminalRunner.run(plan, typing: "", environment: ["NO_COLOR": "1"]).output.contains(escape)))
        #expect(!(try TerminalRunner.run(plan + ["--no-color"], typing: "", environment: ["NO_COLOR": ""]).output.contains(escape)))
    }

    @Test("TERM=dumb turns colour off on a terminal; --color never too; --color always outranks NO_COLOR")
    func colourFollowsTermAndColorOption() throws {
        let story = try Story()
        defer { story.remove() }
        let plan = ["plan", Story.fixture("base"), "--state", story.state]
        let escape = "\u{1B}["
        let colourful = ["NO_COLOR": "", "TERM": "xterm-256color"]
        #expect(try TerminalRunner.run(plan, typing: "", environment: colourful).output.contains(escape))
        #expect(!(try TerminalRunner.run(plan, typing: "", environment: ["NO_COLOR": "", "TERM": "dumb"]).output.contains(escape)))
        #expect(!(try TerminalRunner.run(plan + ["--color", "never"], typing: "", environment: colourful).output.contains(escape)))
        #expect(try TerminalRunner.run(plan + ["--color", "always"], typing: "", environment: ["NO_COLOR": "1", "TERM": "dumb"]).output.contains(escape))
    }
}

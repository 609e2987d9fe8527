import Foundation
import Testing

@Suite("Help texts read as written, at the width of a terminal")
struct HelpTextTests {
    @Test("ArgumentParser shows each default once: no option's own help repeats it, and a number of seconds shows as 60, not 60.0")
    func defaultsShownOnce() async throws {
        let catalog = try CommandCatalog.load()
        for command in catalog.commands {
            for argument in command.arguments where argument.defaultValue != nil {
                #expect(!argument.abstract.contains("default"), "govctl \(command.path) \(argument.names): \(argument.abstract)")
                #expect(argument.defaultValue?.hasSuffix(".0") == false, "govctl \(command.path) \(argument.names): \(argument.defaultValue ?? "")")
            }
        }
        let apply = try await GovctlRunner.run(["apply", "--help"], environment: ["COLUMNS": "300"])
        #expect(apply.stdout.contains("one attempt gets at most half. (default: 60)"), "\(apply.stdout)")
        #expect(apply.stdout.contains("(0: every tenth). (default: 5)"))
        #expect(!apply.stdout.contains("60.0") && !apply.stdout.contains("5.0)"))
    }

    @Test("at 80 columns every example of every command's help is one whole command on its own line")
    func examplesStayWhole() async throws {
        let catalog = try CommandCatalog.load()
        let documented = catalog.commands.filter { !$0.exampleLines.isEmpty }
        #expect(documented.count >= 10, "the commands with examples: \(documented.map(\.path))")
        for command in documented {
            // ArgumentParser rewraps the whole overview, examples too, at the width COLUMNS gives.
            let help = try await GovctlRunner.run(command.path + ["--help"], environment: ["COLUMNS": "80"])
            let lines = Set(help.stdout.split(separator: "\n").map(String.init))
            for example in command.exampleLines {
                #expect(lines.contains(example), "govctl \(command.path.joined(separator: " ")) --help wraps '\(example)':\n\(help.stdout)")
            }
        }
    }
}

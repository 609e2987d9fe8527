import Foundation
import Testing

/// govctl's commands as the binary itself describes them (`--experimental-dump-help`): each command's path, options
/// and discussion, so tests check help texts and quoted commands against what really parses.
struct CommandCatalog {
    /// One command or subcommand.
    struct Command {
        /// The words after `govctl`, empty for the root command.
        var path: [String]
        var discussion: String
        var arguments: [Argument]

        /// The argument one of whose names is `name` (`-e`, `--env`).
        func argument(named name: String) -> Argument? {
            arguments.first { $0.names.contains(name) }
        }

        /// The `govctl …` lines of the discussion's Examples section, as written there (indent included).
        var exampleLines: [String] {
            let lines = discussion.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let start = lines.firstIndex(where: { $0.hasPrefix("Example") }) else { return [] }
            return lines[(start + 1)...].prefix { $0.hasPrefix(" ") }
                .filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("govctl ") }
        }
    }

    /// An option, flag or positional argument.
    struct Argument {
        var kind: String
        /// Spelt as typed: `-e`, `--env`.
        var names: [String]
        var abstract: String
        var defaultValue: String?
        var takesValue: Bool { kind == "option" }
    }

    let commands: [Command]

    /// The command at `path`, if govctl has it.
    func command(_ path: [String]) -> Command? {
        commands.first { $0.path == path }
    }

    /// Reads the catalog from the built binary.
    static func load() throws -> CommandCatalog {
        let dump = try GovctlRunner.run(["--experimental-dump-help"])
        try #require(dump.status == 0, "\(dump.stderr)")
        let tool = try JSONDecoder().decode(ToolInfo.self, from: Data(dump.stdout.utf8))
        var commands: [Command] = []
        func walk(_ info: CommandInfo, _ path: [String]) {
            let arguments = (info.arguments ?? []).map { argument in
                Argument(kind: argument.kind,
                         names: (argument.names ?? []).map { $0.kind == "long" ? "--" + $0.name : "-" + $0.name },
                         abstract: argument.abstract ?? "", defaultValue: argument.defaultValue)
            }
            commands.append(Command(path: path, discussion: info.discussion ?? "", arguments: arguments))
            for sub in info.subcommands ?? [] { walk(sub, path + [sub.commandName]) }
        }
        walk(tool.command, [])
        return CommandCatalog(commands: commands)
    }

    /// Why `line` (`govctl plan dir --env staging > plan.md`) would not parse, or nil when its subcommand and every
    /// flag exist and each option has its value. The command ends at a shell operator or a comment.
    func problem(with line: String) -> String? {
        var words = line.split(separator: " ").map(String.init)
        if let end = words.firstIndex(where: { [">", ">>", "|", "||", "&&", ";", "#", "2>"].contains($0) }) { words = Array(words[..<end]) }
        guard words.first == "govctl" else { return "does not start with govctl" }
        words.removeFirst()
        var path: [String] = []
        while let word = words.first, command(path + [word]) != nil {
            path.append(word)
            words.removeFirst()
        }
        guard let command = command(path) else { return "no such command" }
        if path.isEmpty, let word = words.first, !word.hasPrefix("-") { return "no subcommand '\(word)'" }
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("-"), word != "-" else { continue }
            let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            guard let argument = command.argument(named: name) else { return "govctl \(path.joined(separator: " ")) has no \(name)" }
            if argument.takesValue && !word.contains("=") {
                guard index < words.count, !words[index].hasPrefix("-") else { return "\(name) needs a value" }
                index += 1
            }
        }
        return nil
    }

    // The parts of ArgumentParser's ToolInfoV0 these tests read.
    private struct ToolInfo: Decodable { var command: CommandInfo }
    private struct CommandInfo: Decodable {
        var commandName: String
        var discussion: String?
        var subcommands: [CommandInfo]?
        var arguments: [ArgumentInfo]?
    }
    private struct ArgumentInfo: Decodable {
        var kind: String
        var names: [NameInfo]?
        var abstract: String?
        var defaultValue: String?
    }
    private struct NameInfo: Decodable {
        var kind: String
        var name: String
    }
}

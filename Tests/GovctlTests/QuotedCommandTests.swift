import Foundation
import Testing

@Suite("Every govctl command the examples and the help quote is one govctl parses")
struct QuotedCommandTests {
    /// A `govctl …` command quoted in a comment, with the file and line it starts on.
    struct Quote: CustomStringConvertible {
        var place: String
        var command: String
        var description: String { "\(place): \(command)" }
    }

    /// The commands quoted in the comments of examples/**/*.yaml: in backticks (which may run over two comment
    /// lines), or as a comment line of their own, such as `# Try it:   govctl validate examples/three-tier`.
    static func quotedInExamples() throws -> [Quote] {
        let root = GovctlRunner.repoRoot.appendingPathComponent("examples")
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".yaml") }.sorted() ?? []
        let ownLine = try Regex(#"^\s*(?:[A-Z][A-Za-z ]*:\s+)?(govctl\s.*)$"#)
        let quoted = try Regex(#"`(govctl\s[^`]*)`"#)
        var quotes: [Quote] = []
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            // Comment lines of a run are joined, so a backtick span broken over two lines is one command.
            var run: [(line: Int, text: String)] = []
            func flush() {
                let joined = run.map(\.text).joined(separator: " ")
                for match in joined.matches(of: quoted) {
                    quotes.append(Quote(place: "examples/\(file):\(run[0].line)", command: String(match.output[1].substring ?? "")))
                }
                run = []
            }
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.drop { $0 == " " }
                guard trimmed.hasPrefix("#") else { flush(); continue }
                let comment = String(trimmed.dropFirst())
                if let match = comment.wholeMatch(of: ownLine), let command = match.output[1].substring {
                    quotes.append(Quote(place: "examples/\(file):\(index + 1)", command: String(command)))
                }
                run.append((index + 1, comment))
            }
            flush()
        }
        return quotes
    }

    @Test("the commands in examples/**/*.yaml comments name real subcommands and flags, each with its value")
    func examplesCommentsParse() async throws {
        let catalog = try CommandCatalog.load()
        let quotes = try Self.quotedInExamples()
        #expect(quotes.contains { $0.command.hasPrefix("govctl plan examples/three-tier") }, "\(quotes)")
        #expect(quotes.count >= 5, "\(quotes)")
        for quote in quotes {
            #expect(catalog.problem(with: quote.command) == nil, "\(quote): \(catalog.problem(with: quote.command) ?? "")")
        }
    }

    @Test("the examples of every command's help parse too")
    func helpExamplesParse() async throws {
        let catalog = try CommandCatalog.load()
        for command in catalog.commands {
            for example in command.exampleLines {
                let line = example.trimmingCharacters(in: .whitespaces)
                #expect(catalog.problem(with: line) == nil, "\(line): \(catalog.problem(with: line) ?? "")")
            }
        }
    }

    @Test("the checker itself refuses an unknown flag, an unknown subcommand and a missing value")
    func checkerRefuses() async throws {
        let catalog = try CommandCatalog.load()
        #expect(catalog.problem(with: "govctl plan -f examples/three-tier") == "govctl plan has no -f")
        #expect(catalog.problem(with: "govctl deploy examples/three-tier") == "no subcommand 'deploy'")
        #expect(catalog.problem(with: "govctl apply --secrets-file") == "--secrets-file needs a value")
        #expect(catalog.problem(with: "govctl plan dir --env staging --format json > plan.json  # note") == nil)
    }
}

import Foundation
import Testing

@Suite("One spelling for the environment option, and get's kinds in the singular too")
struct EnvironmentOptionTests {
    @Test("every option that names an environment is -e or --env, on every command that has one")
    func oneSpelling() async throws {
        let catalog = try CommandCatalog.load()
        var commands: Set<[String]> = []
        for command in catalog.commands {
            for argument in command.arguments where argument.names.contains(where: { $0 == "-e" || $0.hasPrefix("--env") && $0 != "--endpoint" }) {
                #expect(argument.names.sorted() == ["--env", "-e"], "govctl \(command.path.joined(separator: " ")): \(argument.names)")
                commands.insert(command.path)
            }
        }
        #expect(commands == [["plan"], ["apply"], ["drift"], ["import"], ["get"], ["audit"]])
    }

    @Test("-e and --env choose the same environment: plan, get and audit")
    func shortAndLong() async throws {
        let story = try Story()
        defer { story.remove() }
        let base = Story.fixture("base")
        let short = try await story.run(["plan", base, "-e", "staging", "--format", "json"])
        let long = try await story.run(["plan", base, "--env", "staging", "--format", "json"])
        #expect(short.status == 0, "\(short.stderr)")
        let addresses = try changeAddresses(short.stdout)
        #expect(!addresses.isEmpty && addresses.allSatisfy { $0.contains("staging") }, "\(addresses)")
        #expect(try changeAddresses(long.stdout) == addresses)
        try await story.applied("base")
        for command in [["get", "policies"], ["audit"]] {
            let short = try await story.run(command + ["-e", "production", "--format", "json"])
            let long = try await story.run(command + ["--env", "production", "--format", "json"])
            #expect(short.status == 0 && long.status == 0, "\(command): \(short.stderr)\(long.stderr)")
            #expect(short.stdout == long.stdout && short.stdout.contains("production"))
        }
    }

    @Test("get takes each kind in the singular (and env, key) and lists the same as the plural")
    func singularKinds() async throws {
        let story = try Story()
        defer { story.remove() }
        try await story.applied("base")
        let spellings = [
            "environments": ["environment", "env", "envs"], "policies": ["policy"], "agents": ["agent"],
            "apikeys": ["apikey", "key", "keys"], "credentials": ["credential"],
        ]
        for (plural, others) in spellings {
            let expected = try await story.run(["get", plural, "--format", "json"])
            #expect(expected.status == 0, "\(plural): \(expected.stderr)")
            for other in others {
                let out = try await story.run(["get", other, "--format", "json"])
                #expect(out.status == 0, "\(other): \(out.stderr)")
                #expect(out.stdout == expected.stdout, "get \(other) differs from get \(plural)")
            }
        }
        let unknown = try await story.run(["get", "polices"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("'environments', 'agents', 'policies', 'apikeys' or 'credentials'"), "\(unknown.stderr)")
    }
}

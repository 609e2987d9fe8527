import Foundation
import Testing

@Suite("audit --since reaches back as far as the audit log keeps events")
struct AuditSinceTests {
    @Test("1y is 365 days, a production environment's retention; the other units still work; help says so")
    func yearsAndTheOtherUnits() async throws {
        let story = try Story()
        defer { story.remove() }
        try await story.applied("base")
        let all = try await story.run(["audit", "--format", "json"])
        #expect(all.status == 0, "\(all.stderr)")
        for since in ["1y", "365d", "52w", "24h", "90m", "3600s", "0.5y"] {
            let out = try await story.run(["audit", "--since", since, "--format", "json"])
            #expect(out.status == 0, "--since \(since): \(out.stderr)")
            #expect(out.stdout == all.stdout, "--since \(since) left out events made a moment ago")
        }
        let unknown = try await story.run(["audit", "--since", "1q"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("'1q'"), "\(unknown.stderr)")
        let help = try await GovctlRunner.run(["audit", "--help"], environment: ["COLUMNS": "300"])
        #expect(help.stdout.contains("a number and s, m, h, d, w or y, a year being 365 days (24h, 7d, 1y)"), "\(help.stdout)")
    }
}

import Foundation
import Hummingbird
import Testing

/// Cursor pagination: pages of `limit`, `total` over all pages, `next_cursor` null on the last.
@Suite struct PaginationTests {
    @Test func cursorWalksEveryPolicyOnce() async throws {
        let fixture = try await ServerFixture()
        try await fixture.run { api in
            for index in 0..<7 {
                let created = try await api.call(.post, "/api/v1/policies", json: policyJSON("deny-\(index)", environment: "env_staging"))
                #expect(created.status == .created)
            }
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let path = "/api/v1/policies?environment_id=env_staging&limit=3" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await api.call(.get, path)
                #expect(page.status == .ok)
                #expect(page.meta["total"] as? Int == 7)
                seen += page.list.compactMap { $0["name"] as? String }
                cursor = page.meta["next_cursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(pages == 3)
            #expect(seen == (0..<7).map { "deny-\($0)" })
            let bad = try await api.call(.get, "/api/v1/policies?cursor=!!!")
            #expect(bad.status == .badRequest)
        }
    }
}

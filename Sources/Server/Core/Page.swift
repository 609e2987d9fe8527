import Foundation
import Hummingbird

/// One page of a sorted list: keyset pagination on a sort key, so inserts and deletes never shift later pages.
struct Page<Item: Encodable>: Encodable {
    var items: [Item]
    var total: Int
    var nextCursor: String?
}

/// The `limit` and `cursor` query parameters, checked.
struct PageRequest {
    var limit: Int
    /// The sort key of the last item already seen; nil for the first page.
    var after: String?

    init(_ request: Request) throws {
        let query = request.uri.queryParameters
        if let text = query["limit"] {
            guard let limit = Int(text), (1...Limits.maxPageSize).contains(limit) else {
                throw APIError.invalidRequest("limit must be a whole number from 1 to \(Limits.maxPageSize)")
            }
            self.limit = limit
        } else {
            limit = Limits.defaultPageSize
        }
        if let cursor = query["cursor"], !cursor.isEmpty {
            guard let data = Data(base64Encoded: Self.padded(String(cursor))), let key = String(data: data, encoding: .utf8) else {
                throw APIError.invalidRequest("cursor is not one this server returned; start again without it")
            }
            after = key
        }
    }

    /// Sorts `items` by `key`, keeps those after the cursor, and cuts a page of `limit`.
    func page<T, Out: Encodable>(_ items: [T], key: (T) -> String, map: (T) -> Out) -> Page<Out> {
        let keyed = items.map { (key($0), $0) }.sorted { $0.0 < $1.0 }
        let start = after.map { after in keyed.partitionPoint { $0.0 > after } } ?? 0
        let slice = keyed[start...].prefix(limit)
        let next = start + slice.count < keyed.count ? slice.last.map { Self.encode($0.0) } : nil
        return Page(items: slice.map { map($0.1) }, total: keyed.count, nextCursor: next)
    }

    static func encode(_ key: String) -> String {
        Data(key.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    private static func padded(_ text: String) -> String {
        text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            + String(repeating: "=", count: (4 - text.count % 4) % 4)
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for an array where it holds for a suffix (binary search).
    func partitionPoint(_ predicate: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if predicate(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

import Foundation

/// When and how long the remote backend waits before sending a request again.
///
/// Only failures that say nothing about the request itself are retried: the connection failed or was lost, or the
/// server answered 429, 502, 503 or 504. Every other status is the server's answer and is returned as it is.
public struct RemoteRetryPolicy: Sendable {
    /// The first backoff's upper bound, in seconds; each retry doubles it.
    public var baseDelay: Double
    /// No single backoff is longer than this, in seconds.
    public var maxDelay: Double
    /// All attempts of one call, waits included, end within this many seconds.
    public var deadline: Double
    /// Most attempts of one call, the first included.
    public var maxAttempts: Int
    /// Longest wait for one response, in seconds.
    public var requestTimeout: Double

    /// Creates a policy; the defaults suit a CI job talking to a busy server.
    public init(baseDelay: Double = 0.25, maxDelay: Double = 8, deadline: Double = 60, maxAttempts: Int = 8,
                requestTimeout: Double = 30) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.deadline = deadline
        self.maxAttempts = max(1, maxAttempts)
        self.requestTimeout = requestTimeout
    }

    /// Statuses that mean "try again later" rather than "no".
    public static let retryableStatuses: Set<Int> = [429, 502, 503, 504]

    /// The wait before retry number `retry` (0 for the first): full jitter, a uniform draw from zero to the
    /// capped exponential bound, so many clients retrying at once spread out instead of arriving together.
    public func backoff(retry: Int, draw: (ClosedRange<Double>) -> Double = { Double.random(in: $0) }) -> Double {
        let bound = min(maxDelay, baseDelay * pow(2, Double(min(retry, 30))))
        return draw(0...max(0, bound))
    }

    /// The wait a `Retry-After` value asks for, in seconds: a number of seconds or an HTTP date; nil when unreadable.
    public static func retryAfter(_ value: String, now: Date = Date()) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text) { return seconds >= 0 ? Double(seconds) : nil }
        for format in httpDateFormats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return max(0, date.timeIntervalSince(now)) }
        }
        return nil
    }

    /// IMF-fixdate, then the two obsolete forms RFC 9110 still asks recipients to accept.
    private static let httpDateFormats = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"]
}

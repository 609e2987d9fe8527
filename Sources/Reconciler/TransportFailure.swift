import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// Why a connection to the API failed, in the words a user acts on. NIO describes a refused connection as
/// "connection reset (error set): Connection refused (errno: 111)", inside a list of every address tried; this names
/// the errno instead.
enum TransportFailure: Equatable {
    /// Nothing listens at the address: the server is not running there, or the port is wrong.
    case refused
    /// The server (or something in between) dropped the connection.
    case reset
    /// No answer in time.
    case timedOut
    /// The host name does not resolve.
    case unresolved
    /// The connection closed before an answer came.
    case closed
    /// Anything else, described briefly.
    case other(String)

    /// Classifies a transport error; a connection attempt to several addresses is as good as the best of them.
    init(_ error: any Error) {
        switch error {
        case let error as IOError:
            self = Self.errno(error.errnoCode) ?? .other(Self.brief(error))
        case let error as NIOConnectionError:
            let attempts = error.connectionErrors.map { TransportFailure($0.error) }
            if attempts.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
                self = .unresolved
            } else {
                self = attempts.first { if case .other = $0 { false } else { true } } ?? attempts.first ?? .other(Self.brief(error))
            }
        case let error as HTTPClientError where error == .connectTimeout || error == .readTimeout || error == .deadlineExceeded:
            self = .timedOut
        case let error as HTTPClientError where error == .remoteConnectionClosed:
            self = .closed
        case let error as ChannelError:
            if case .connectTimeout = error { self = .timedOut } else { self = .other(Self.brief(error)) }
        default:
            self = .other(Self.brief(error))
        }
    }

    /// What happened, as the middle of "cannot reach … after 3 attempts: <reason>".
    var reason: String {
        switch self {
        case .refused: "the connection was refused, so nothing is listening at that address"
        case .reset: "the connection was reset by the server or a proxy in between"
        case .timedOut: "the connection timed out"
        case .unresolved: "the host name does not resolve"
        case .closed: "the server closed the connection without answering"
        case .other(let text): text
        }
    }

    /// The way out.
    var advice: String {
        switch self {
        case .refused: "is `govctl serve` (or the API) running there? Check --endpoint (or GOVCTL_ENDPOINT) and its port"
        case .unresolved: "check the host name in --endpoint (or GOVCTL_ENDPOINT)"
        case .reset, .closed: "check that --endpoint (or GOVCTL_ENDPOINT) names the API, with http or https as it serves, and that the server is up"
        case .timedOut, .other: "check --endpoint (or GOVCTL_ENDPOINT), the network, and that the server is up"
        }
    }

    private static func errno(_ code: CInt) -> TransportFailure? {
        switch code {
        case ECONNREFUSED: .refused
        case ECONNRESET, EPIPE, ECONNABORTED: .reset
        case ETIMEDOUT: .timedOut
        default: nil
        }
    }

    /// The error's description, cut to 200 characters without leaving a bracket open (nothing in it holds a header).
    static func brief(_ error: any Error) -> String {
        let text = String(describing: error)
        guard text.count > 200 else { return text }
        var cut = String(text.prefix(200))
        var open: [Character] = []
        for character in cut {
            switch character {
            case "(", "[", "{": open.append(character)
            case ")", "]", "}": if !open.isEmpty { open.removeLast() }
            default: break
            }
        }
        cut += "…"
        let closing: [Character: Character] = ["(": ")", "[": "]", "{": "}"]
        cut += String(open.reversed().compactMap { closing[$0] })
        return cut
    }
}

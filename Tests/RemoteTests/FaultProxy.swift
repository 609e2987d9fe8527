import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback HTTP proxy in front of a real server, with fault hooks: it can answer for the server, or forward a
/// request and then close the connection without answering (a response lost after the server committed).
final class FaultProxy: @unchecked Sendable {
    /// One request as the proxy received it.
    struct Seen: Sendable {
        var method: String
        var uri: String
        var headers: [String: String]
    }

    /// What to do with a request.
    enum Action: Sendable {
        case forward
        case answer(status: Int, headers: [(String, String)], body: String)
        case forwardThenDrop
        /// Closes the connection without forwarding, as a server that is down.
        case drop
        /// Runs `work` (it may forward, stop or restart servers), then does what it returns.
        case run(@Sendable (FaultProxy, HTTPRequestHead, ByteBuffer) async throws -> Action)
    }

    /// Decides each request's fate from the request and how many came before it.
    typealias Decide = @Sendable (Seen, Int) -> Action

    private let lock = NSLock()
    private var seen: [Seen] = []
    private let decide: Decide
    private var target: String
    private var channel: (any Channel)?

    private init(upstream: String, decide: @escaping Decide) {
        self.target = upstream
        self.decide = decide
    }

    /// Where requests are forwarded; a test may point it at a restarted server.
    var upstream: String {
        get { lock.withLock { target } }
        set { lock.withLock { target = newValue } }
    }

    /// Starts a proxy to `upstream` (such as `http://127.0.0.1:8080`) on loopback `port` (0: a free one).
    static func start(upstream: String, port: Int = 0, decide: @escaping Decide) async throws -> FaultProxy {
        let proxy = FaultProxy(upstream: upstream, decide: decide)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(proxy: proxy))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        proxy.channel = channel
        return proxy
    }

    /// The port the proxy listens on.
    var port: Int { channel?.localAddress?.port ?? 0 }

    /// Every request so far, in order.
    var requests: [Seen] { lock.withLock { seen } }

    /// Stops listening.
    func stop() async throws {
        try await channel?.close()
    }

    fileprivate func record(_ request: Seen) -> Action {
        let index = lock.withLock {
            seen.append(request)
            return seen.count - 1
        }
        return decide(request, index)
    }

    func forward(_ head: HTTPRequestHead, _ body: ByteBuffer) async throws -> (HTTPResponseStatus, HTTPHeaders, ByteBuffer) {
        var request = HTTPClientRequest(url: upstream + head.uri)
        request.method = head.method
        for (name, value) in head.headers where name.lowercased() != "host" { request.headers.add(name: name, value: value) }
        if body.readableBytes > 0 { request.body = .bytes(body) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        var headers = response.headers
        headers.remove(name: "connection")
        return (response.status, headers, bytes)
    }

    /// Carries out `action`; nil means "close the connection without an answer".
    fileprivate func perform(_ action: Action, _ head: HTTPRequestHead, _ body: ByteBuffer) async throws
        -> (HTTPResponseStatus, HTTPHeaders, ByteBuffer)? {
        switch action {
        case .answer(let status, let headers, let text):
            var fields = HTTPHeaders(headers)
            fields.add(name: "Content-Type", value: "application/json")
            return (HTTPResponseStatus(statusCode: status), fields, ByteBuffer(string: text))
        case .forward: return try await forward(head, body)
        case .forwardThenDrop:
            _ = try await forward(head, body)
            return nil
        case .drop: return nil
        case .run(let work): return try await perform(try await work(self, head, body), head, body)
        }
    }

    /// Reads one request at a time and answers it as the proxy's hook says.
    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let proxy: FaultProxy
        var head: HTTPRequestHead?
        var body = ByteBuffer()

        init(proxy: FaultProxy) { self.proxy = proxy }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body.clear()
            case .body(var chunk):
                body.writeBuffer(&chunk)
            case .end:
                guard let head else { return }
                let headers = Dictionary(head.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
                let action = proxy.record(Seen(method: "\(head.method)", uri: head.uri, headers: headers))
                respond(context, head, body, action)
            }
        }

        private func respond(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, _ body: ByteBuffer, _ action: Action) {
            let proxy = self.proxy
            let promise = context.eventLoop.makePromise(of: (HTTPResponseStatus, HTTPHeaders, ByteBuffer)?.self)
            promise.completeWithTask { try await proxy.perform(action, head, body) }
            promise.futureResult.assumeIsolated().whenComplete { result in
                guard case .success(let answer?) = result else {
                    context.close(promise: nil)
                    return
                }
                var (status, headers, bytes) = answer
                headers.replaceOrAdd(name: "Content-Length", value: "\(bytes.readableBytes)")
                headers.remove(name: "transfer-encoding")
                context.write(self.wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
                              promise: nil)
                context.write(self.wrapOutboundOut(.body(.byteBuffer(bytes))), promise: nil)
                context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}

/// A loopback port nothing listens on (bound, read, released).
enum FreePort {
    static func unused() throws -> Int {
        let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).wait()
        let port = channel.localAddress?.port ?? 0
        try channel.close().wait()
        return port
    }
}

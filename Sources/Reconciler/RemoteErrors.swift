import ControlPlane
import Foundation

/// Turns the API's error answers and transport failures into the `ControlPlaneError`s the applier understands.
enum RemoteErrors {
    /// The vendor's error envelope, plus govctl's server's `rule` (the control plane's own code) when it sends one.
    struct Envelope: Decodable {
        struct Body: Decodable {
            var code: String?
            var message: String?
            var rule: String?
            var requestId: String?
            enum CodingKeys: String, CodingKey { case code, message, rule, requestId = "request_id" }
        }
        var error: Body
    }

    /// The error for an HTTP answer `status` with `body`, about `resource` (an address, or empty).
    static func from(status: Int, body: Data, resource: String, endpoint: RemoteEndpoint) -> ControlPlaneError {
        let parsed = (try? JSONDecoder().decode(Envelope.self, from: body))?.error
        if status == 405 || status == 501 || (status == 404 && parsed?.message?.contains("no route") == true) {
            return ControlPlaneError(.storeError, resource: resource,
                                     "the API at \(endpoint) does not offer this operation (HTTP \(status)); apply it another way or upgrade the server")
        }
        let code = parsed?.rule.flatMap(ControlPlaneError.Code.init(rawValue:)) ?? statusCode(status)
        var message = parsed?.message ?? "the server answered HTTP \(status) without an error body"
        if status == 401 {
            message += "; the key (from MITRITY_API_KEY or --api-key-file) was refused by \(endpoint): check that it is current and not revoked"
        }
        let detail = [parsed?.code, parsed?.requestId].compactMap { $0 }.joined(separator: ", ")
        message += " (HTTP \(status)\(detail.isEmpty ? "" : ", " + detail))"
        return ControlPlaneError(code, resource: resource, message)
    }

    /// The control-plane code for a status when the body names no rule.
    static func statusCode(_ status: Int) -> ControlPlaneError.Code {
        switch status {
        case 401: .unauthorized
        case 403: .forbidden
        case 404: .notFound
        case 409: .conflict
        case 412: .revisionMismatch
        case 400, 413, 422: .invalidValue
        default: .storeError
        }
    }

    /// The error once a connection failure outlasted the retries: what failed, in words, and the way out; it names
    /// the endpoint, never the key.
    static func unreachable(_ endpoint: RemoteEndpoint, resource: String, attempts: Int, underlying: any Error) -> ControlPlaneError {
        let failure = TransportFailure(underlying)
        return ControlPlaneError(.storeError, resource: resource,
                                 "cannot reach the control plane at \(endpoint) after \(attempts) attempt\(attempts == 1 ? "" : "s"): "
                                     + "\(failure.reason); \(failure.advice)")
    }

    /// The error once the server kept saying "later" (429, 502–504) past the retries.
    static func gaveUp(_ endpoint: RemoteEndpoint, status: Int, body: Data, resource: String, attempts: Int) -> ControlPlaneError {
        let last = from(status: status, body: body, resource: resource, endpoint: endpoint)
        return ControlPlaneError(.storeError, resource: resource,
                                 "\(endpoint) still answered HTTP \(status) after \(attempts) attempts: \(last.message)")
    }
}

import Governance

/// A command's failure: printed as `error: message [code]` on stderr, exit 1.
struct CommandFailure: Error, CustomStringConvertible {
    let code: String
    let message: String

    init(code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { "\(message) [\(code)]" }
}

extension CommandFailure: CodedError {
    var errorCode: String { code }
    var errorMessage: String { message }
}

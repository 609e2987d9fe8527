import ArgumentParser
import ControlPlane
import Foundation
import Reconciler

/// An error with a stable code and a message a user can act on.
protocol UserFacingError: Error {
    var errorCode: String { get }
    var errorMessage: String { get }
}

extension CommandFailure: UserFacingError {
    var errorCode: String { code }
    var errorMessage: String { message }
}

extension ControlPlaneError: UserFacingError {
    var errorCode: String { code.rawValue }
    var errorMessage: String { message }
}

extension ApplyError: UserFacingError {
    var errorCode: String { code }
    var errorMessage: String { message }
}

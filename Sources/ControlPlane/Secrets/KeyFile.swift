import Crypto
import Foundation

/// The store's master key, kept in a file beside the database (mode 0600) when the configuration gives none.
///
/// Two processes opening a new store at once must end up with the same key, so the file is written
/// under a temporary name and linked into place, which fails instead of overwriting if another won.
enum KeyFile {
    static let byteCount = 32

    /// Loads the key at `path`, or makes one when `create` allows it (a new store); an existing store whose key is
    /// gone is an error, since a new key would silently make every credential value unreadable.
    static func loadOrCreate(at path: String, create: Bool = true) throws -> SymmetricKey {
        if let key = try load(path) { return key }
        guard create else {
            throw failure("the key file '\(path)' of this existing store is missing; credential values cannot be decrypted without it: restore it from a backup")
        }
        var bytes = [UInt8](repeating: 0, count: byteCount)
        var rng = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = rng.next() }
        let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw failure("cannot create key file '\(temporary)': \(errnoText())") }
        let hex = bytes.hexString + "\n"
        let written = hex.withCString { write(fd, $0, strlen($0)) }
        close(fd)
        defer { unlink(temporary) }
        guard written == hex.utf8.count else { throw failure("cannot write key file '\(temporary)': \(errnoText())") }
        if link(temporary, path) != 0 && errno != EEXIST {
            throw failure("cannot install key file '\(path)': \(errnoText())")
        }
        // Whoever linked first wins; everyone uses the file's key.
        guard let key = try load(path) else { throw failure("key file '\(path)' vanished while opening the store") }
        return key
    }

    private static func load(_ path: String) throws -> SymmetricKey? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw failure("cannot read the key file '\(path)': \(errnoText()); run as the user who owns the store")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = [UInt8](hex: text), bytes.count == byteCount else {
            throw failure("key file '\(path)' does not hold \(byteCount * 2) hex characters; restore it from a backup")
        }
        return SymmetricKey(data: bytes)
    }

    private static func failure(_ message: String) -> ControlPlaneError {
        ControlPlaneError(.storeError, resource: "", message)
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hex, two characters a byte.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in self {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    /// Parses lowercase or uppercase hex; nil when `hex` is not hex.
    init?(hex: String) {
        let chars = Array(hex.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = Self.nibble(chars[i]), let lo = Self.nibble(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        self = out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file but never more than a limit, so a huge, growing or endless file cannot exhaust memory.
enum BoundedFile {
    /// What reading produced.
    enum Outcome {
        case bytes([UInt8])
        /// The size when it is known from the file's metadata, nil when reading went past the limit.
        case tooLarge(Int?)
        /// The operating system's reason.
        case failed(String)
    }

    static func read(path: String, limit: Int) -> Outcome {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failed(reason(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failed(reason(errno)) }
        let isRegular = (status.st_mode & S_IFMT) == S_IFREG
        if isRegular, Int(status.st_size) > limit { return .tooLarge(Int(status.st_size)) }

        // One byte past the limit tells a file that grew past it from one that is exactly at it.
        let capacity = limit + 1
        var bytes = [UInt8](repeating: 0, count: isRegular ? min(Int(status.st_size) + 1, capacity) : min(65_536, capacity))
        var count = 0
        while true {
            if count == bytes.count {
                if bytes.count >= capacity { break }
                bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, capacity - bytes.count)))
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                Glue.read(descriptor, buffer.baseAddress.map { $0 + count }, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                return .failed(reason(errno))
            }
            if got == 0 { break }
            count += got
        }
        if count > limit { return .tooLarge(nil) }
        bytes.removeSubrange(count...)
        return .bytes(bytes)
    }

    private static func reason(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

/// The C `read`, named apart from `BoundedFile.read`.
private enum Glue {
    static func read(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Darwin)
        return Darwin.read(descriptor, buffer, count)
        #elseif canImport(Musl)
        return Musl.read(descriptor, buffer, count)
        #else
        return Glibc.read(descriptor, buffer, count)
        #endif
    }
}

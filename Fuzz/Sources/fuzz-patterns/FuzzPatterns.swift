import Governance

/// libFuzzer entry: one input is one action pattern, as a manifest, an API body or an imported state gives it.
///
/// Any crash, trap or stall is a finding; a pattern is either accepted and prints back as written, or refused
/// as `invalid-pattern` with a short message.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPatterns(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let pattern = try ActionPattern(parsing: text)
        precondition(pattern.description == text, "an accepted pattern does not print as written")
        precondition(text.utf8.count <= PatternBounds.maxLength, "a pattern over the length bound was accepted")
    } catch {
        precondition(error.code == "invalid-pattern", "unexpected code \(error.code)")
        precondition(error.message.utf8.count < 2_048, "a diagnostic that repeats the whole pattern")
    }
    return 0
}

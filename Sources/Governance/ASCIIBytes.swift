/// The ASCII character classes the rules test bytes against; one definition for every rule.
extension UInt8 {
    var isASCIILower: Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) }
    var isASCIIUpper: Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self) }
    var isASCIIDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
    var isASCIILetter: Bool { isASCIILower || isASCIIUpper }
    /// A letter or a digit of ASCII; public, as renderers tell plain words by it too.
    public var isASCIIAlphanumeric: Bool { isASCIILetter || isASCIIDigit }
}

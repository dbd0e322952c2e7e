/// Named byte constants for the parsers. Parsers compare `UInt8` values, never `Character`s.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let period: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let pipe: UInt8 = 0x7C
    static let equals: UInt8 = 0x3D
    static let questionMark: UInt8 = 0x3F
    static let upperA: UInt8 = 0x41
    static let upperT: UInt8 = 0x54
    static let upperZ: UInt8 = 0x5A
    static let leftBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let rightBracket: UInt8 = 0x5D
    static let lowerA: UInt8 = 0x61
    static let lowerT: UInt8 = 0x74
    static let lowerZ: UInt8 = 0x7A
    static let leftBrace: UInt8 = 0x7B
    static let rightBrace: UInt8 = 0x7D

    /// The UTF-8 byte order mark, skipped at the start of an input.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The byte lower-cased if it is an ASCII capital letter, unchanged otherwise.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- upperA < 26 ? byte | 0x20 : byte
    }

    /// JSON's blank space: space, tab, line feed, carriage return.
    @inline(__always)
    static func isJSONSpace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == newline || byte == carriageReturn
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- zero < 10
    }

    /// Appends `value`'s decimal digits, with leading zeros up to `minimumCount`.
    static func appendDecimal(_ value: UInt64, minimumCount: Int = 1, to out: inout [UInt8]) {
        var digits: [20 of UInt8] = .init(repeating: 0)  // UInt64.max has 20
        var count = 0
        var rest = value
        repeat {
            digits[count] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            count += 1
        } while rest > 0
        for _ in count..<max(count, minimumCount) { out.append(UInt8(ascii: "0")) }
        for i in stride(from: count - 1, through: 0, by: -1) { out.append(digits[i]) }
    }
}

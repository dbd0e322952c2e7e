/// The letters the JSON grammar needs beyond `ASCII`'s constants: escapes, literals, hex digits.
enum JSONByte {
    static let lowerA: UInt8 = 0x61
    static let lowerB: UInt8 = 0x62
    static let lowerE: UInt8 = 0x65
    static let lowerF: UInt8 = 0x66
    static let lowerL: UInt8 = 0x6C
    static let lowerN: UInt8 = 0x6E
    static let lowerR: UInt8 = 0x72
    static let lowerS: UInt8 = 0x73
    static let lowerT: UInt8 = 0x74
    static let lowerU: UInt8 = 0x75
    static let upperF: UInt8 = 0x46
}

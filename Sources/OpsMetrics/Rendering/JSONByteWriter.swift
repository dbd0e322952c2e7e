/// Pretty-printed JSON written straight into one byte buffer, in the exact layout of
/// Foundation's `JSONEncoder` with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`.
///
/// The layout it reproduces, byte for byte (tests compare it with `JSONEncoder` on every
/// fixture and on seeded random reports):
/// - two spaces of indent per level; `"key" : value`; members and elements one per line,
///   separated by `,` and a line feed;
/// - an empty array or object is the bracket, two line feeds, the indent and the bracket
///   (`[\n\n  ]`);
/// - a `Double` is its Swift `description` without a trailing `.0` (`3600`, `97.91666666666666`,
///   `1e-06`); an `Int` its decimal digits; `nil` is `null`;
/// - strings escape `"`, `\`, and the control characters (`\b`, `\f`, `\n`, `\r`, `\t`, else
///   `\u00xx` in lower-case hex); `/` and every other scalar are written as their UTF-8 bytes.
///
/// Callers write object members in sorted key order themselves (static keys listed sorted;
/// dynamic keys through ``sortedKeys(_:)``). The point is speed: `JSONEncoder` builds a tree
/// of boxed values and sorts every object's keys at run time, about 50 times slower and
/// 10 times the memory on a report of 200,000 services.
struct JSONByteWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether a NaN or an infinity was written (as its `description`): `JSONEncoder` refuses
    /// such a value, so the bytes are then not its output.
    private(set) var hasNonFiniteNumber = false
    private var depth = 0
    /// Whether the current array or object has no member yet.
    private var isEmpty = false

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// The bytes written and a final line feed, handed over without a copy (the writer is left empty).
    mutating func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "\n"))
        let written = bytes
        bytes = []
        return written
    }

    // MARK: Structure

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts the next member of the current object: separator, indent, the key and ` : `.
    mutating func key(_ key: String) {
        element()
        string(key)
        bytes.append(UInt8(ascii: " "))
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
    }

    /// Starts the next element of the current array: separator and indent.
    mutating func element() {
        if isEmpty {
            isEmpty = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
        bytes.append(UInt8(ascii: "\n"))
        indent()
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        depth += 1
        isEmpty = true
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if isEmpty { bytes.append(UInt8(ascii: "\n")) }  // `[\n\n  ]`
        bytes.append(UInt8(ascii: "\n"))
        indent()
        bytes.append(bracket)
        isEmpty = false
    }

    private mutating func indent() {
        for _ in 0..<(2 * depth) { bytes.append(UInt8(ascii: " ")) }
    }

    // MARK: Values

    mutating func int(_ value: Int) {
        bytes.append(contentsOf: value.description.utf8)  // a small string: no allocation
    }

    mutating func double(_ value: Double) {
        if !value.isFinite { hasNonFiniteNumber = true }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    mutating func double(_ value: Double?) {
        if let value { double(value) } else { null() }
    }

    mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    }

    mutating func null() {
        bytes.append(contentsOf: Self.nullBytes)
    }

    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case 0x08: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "f"))
            case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0x00..<0x20:
                bytes.append(contentsOf: Self.unicodeEscapePrefix)
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `[ "a", "b" ]` in the layout above.
    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values {
            element()
            string(value)
        }
        endArray()
    }

    /// `keys` in the order `JSONEncoder`'s `.sortedKeys` puts them on this platform: Swift's
    /// `String` order (`B` before `a`, `a10` before `a9`; checked against it by the tests).
    static func sortedKeys(_ keys: some Sequence<String>) -> [String] {
        keys.sorted()
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let nullBytes = Array("null".utf8)
    private static let unicodeEscapePrefix = Array("\\u00".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)
}

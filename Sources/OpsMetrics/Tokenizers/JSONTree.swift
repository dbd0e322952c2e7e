/// A parsed JSON value, for the few inputs that need to look inside nested objects (REST API
/// payloads read by `NestedRecordExpander`, and the detection sample).
///
/// The streaming readers never build trees: `JSONObjectScanner` hands out byte ranges. A tree
/// allocates per value, which is fine for API pages of at most thousands of objects and is the
/// price of reading a Jira changelog or a PagerDuty log-entry list.
///
/// Parsing is strict RFC 8259 with two limits that keep any input from trapping or exhausting the
/// stack: nesting depth at most ``maxDepth``, and numbers kept as their text.
enum JSONTree: Sendable {
    case object([Member])
    case array([JSONTree])
    case string(String)
    /// A number, as written.
    case number(String)
    case bool(Bool)
    case null

    struct Member: Sendable {
        var key: String
        var value: JSONTree
    }

    /// The deepest nesting parsed.
    static let maxDepth = 128

    /// Parses one JSON value (surrounding whitespace allowed); `nil` if the bytes are not JSON.
    static func parse(_ bytes: ArraySlice<UInt8>) -> JSONTree? {
        var parser = Parser(bytes: Array(bytes))
        guard let value = parser.value(depth: 0) else { return nil }
        parser.skipWhitespace()
        return parser.index == parser.bytes.count ? value : nil
    }

    /// The members of an object, in order.
    var members: [Member] {
        if case .object(let members) = self { return members }
        return []
    }

    /// The elements of an array.
    var elements: [JSONTree] {
        if case .array(let elements) = self { return elements }
        return []
    }

    /// The value of `key` in an object (the last one, as in most JSON readers), else `nil`.
    subscript(key: String) -> JSONTree? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// The value at a path of object keys.
    func at(_ keys: String...) -> JSONTree? {
        var current: JSONTree? = self
        for key in keys { current = current?[key] }
        return current
    }

    /// A string's text, a number's digits or `true`/`false`; `nil` for null, objects and arrays.
    var text: String? {
        switch self {
        case .string(let text), .number(let text): text
        case .bool(let value): value ? "true" : "false"
        default: nil
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case ASCII.space, ASCII.tab, ASCII.newline, ASCII.carriageReturn: index += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) -> JSONTree? {
            guard depth < JSONTree.maxDepth else { return nil }
            skipWhitespace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case ASCII.leftBrace:
                index += 1
                var members: [Member] = []
                skipWhitespace()
                if index < bytes.count, bytes[index] == ASCII.rightBrace {
                    index += 1
                    return .object(members)
                }
                while true {
                    skipWhitespace()
                    guard let key = string() else { return nil }
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == ASCII.colon else { return nil }
                    index += 1
                    guard let value = value(depth: depth + 1) else { return nil }
                    members.append(Member(key: key, value: value))
                    skipWhitespace()
                    guard index < bytes.count else { return nil }
                    if bytes[index] == ASCII.comma {
                        index += 1
                    } else if bytes[index] == ASCII.rightBrace {
                        index += 1
                        return .object(members)
                    } else {
                        return nil
                    }
                }
            case ASCII.leftBracket:
                index += 1
                var elements: [JSONTree] = []
                skipWhitespace()
                if index < bytes.count, bytes[index] == ASCII.rightBracket {
                    index += 1
                    return .array(elements)
                }
                while true {
                    guard let element = value(depth: depth + 1) else { return nil }
                    elements.append(element)
                    skipWhitespace()
                    guard index < bytes.count else { return nil }
                    if bytes[index] == ASCII.comma {
                        index += 1
                    } else if bytes[index] == ASCII.rightBracket {
                        index += 1
                        return .array(elements)
                    } else {
                        return nil
                    }
                }
            case ASCII.quote:
                return string().map(JSONTree.string)
            case 0x74: return literal("true", .bool(true))
            case 0x66: return literal("false", .bool(false))
            case 0x6E: return literal("null", .null)
            default:
                return number()
            }
        }

        mutating func literal(_ word: String, _ value: JSONTree) -> JSONTree? {
            let expected = Array(word.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<(index + expected.count)]) == expected else { return nil }
            index += expected.count
            return value
        }

        mutating func number() -> JSONTree? {
            let start = index
            if index < bytes.count, bytes[index] == ASCII.minus { index += 1 }
            let digits = index
            while index < bytes.count {
                let byte = bytes[index]
                guard ASCII.isDigit(byte) || byte == ASCII.period || byte == 0x65 || byte == 0x45 || byte == ASCII.plus || byte == ASCII.minus else { break }
                index += 1
            }
            guard index > digits, ASCII.isDigit(bytes[digits]) else { return nil }
            return .number(String(decoding: bytes[start..<index], as: UTF8.self))
        }

        /// A string at `index` (which must be a quote), unescaped.
        mutating func string() -> String? {
            guard index < bytes.count, bytes[index] == ASCII.quote else { return nil }
            index += 1
            var out: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case ASCII.quote:
                    return String(decoding: out, as: UTF8.self)
                case ASCII.backslash:
                    guard index < bytes.count else { return nil }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case ASCII.quote, ASCII.backslash, ASCII.slash: out.append(escape)
                    case 0x62: out.append(0x08)
                    case 0x66: out.append(0x0C)
                    case 0x6E: out.append(ASCII.newline)
                    case 0x72: out.append(ASCII.carriageReturn)
                    case 0x74: out.append(ASCII.tab)
                    case 0x75:
                        guard var scalar = hex4() else { return nil }
                        if scalar >= 0xD800 && scalar < 0xDC00 {
                            guard index + 1 < bytes.count, bytes[index] == ASCII.backslash, bytes[index + 1] == 0x75 else { return nil }
                            index += 2
                            guard let low = hex4(), low >= 0xDC00, low < 0xE000 else { return nil }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if scalar >= 0xDC00 && scalar < 0xE000 {
                            return nil
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { return nil }
                        out.append(contentsOf: Array(String(Character(unicode)).utf8))
                    default:
                        return nil
                    }
                default:
                    guard byte >= 0x20 else { return nil }
                    out.append(byte)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case ASCII.zero...ASCII.nine: digit = UInt32(byte - ASCII.zero)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                default: return nil
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
    }
}

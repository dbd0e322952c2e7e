// Rewriting escaped strings in place, after the object was validated.

extension JSONObjectScanner {
    /// Rewrites the escaped keys and string values of the just-scanned object in place and moves
    /// their end indices.
    func unescapeMembers(_ buffer: inout [UInt8], _ members: inout [Member]) {
        for entry in escapedStrings {
            let index = entry >> 1
            if entry & 1 == 0 {
                members[index].keyEnd = Self.unescapeInPlace(
                    &buffer, from: members[index].keyStart, to: members[index].keyEnd)
            } else {
                members[index].valueEnd = Self.unescapeInPlace(
                    &buffer, from: members[index].valueStart, to: members[index].valueEnd)
            }
        }
    }

    /// Decodes the escapes of the string content `buffer[start..<end]`, writing UTF-8 from `start`.
    ///
    /// The content was validated by `scanString`, so every escape is complete and well formed and
    /// surrogates are paired. The output is never longer than the input (`\uXXXX`, 6 bytes, becomes
    /// at most 3; a 12-byte surrogate pair becomes 4), so writing never overtakes reading.
    ///
    /// - Returns: the new end of the content.
    static func unescapeInPlace(_ buffer: inout [UInt8], from start: Int, to end: Int) -> Int {
        var out = buffer.mutableSpan
        var read = start
        // Bytes before the first escape are already in place.
        while read < end && out[read] != ASCII.backslash { read += 1 }
        var write = read
        while read < end {
            let byte = out[read]
            guard byte == ASCII.backslash, read + 1 < end else {
                out[write] = byte
                write += 1
                read += 1
                continue
            }
            let escaped = out[read + 1]
            read += 2
            switch escaped {
            case JSONByte.lowerB: out[write] = 0x08
            case JSONByte.lowerF: out[write] = 0x0C
            case JSONByte.lowerN: out[write] = ASCII.newline
            case JSONByte.lowerR: out[write] = ASCII.carriageReturn
            case JSONByte.lowerT: out[write] = ASCII.tab
            case JSONByte.lowerU:
                var scalar = hexQuadValue(out, at: read, end: end)
                read += 4
                if scalar & 0xFC00 == 0xD800 && read + 6 <= end {
                    let low = hexQuadValue(out, at: read + 2, end: end)
                    scalar = 0x10000 + ((scalar & 0x3FF) << 10 | (low & 0x3FF))
                    read += 6
                }
                write = encodeUTF8(scalar, into: &out, at: write)
                continue
            default: out[write] = escaped  // `"`, `\` and `/` stand for themselves
            }
            write += 1
        }
        return write
    }

    /// The value of four hex digits already validated by `scanString` (0 for any byte past `end`).
    static func hexQuadValue(_ bytes: borrowing MutableSpan<UInt8>, at start: Int, end: Int) -> UInt32 {
        var unit: UInt32 = 0
        var pos = start
        while pos < start + 4 && pos < end {
            unit = unit << 4 | (hexValue(bytes[pos]) ?? 0)
            pos += 1
        }
        return unit
    }

    /// Writes `scalar` as UTF-8 at `write`, which is at least 6 bytes behind the read position.
    ///
    /// - Returns: the index just past the written bytes.
    static func encodeUTF8(_ scalar: UInt32, into out: inout MutableSpan<UInt8>, at write: Int) -> Int {
        switch scalar {
        case ..<0x80:
            out[write] = UInt8(truncatingIfNeeded: scalar)
            return write + 1
        case ..<0x800:
            out[write] = UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6)
            out[write + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return write + 2
        case ..<0x10000:
            out[write] = UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12)
            out[write + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
            out[write + 2] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return write + 3
        default:
            out[write] = UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18)
            out[write + 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F)
            out[write + 2] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
            out[write + 3] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return write + 4
        }
    }
}

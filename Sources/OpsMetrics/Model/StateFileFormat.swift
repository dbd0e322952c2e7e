/// The byte layer of a state file (`IncidentLog.stateFileBytes()`, the StateFiles DocC page):
/// a header, little-endian fixed-width values, and a checksum over everything before it.
///
/// ```
/// "OPSMSTAT"            8 bytes, the magic
/// version               u32 (StateFileFormat.version)
/// payload length        u64
/// payload               the log's sections, in order
/// checksum              u64, StateFileFormat.checksum of every byte before it
/// ```
enum StateFileFormat {
    static let magic: [UInt8] = Array("OPSMSTAT".utf8)
    /// Raised whenever the payload's layout changes; a file of another version is refused.
    static let version: UInt32 = 2
    /// Magic, version and payload length.
    static let headerSize = 8 + 4 + 8

    /// A 64-bit hash of `bytes[..<end]`, 8 bytes at a time (little-endian words, the last one
    /// zero-padded, then the length mixed in): `h = rotl(h ^ word, 29) × 0x9E3779B97F4A7C15` from
    /// `0x5D1FC6A38F0B4E27`, finished with `h ^ (h >> 32)`. Not cryptographic: it catches a
    /// truncated, corrupted or hand-edited file, not a forged one.
    static func checksum(_ bytes: [UInt8], end: Int) -> UInt64 {
        func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
            let x = h ^ word
            return (x << 29 | x >> 35) &* 0x9E37_79B9_7F4A_7C15
        }
        var h: UInt64 = 0x5D1F_C6A3_8F0B_4E27
        var offset = 0
        while offset + 8 <= end {
            h = mix(h, word(bytes, at: offset, size: 8))
            offset += 8
        }
        h = mix(h, word(bytes, at: offset, size: end - offset) ^ UInt64(end))
        return h ^ (h >> 32)
    }

    /// The little-endian integer of `size` (0...8) bytes at `offset`.
    @inline(__always)
    static func word(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
        var value: UInt64 = 0
        for i in 0..<size { value |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        return value
    }
}

/// Appends values to a state file's bytes.
struct StateWriter {
    private(set) var bytes: [UInt8] = []

    init() {
        bytes.append(contentsOf: StateFileFormat.magic)
        append(StateFileFormat.version)
        append(UInt64(0))  // the payload length, set by `finish()`
    }

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        for i in 0..<(T.bitWidth / 8) { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * i))) }
    }

    mutating func append(_ flag: Bool) { append(UInt8(flag ? 1 : 0)) }

    /// `count` values, `value(i)` for each `i`, stored in place (one resize, no append per value:
    /// a column of millions of records).
    mutating func append<T: FixedWidthInteger>(count: Int, _ value: (Int) -> T) {
        let size = MemoryLayout<T>.size
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count * size))
        unsafe bytes.withUnsafeMutableBytes { raw in
            for i in 0..<count { unsafe raw.storeBytes(of: value(i).littleEndian, toByteOffset: start + i * size, as: T.self) }
        }
    }

    /// Makes room for `count` more bytes.
    mutating func reserve(_ count: Int) { bytes.reserveCapacity(bytes.count + count) }

    /// A length (u64) then the bytes.
    mutating func append(bytes value: some Collection<UInt8>) {
        append(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func append(_ text: String) { append(bytes: text.utf8) }

    /// The file: the payload length filled in and the checksum appended.
    consuming func finish() -> [UInt8] {
        let length = UInt64(bytes.count - StateFileFormat.headerSize)
        for i in 0..<8 { bytes[12 + i] = UInt8(truncatingIfNeeded: length >> (8 * UInt64(i))) }
        append(StateFileFormat.checksum(bytes, end: bytes.count))
        return bytes
    }
}

/// Reads a state file's values in order; every read is bounds-checked and a shortfall is a
/// `corrupt` error at its byte offset, so no byte sequence can crash it.
struct StateReader: ~Copyable {
    /// Why a file is not a state file this version can read.
    struct Failure: Error {
        var offset: Int
        var reason: String
    }

    private let bytes: [UInt8]
    private let end: Int
    private(set) var offset: Int

    /// Checks the magic, version, length and checksum of `bytes`; reading starts at the payload.
    init(_ bytes: [UInt8]) throws(Failure) {
        guard bytes.count >= 8, Array(bytes[0..<8]) == StateFileFormat.magic else {
            throw Failure(offset: 0, reason: "not an OpsMetrics state file (expected the magic \"OPSMSTAT\"; write one with 'opsmetrics report --emit-state FILE')")
        }
        guard bytes.count >= StateFileFormat.headerSize + 8 else {
            throw Failure(offset: bytes.count, reason: "truncated: \(bytes.count) bytes, shorter than a state file's header and checksum")
        }
        let version = StateFileFormat.word(bytes, at: 8, size: 4)
        guard version == UInt64(StateFileFormat.version) else {
            throw Failure(offset: 8, reason: "state file version \(version), expected \(StateFileFormat.version): write it again with this opsmetrics")
        }
        let length = StateFileFormat.word(bytes, at: 12, size: 8)
        let expected = UInt64(bytes.count - StateFileFormat.headerSize - 8)
        guard length == expected else {
            let reason = length > expected ? "truncated" : "has bytes after its end"
            throw Failure(offset: bytes.count, reason: "\(reason): the header gives a payload of \(length) bytes, the file holds \(expected)")
        }
        let sumOffset = bytes.count - 8
        guard StateFileFormat.word(bytes, at: sumOffset, size: 8) == StateFileFormat.checksum(bytes, end: sumOffset) else {
            throw Failure(offset: sumOffset, reason: "checksum mismatch: the file was corrupted or edited after it was written")
        }
        self.bytes = bytes
        self.end = sumOffset
        self.offset = StateFileFormat.headerSize
    }

    var isAtEnd: Bool { offset == end }

    func failure(_ reason: String) -> Failure { Failure(offset: offset, reason: reason) }

    mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws(Failure) -> T {
        let size = MemoryLayout<T>.size
        guard end - offset >= size else { throw failure("truncated: expected \(size) more bytes") }
        let value = T(truncatingIfNeeded: StateFileFormat.word(bytes, at: offset, size: size))
        offset += size
        return value
    }

    mutating func readFlag() throws(Failure) -> Bool {
        switch try read(UInt8.self) {
        case 0: return false
        case 1: return true
        case let other: throw Failure(offset: offset - 1, reason: "expected a flag 0 or 1, found \(other)")
        }
    }

    /// A count (u64) of items at least `itemSize` bytes each, checked against the bytes left so a
    /// bad count cannot make the reader allocate for more than the file holds.
    mutating func readCount(itemSize: Int, what: String) throws(Failure) -> Int {
        let count = try read(UInt64.self)
        guard count <= UInt64(end - offset) / UInt64(max(1, itemSize)) else {
            throw Failure(offset: offset - 8, reason: "\(what): a count of \(count) is more than the file holds")
        }
        return Int(count)
    }

    /// A length-prefixed byte string.
    mutating func readBytes(what: String) throws(Failure) -> ArraySlice<UInt8> {
        let count = try readCount(itemSize: 1, what: what)
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    /// A length-prefixed UTF-8 string.
    mutating func readString(what: String) throws(Failure) -> String {
        let start = offset
        let slice = try readBytes(what: what)
        guard let text = String(validating: slice, as: UTF8.self) else { throw Failure(offset: start, reason: "\(what): not valid UTF-8") }
        return text
    }
}

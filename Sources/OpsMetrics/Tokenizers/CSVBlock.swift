/// The bytes a CSV scanner stops at, in up to 64 bytes of input, as one bit per byte: what
/// `CSVTokenizer` looks for next, found sixteen bytes at a time with SIMD compares instead of
/// eight bytes at a time per field.
///
/// Bit `i` of a mask stands for byte `start + i`; bytes at or past the scan's `end` have no bit.
/// A record's fields are then found by walking bits: one classification serves every field of
/// the 64 bytes, where the word search (`CSVTokenizer.Scanner.scalar`, the reference) started
/// again for each field. The masks are only ever read forward from where the scanner is, so the
/// in-place unescaping of a finished record (which rewrites bytes before its end) never makes
/// a bit that is still read stale.
struct CSVBlock {
    /// The index of the byte of bit 0.
    private(set) var start: Int
    /// The index just past the last byte classified: `start + 64`, or the scan's `end` if sooner.
    private(set) var end: Int
    /// Delimiter, CR or LF: where an unquoted field ends.
    private(set) var fieldEnds: UInt64
    /// Quote or LF: where a quoted field stops (to close, to escape a quote, or to count a line);
    /// classified only once a quoted field asks (most blocks of most logs have none).
    private var quotedStopsIfClassified: UInt64?

    /// The most bytes a block covers.
    static var width: Int { 64 }

    /// A block before any classification: it holds no position.
    static var none: CSVBlock { CSVBlock(start: .max, end: .max, fieldEnds: 0) }

    private init(start: Int, end: Int, fieldEnds: UInt64) {
        self.start = start
        self.end = end
        self.fieldEnds = fieldEnds
    }

    /// Classifies `bytes[start..<min(start + 64, end)]`.
    init(_ bytes: Span<UInt8>, at start: Int, end: Int, delimiter: UInt8) {
        let covered = Swift.min(Self.width, end &- start)
        self.init(start: start, end: start &+ covered,
                  fieldEnds: Self.mask(bytes, from: start, count: covered, matching: delimiter, ASCII.carriageReturn, ASCII.newline))
    }

    /// Whether the block classified the byte at `position`.
    @inline(__always)
    func holds(_ position: Int) -> Bool {
        position >= start && position < end
    }

    /// Quote or LF, classified from `bytes` (the block's own bytes) the first time.
    mutating func quotedStops(in bytes: Span<UInt8>) -> UInt64 {
        if let known = quotedStopsIfClassified { return known }
        let mask = Self.mask(bytes, from: start, count: end &- start, matching: ASCII.quote, ASCII.newline, ASCII.newline)
        quotedStopsIfClassified = mask
        return mask
    }

    /// Bit `i` set where `bytes[start + i]` (`i < count`, at most 64) is `a`, `b` or `c`.
    private static func mask(_ bytes: Span<UInt8>, from start: Int, count: Int, matching a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt64 {
        var mask: UInt64 = 0
        // `unsafe` because viewing elements as raw bytes could expose padding; UInt8 has none.
        let raw = unsafe bytes.bytes
        let (va, vb, vc) = (SIMD16<UInt8>(repeating: a), SIMD16<UInt8>(repeating: b), SIMD16<UInt8>(repeating: c))
        var offset = 0
        while count &- offset >= 16 {
            // In bounds: start + offset + 16 <= start + count <= bytes.count (the load checks it too).
            // `unsafe` only because a load reinterprets memory; every bit pattern is a valid SIMD16<UInt8>.
            let v = unsafe raw.unsafeLoadUnaligned(fromByteOffset: start &+ offset, as: SIMD16<UInt8>.self)
            mask |= bits(lanes(v .== va) | lanes(v .== vb) | lanes(v .== vc)) &<< UInt64(offset)
            offset &+= 16
        }
        while offset < count {  // the last bytes before the scan's end: fewer than 16
            let byte = bytes[start &+ offset]
            if byte == a || byte == b || byte == c { mask |= 1 &<< UInt64(offset) }
            offset &+= 1
        }
        return mask
    }

    /// A compare's lanes as bytes: 0xFF where it held, 0 elsewhere.
    @inline(__always)
    private static func lanes(_ mask: SIMDMask<SIMD16<Int8>>) -> SIMD16<UInt8> {
        // A mask is 16 lanes of 0 or -1 in one 128-bit register, as SIMD16<UInt8> is: a reinterpretation.
        unsafe unsafeBitCast(mask, to: SIMD16<UInt8>.self)
    }

    /// Bit `i` set where byte `i` of `lanes` (each 0 or 0xFF) is 0xFF: a movemask. Each half's high
    /// bits, multiplied by 0x0002_0408_1020_4081 (bits 0, 7, 14, ..., 49), land in the product's
    /// top byte in order, byte `i` at bit `56 + i`, and nowhere else in it.
    @inline(__always)
    static func bits(_ lanes: SIMD16<UInt8>) -> UInt64 {
        let halves = unsafe unsafeBitCast(lanes, to: SIMD2<UInt64>.self)
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let gather: UInt64 = 0x0002_0408_1020_4081
        let low = ((halves[0] & highBits) &* gather) &>> 56
        let high = ((halves[1] & highBits) &* gather) &>> 56
        return low | high &<< 8
    }
}

extension CSVTokenizer {
    /// How the scanner finds the next byte it must look at.
    enum Scanner: Sendable, Hashable {
        /// Classifies 64 bytes at a time with SIMD compares (`CSVBlock`) and walks the bits.
        case simd
        /// Searches eight bytes at a time from each field's start (SWAR): the reference the SIMD
        /// scanner is tested and fuzzed against (`Fuzz/CSVTokenizer.swift`).
        case scalar
    }

    /// Finds, for the state machine, the first byte at or after a position that is a delimiter,
    /// CR or LF (the end of an unquoted field) or a quote or LF (a stop in a quoted field); `end`
    /// if there is none before `end`. Positions only move forward within one record's scan.
    protocol _Search {
        var delimiter: UInt8 { get }
        mutating func fieldEnd(in bytes: Span<UInt8>, from position: Int, to end: Int) -> Int
        mutating func quotedStop(in bytes: Span<UInt8>, from position: Int, to end: Int) -> Int
    }

    /// The reference: the word search from each position.
    struct _WordSearch: _Search {
        let delimiter: UInt8

        init(delimiter: UInt8) {
            self.delimiter = delimiter
        }

        @inline(__always)
        func fieldEnd(in bytes: Span<UInt8>, from position: Int, to end: Int) -> Int {
            CSVTokenizer._firstIndex(of: delimiter, ASCII.carriageReturn, ASCII.newline, in: bytes, from: position, to: end)
        }

        @inline(__always)
        func quotedStop(in bytes: Span<UInt8>, from position: Int, to end: Int) -> Int {
            CSVTokenizer._firstIndex(of: ASCII.quote, ASCII.newline, ASCII.newline, in: bytes, from: position, to: end)
        }
    }

    /// The bits of the block that holds the position, classified once for all the stops in it.
    struct _BlockSearch: _Search {
        let delimiter: UInt8
        /// The block holding the last position asked about.
        private(set) var block: CSVBlock

        /// A search that starts with `block` (`.none`, or one classified from the same bytes).
        init(delimiter: UInt8, block: CSVBlock) {
            self.delimiter = delimiter
            self.block = block
        }

        @inline(__always)
        mutating func fieldEnd(in bytes: Span<UInt8>, from position: Int, to end: Int) -> Int {
            next(in: bytes, from: position, to: end, quoted: false)
        }

        @inline(__always)
        mutating func quotedStop(in bytes: Span<UInt8>, from position: Int, to end: Int) -> Int {
            next(in: bytes, from: position, to: end, quoted: true)
        }

        @inline(__always)
        private mutating func next(in bytes: Span<UInt8>, from position: Int, to end: Int, quoted: Bool) -> Int {
            var position = position
            while position < end {
                if !block.holds(position) { block = CSVBlock(bytes, at: position, end: end, delimiter: delimiter) }
                let mask = quoted ? block.quotedStops(in: bytes) : block.fieldEnds
                let bits = mask &>> UInt64(position &- block.start)  // the shift is below 64
                // A kept block may reach past this call's `end`: a stop there is no stop.
                if bits != 0 { return Swift.min(position &+ bits.trailingZeroBitCount, end) }
                position = block.end
            }
            return end
        }
    }
}

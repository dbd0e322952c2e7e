/// The keys of the last JSON object read, by position, with their interned ids.
///
/// The objects of one NDJSON input nearly always repeat the keys of the one before, in the same
/// order, so comparing a key's bytes with the remembered key at its position replaces hashing it.
struct RecentKeys: Sendable {
    /// The remembered keys' bytes, one after the other; key `i` ends at `ends[i]`.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var ids: [UInt32] = []

    /// The id remembered for the key at `position`, if that key's bytes are `key`.
    func id(at position: Int, matching key: Span<UInt8>) -> UInt32? {
        guard position < ids.count else { return nil }
        let start = position == 0 ? 0 : ends[position - 1]
        guard ends[position] - start == key.count else { return nil }
        for i in key.indices where bytes[start + i] != key[i] { return nil }
        return ids[position]
    }

    /// Remembers `key` and its `id` at `position`, forgetting the keys after it.
    mutating func remember(_ key: Span<UInt8>, id: UInt32, at position: Int) {
        if position < ids.count {
            bytes.removeSubrange((position == 0 ? 0 : ends[position - 1])...)
            ends.removeSubrange(position...)
            ids.removeSubrange(position...)
        }
        guard position == ids.count else { return }  // a gap: an earlier key was not remembered
        for i in key.indices { bytes.append(key[i]) }
        ends.append(bytes.count)
        ids.append(id)
    }
}

import Testing
@testable import OpsMetrics

@Suite("Recent JSON keys")
struct RecentKeysTests {
    func id(_ keys: RecentKeys, _ position: Int, _ key: String) -> UInt32? {
        let bytes = Array(key.utf8)
        return keys.id(at: position, matching: bytes.span)
    }

    func remember(_ keys: inout RecentKeys, _ key: String, _ id: UInt32, at position: Int) {
        let bytes = Array(key.utf8)
        keys.remember(bytes.span, id: id, at: position)
    }

    /// `id`, `event`, `at` at positions 0, 1, 2 with ids 1, 2, 3.
    func threeKeys() -> RecentKeys {
        var keys = RecentKeys()
        for (position, key) in ["id", "event", "at"].enumerated() { remember(&keys, key, UInt32(position + 1), at: position) }
        return keys
    }

    @Test("a key is known only at its position and with the same bytes")
    func matching() {
        let keys = threeKeys()
        #expect(id(keys, 0, "id") == 1)
        #expect(id(keys, 1, "event") == 2)
        #expect(id(keys, 2, "at") == 3)
        #expect(id(keys, 1, "id") == nil, "another position")
        #expect(id(keys, 1, "evenT") == nil, "same length, other bytes")
        #expect(id(keys, 1, "even") == nil, "a prefix")
        #expect(id(keys, 3, "at") == nil, "past the remembered keys")
        #expect(id(keys, 0, "") == nil)
    }

    @Test("remembering a key forgets the keys after it; a gap is not remembered")
    func replacing() {
        var keys = threeKeys()
        remember(&keys, "timestamp", 4, at: 1)
        #expect(id(keys, 0, "id") == 1)
        #expect(id(keys, 1, "timestamp") == 4)
        #expect(id(keys, 1, "event") == nil)
        #expect(id(keys, 2, "at") == nil)
        remember(&keys, "service", 5, at: 4)
        #expect(id(keys, 4, "service") == nil)
        remember(&keys, "x", 6, at: 0)
        #expect(id(keys, 0, "x") == 6)
        #expect(id(keys, 1, "timestamp") == nil)
    }

    @Test("objects whose keys change order, spelling and count read as their fields say")
    func changingLayouts() throws {
        let text = """
        {"id":"A","event":"opened","timestamp":"2024-05-01T10:00:00Z","service":"api"}
        {"service":"web","timestamp":"2024-05-01T10:05:00Z","event":"recovered","id":"A"}
        {"id":"B","event":"opened","timestamp":"2024-05-01T11:00:00Z","servicE":"db"}
        {"id":"B","event":"opened","timestamp":"2024-05-01T11:00:00Z"}
        {"id":"C","timestamp":"2024-05-01T12:00:00Z","event":"opened","service":"api","extra":1}
        {"id":"C","event":"recovered","timestamp":"2024-05-01T12:30:00Z","service":"api"}
        """
        let log = try readLog(text, format: .ndjson, name: "test.ndjson")
        #expect(log.recordCount == 3)
        let report = ReliabilityReport(log: log, configuration: ReportConfiguration())
        #expect(Set(report.services.map(\.service)) == ["web", "db", "api"])
        #expect(report.services.first { $0.service == "api" }?.downtimeSeconds == 1_800)
        #expect(report.services.first { $0.service == "web" }?.downtimeSeconds == 300)
    }
}

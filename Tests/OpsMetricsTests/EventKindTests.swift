import Testing
@testable import OpsMetrics

@Suite("EventKind")
struct EventKindTests {
    @Test("every spelling matches its kind, in any case and with spaces, _ or -")
    func spellings() {
        for kind in EventKind.allCases {
            for spelling in kind.spellings {
                #expect(EventKind.matching(Array(spelling.utf8).span) == kind, "\(spelling)")
                #expect(EventKind.matching(Array(spelling.uppercased().utf8).span) == kind, "\(spelling)")
            }
        }
        #expect(EventKind.matching(Array("Impact Started".utf8).span) == .impactStarted)
        #expect(EventKind.matching(Array("impact-start".utf8).span) == .impactStarted)
        #expect(EventKind.matching(Array("status_changed".utf8).span) == .status)
    }

    @Test("anything else does not match", arguments: ["", "open ed x", "opene", "openedd", "resolvedresolvedresolved", "clos", "\u{00E9}", "ack\u{0}"])
    func nonMatches(_ text: String) {
        #expect(EventKind.matching(Array(text.utf8).span) == nil)
    }
}

import Testing
@testable import OpsMetrics

@Suite("RowView")
struct RowViewTests {
    @Test("clear() hides every range set before it; set() after it shows only the new ones")
    func clearHidesOldRanges() {
        var row = RowView()
        row.set(.id, start: 1, end: 4)
        row.set(.service, start: 5, end: 9)
        #expect(row.range(.id) == 1..<4)
        #expect(row.range(.service) == 5..<9)
        #expect(row.range(.event) == nil)
        row.clear()
        for field in Field.allCases { #expect(row.range(field) == nil) }
        row.set(.service, start: 0, end: 0)  // an empty value is still a value (the fold decides)
        #expect(row.range(.service) == 0..<0)
        #expect(row.range(.id) == nil)
        #expect(row.hasAny(1 << UInt32(Field.service.rawValue)))
        #expect(!row.hasAny(RowFolder.lifecycleMask))
    }

    @Test("every field has a bit of the mask, and the lifecycle mask is exactly the lifecycle fields")
    func masks() {
        #expect(Field.allCases.count <= 32)
        let lifecycle = RowFolder.lifecycleFields.reduce(UInt32(0)) { $0 | 1 << UInt32($1.rawValue) }
        #expect(RowFolder.lifecycleMask == lifecycle)
        for field in Field.allCases {
            var row = RowView()
            row.set(field, start: 2, end: 3)
            #expect(row.hasAny(RowFolder.lifecycleMask) == (field.lifecycleEvent != nil))
        }
    }
}

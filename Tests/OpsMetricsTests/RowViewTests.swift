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

    @Test("set(columns:fieldOfColumn:) sets the mapped columns only, like one set(_:start:end:) per mapped column")
    func setColumns() {
        let columns = [CSVTokenizer.Field(start: 0, end: 2), CSVTokenizer.Field(start: 3, end: 3), CSVTokenizer.Field(start: 4, end: 9),
                       CSVTokenizer.Field(start: 10, end: 12)]
        let fieldOfColumn: [Field?] = [.id, nil, .service, .timestamp]
        var bulk = RowView()
        bulk.set(.reason, start: 50, end: 60)
        bulk.clear()
        bulk.set(columns: columns, fieldOfColumn: fieldOfColumn)
        var single = RowView()
        for (column, field) in columns.enumerated() {
            if let canonical = fieldOfColumn[column] { single.set(canonical, start: field.start, end: field.end) }
        }
        for field in Field.allCases { #expect(bulk.range(field) == single.range(field), "\(field)") }
        #expect(bulk.range(.reason) == nil)
        var short = RowView()
        short.set(columns: columns, fieldOfColumn: [.id])  // fewer mapped columns than fields
        #expect(short.range(.id) == 0..<2 && short.range(.service) == nil)
    }
}

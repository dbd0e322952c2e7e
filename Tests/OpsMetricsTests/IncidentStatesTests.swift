import Testing
@testable import OpsMetrics

/// The column store of per-record states against a plain model: one struct per record, folded
/// with the rules of DEFINITIONS section 1 written out again, on random events.
@Suite("Incident states by column")
struct IncidentStatesTests {
    /// SplitMix64, so a failure is reproducible from its seed.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    /// The fold, plainly: first-of times with `min`, last-of with `max`, attributes last-wins by
    /// row time (a tie goes to the later row), reopen counter largest-then-earliest.
    static func referenceFold(_ state: inout IncidentState, _ event: EventKind, at t: Int64) {
        switch event {
        case .opened: state.opened = min(state.opened, t)
        case .impactStarted: state.impactStart = min(state.impactStart, t)
        case .detected: state.detected = min(state.detected, t)
        case .acknowledged: state.acknowledged = min(state.acknowledged, t)
        case .firstResponse: state.firstResponse = min(state.firstResponse, t)
        case .recovered: state.recovered = max(state.recovered, t)
        case .resolved:
            state.resolvedFirst = min(state.resolvedFirst, t)
            state.resolvedLast = max(state.resolvedLast, t)
        case .reopened:
            state.reopenedLast = max(state.reopenedLast, t)
            state.reopenCount += 1
        case .closed: state.closed = max(state.closed, t)
        case .status, .note: break
        }
        if event != .note { state.firstActivity = min(state.firstActivity, t) }
    }

    static func referenceRow(_ state: inout IncidentState, attributes: AttributeValues<UInt32>, version: Int64, reopens: UInt32) {
        for i in attributes.indices where attributes[i] != 0 && version >= state.versions[i] {
            state.attributes[i] = attributes[i]
            state.versions[i] = version
        }
        if reopens > state.reopenCounter {
            (state.reopenCounter, state.reopenCounterTime) = (reopens, version)
        } else if reopens > 0 && reopens == state.reopenCounter {
            state.reopenCounterTime = min(state.reopenCounterTime, version)
        }
        state.rows += 1
    }

    static func same(_ a: IncidentState, _ b: IncidentState) -> Bool {
        var equal = a.opened == b.opened && a.impactStart == b.impactStart && a.detected == b.detected
            && a.acknowledged == b.acknowledged && a.firstResponse == b.firstResponse && a.recovered == b.recovered && a.resolvedFirst == b.resolvedFirst
            && a.resolvedLast == b.resolvedLast && a.reopenedLast == b.reopenedLast && a.closed == b.closed
            && a.firstActivity == b.firstActivity && a.rows == b.rows && a.reopenCount == b.reopenCount
            && a.reopenCounter == b.reopenCounter && a.reopenCounterTime == b.reopenCounterTime
        for i in a.attributes.indices { equal = equal && a.attributes[i] == b.attributes[i] && a.versions[i] == b.versions[i] }
        return equal
    }

    @Test("random rows over more than two segments fold as the plain model does", arguments: [1, 2, 3])
    func foldsLikeTheModel(seed: UInt64) {
        var random = Random(state: seed)
        let records = LazyColumn<Int64>.segmentSize * 2 + 1_000
        var model = [IncidentState](repeating: IncidentState(), count: records)
        var states = IncidentStates()
        for _ in 0..<records { states.appendEmpty() }
        // Rare fields (severity, parent, reopens) on few records, as in real logs.
        for _ in 0..<60_000 {
            let record = random.next(records)
            let version = Int64(random.next(1_000)) - 500
            let event = EventKind.allCases[random.next(EventKind.allCases.count)]
            if event != .reopened || random.next(20) == 0 {
                IncidentStatesTests.referenceFold(&model[record], event, at: version)
                states.apply(event, at: version, to: record)
            }
            var attributes: AttributeValues<UInt32> = .init(repeating: 0)
            for i in attributes.indices where random.next(i < 3 ? 2 : 50) == 0 { attributes[i] = UInt32(1 + random.next(5)) }
            let reopens = random.next(30) == 0 ? UInt32(1 + random.next(3)) : 0
            IncidentStatesTests.referenceRow(&model[record], attributes: attributes, version: version, reopens: reopens)
            states.fold(attributes: attributes, version: version, reopens: reopens, into: record)
        }
        #expect(states.count == records)
        let differing = (0..<records).filter { !IncidentStatesTests.same(states[$0], model[$0]) }
        #expect(differing.isEmpty, "records \(differing.prefix(5)) differ from the model")
    }

    @Test("records copied column by column equal their states merged into empty records", arguments: [4, 5])
    func copyingEqualsMergingIntoEmpty(seed: UInt64) {
        var random = Random(state: seed)
        let size = LazyColumn<Int64>.segmentSize
        // The other table: random rows over two segments, some times with microseconds (seed 4)
        // or milliseconds (seed 5), which turn their columns to 8-byte times, rare fields on few
        // records.
        let fraction: Int64 = seed == 4 ? 1 : 1_000
        var other = IncidentStates()
        for _ in 0..<(size + 500) { other.appendEmpty() }
        for _ in 0..<40_000 {
            let record = random.next(other.count)
            let version = (Int64(random.next(1_000_000)) - 500_000) * 1_000_000 + (random.next(50) == 0 ? fraction * Int64(1 + random.next(999)) : 0)
            let event = EventKind.allCases[random.next(EventKind.allCases.count)]
            if event != .reopened || random.next(20) == 0 { other.apply(event, at: version, to: record) }
            var attributes: AttributeValues<UInt32> = .init(repeating: 0)
            for i in attributes.indices where random.next(i < 3 ? 2 : 50) == 0 { attributes[i] = UInt32(1 + random.next(5)) }
            other.fold(attributes: attributes, version: version, reopens: random.next(30) == 0 ? UInt32(1 + random.next(3)) : 0, into: record)
        }
        // This table: some records of its own, then room for the copies, with gaps between them.
        var copied = IncidentStates()
        for record in 0..<1_000 {
            copied.appendEmpty()
            copied.apply(.opened, at: Int64(record) * 1_000_000, to: record)
        }
        var (sources, targets) = ([Int](), [Int]())
        for source in 0..<other.count where random.next(3) != 0 {
            sources.append(source)
            targets.append(copied.count + sources.count * 2 + random.next(2))
        }
        for _ in copied.count...targets.last! { copied.appendEmpty() }
        var merged = copied
        // Label and service ids become others; 0 (none) stays 0, and one value maps to 0.
        let maps: [[UInt32]] = [[0, 9, 8, 7, 6, 5], [0, 3, 0, 1, 2, 4]]
        func map(_ attribute: Attribute) -> [UInt32] { maps[attribute == .service ? 0 : 1] }
        copied.copy(sources, of: other, to: targets, ids: map)
        for (source, target) in zip(sources, targets) {
            let state = other[source]
            var remapped: AttributeValues<UInt32> = .init(repeating: 0)
            for attribute in Attribute.allCases { remapped[attribute.rawValue] = map(attribute)[Int(state[attribute])] }
            merged.merge(state, attributes: remapped, into: target)
        }
        let differing = (0..<merged.count).filter { !IncidentStatesTests.same(copied[$0], merged[$0]) }
        #expect(differing.isEmpty, "records \(differing.prefix(5)) differ from the merge")
        #expect(sources.count > size / 2 && (0..<merged.count).contains { merged[$0].reopenCounter > 0 })
    }

    @Test("a copy is not changed by folding into the original (copy on write), and segments are consumed front to back")
    func copyOnWriteAndConsumption() throws {
        var states = IncidentStates()
        let records = LazyColumn<Int64>.segmentSize + 10
        for record in 0..<records {
            states.appendEmpty()
            states.apply(.opened, at: Int64(record), to: record)
        }
        let copy = states
        states.apply(.opened, at: -1, to: 5)
        states.apply(.detected, at: 7, to: records - 1)  // a column the copy does not have
        #expect(copy[5].opened == 5 && states[5].opened == -1)
        #expect(copy[records - 1].detected == IncidentState.noEarliest && states[records - 1].detected == 7)

        var consumed = copy
        let removedFirst = consumed.removeFirstSegment()
        let first = try #require(removedFirst)
        #expect(first.count == LazyColumn<Int64>.segmentSize && first[5].opened == 5)
        #expect(consumed.count == 10 && consumed[0].opened == Int64(LazyColumn<Int64>.segmentSize))
        let removedRest = consumed.removeFirstSegment()
        let rest = try #require(removedRest)
        let removedNone = consumed.removeFirstSegment()
        #expect(rest.count == 10 && consumed.count == 0 && removedNone == nil)
        #expect(copy.count == records && copy[records - 1].opened == Int64(records - 1), "the copy keeps its segments")
    }

    @Test("a table cut between segments gives each part its records, sharing nothing")
    func cuttingBetweenSegments() {
        var states = IncidentStates()
        let size = LazyColumn<Int64>.segmentSize
        let records = 2 * size + 10
        for record in 0..<records {
            states.appendEmpty()
            states.apply(.opened, at: Int64(record), to: record)
            if record % 3 == 0 { states.apply(.resolved, at: Int64(record + 5), to: record) }
        }
        states.fold(attributes: .init(repeating: 7), version: 1, reopens: 2, into: records - 1)
        let whole = states
        var tail = states.removeRecords(fromSegment: 1)
        #expect(states.count == size && tail.count == size + 10)
        #expect((0..<size).allSatisfy { IncidentStatesTests.same(states[$0], whole[$0]) })
        #expect((0..<tail.count).allSatisfy { IncidentStatesTests.same(tail[$0], whole[size + $0]) })
        #expect(states.isUniquelyReferenced() && tail.isUniquelyReferenced())
        var past = whole
        #expect(past.removeRecords(fromSegment: 3).count == 0 && past.count == records)
    }

    @Test("a field no record sets takes no memory, and one set once is allocated for its segment")
    func lazyAllocation() {
        var column = LazyColumn<UInt32>(empty: 0)
        column.set(0, at: 1_000_000)
        #expect(!column.isAllocated && column[1_000_000] == 0)
        column.set(3, at: 20_000)
        #expect(column.isAllocated && column[20_000] == 3 && column[19_999] == 0 && column[1_000_000] == 0)
    }
}

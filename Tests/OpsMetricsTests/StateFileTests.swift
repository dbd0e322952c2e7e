import Foundation
import Testing
@testable import OpsMetrics

/// State files (`IncidentLog.stateFileBytes()`, `opsmetrics merge`): a log written and read back
/// is the same log; logs split by time or by service, written apart and merged in any order give
/// the report of reading their inputs at once in that order; a damaged file is an error, never a
/// wrong report or a crash.
@Suite struct StateFileTests {
    static let seed = SplitMix64.configuredSeed
    static let log = GeneratedEventLog(events: 6_000, seed: seed)

    /// Every table a log can hold: status times and the status history too.
    static var configuration: ReportConfiguration {
        var configuration = ReportConfiguration()
        configuration.keepsStatusTimes = true
        configuration.keepsStatusHistory = true
        return configuration
    }

    static func roundTrip(_ log: IncidentLog, path: String = "test.state") throws -> IncidentLog {
        try IncidentLog(stateFile: log.stateFileBytes(), path: path)
    }

    /// `rows` as a log of their own.
    static func part(_ rows: [GeneratedEventLog.Row]) -> GeneratedEventLog {
        var part = GeneratedEventLog(events: 0, seed: 0)
        part.rows = rows
        return part
    }

    @Test func aLogReadBackIsTheSameLog() throws {
        let log = try readLog(Self.log.csv, configuration: Self.configuration)
        #expect(log.resolutionHistories.count > 10 && log.statusTimes != nil && log.statusHistory != nil)
        let bytes = log.stateFileBytes()
        let back = try IncidentLog(stateFile: bytes, path: "test.state")
        // Written again, the same bytes: every section came back whole.
        let same = back.stateFileBytes() == bytes  // (a Bool: a failure would print every byte)
        #expect(same)
        #expect(ReliabilityReport(log: back, configuration: Self.configuration) == ReliabilityReport(log: log, configuration: Self.configuration))
        #expect(back.inputs == ["test.csv"] && back.accounting == log.accounting && back.recordCount == log.recordCount)
        let empty = try Self.roundTrip(IncidentLog())
        #expect(empty.recordCount == 0 && empty.latestEventTime == nil)
    }

    /// Split in three by time (two random cuts) and by service; each part read, written and read
    /// back; merged in every order: the same log, byte for byte, as reading the parts in that order.
    @Test func splitsMergedInEveryOrderEqualOneRead() throws {
        var rng = SplitMix64(seed: Self.seed ^ 0x5747_4154_45)
        let rows = Self.log.rows
        let times = rows.map(\.time).sorted()
        let cuts = [times[Int(rng.next() % UInt64(times.count))], times[Int(rng.next() % UInt64(times.count))]].sorted()
        let byTime = [rows.filter { $0.time < cuts[0] }, rows.filter { $0.time >= cuts[0] && $0.time < cuts[1] }, rows.filter { $0.time >= cuts[1] }]
        // By service: each record goes with the first service it names.
        var serviceOf: [Int: String] = [:]
        for row in rows where serviceOf[row.id] == nil { if let service = row.service { serviceOf[row.id] = service } }
        let names = GeneratedEventLog.services
        let byService = (0..<3).map { k in rows.filter { (names.firstIndex(of: serviceOf[$0.id] ?? "") ?? 0) % 3 == k } }
        for (split, parts) in [("time", byTime), ("service", byService)] {
            #expect(parts.map(\.count).reduce(0, +) == rows.count)
            let texts = parts.map { Self.part($0).csv }
            let logs = try texts.enumerated().map { i, text in try readLog(text, name: "part\(i).csv", configuration: Self.configuration) }
            let states = try logs.map { try Self.roundTrip($0) }
            for order in [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
                var direct = IncidentLog()
                var merged = IncidentLog()
                for i in order {
                    direct.merge(logs[i])
                    merged.merge(states[i])
                }
                let same = merged.stateFileBytes() == direct.stateFileBytes()
                #expect(same, "split by \(split), order \(order), seed \(Self.seed)")
                #expect(ReliabilityReport(log: merged, configuration: Self.configuration) == ReliabilityReport(log: direct, configuration: Self.configuration))
            }
            // A merged state written and read again merges on (months rolled into a year).
            var firstTwo = try Self.roundTrip(states[0])
            firstTwo.merge(states[1])
            var rolled = try Self.roundTrip(firstTwo)
            rolled.merge(states[2])
            var direct = logs[0]
            direct.merge(logs[1])
            direct.merge(logs[2])
            let same = rolled.stateFileBytes() == direct.stateFileBytes()
            #expect(same, "split by \(split), rolled up")
        }
        // In time order, the report of the whole log read as one file (inputs aside).
        var merged = IncidentLog()
        for (i, rows) in byTime.enumerated() { merged.merge(try Self.roundTrip(try readLog(Self.part(rows).csv, name: "part\(i).csv"))) }
        var report = ReliabilityReport(log: merged, configuration: ReportConfiguration())
        let whole = ReliabilityReport(log: try readLog(Self.log.csv), configuration: ReportConfiguration())
        #expect(report.meta.inputs == ["part0.csv", "part1.csv", "part2.csv"])
        report.meta.inputs = whole.meta.inputs
        #expect(report.total == whole.total && report.services == whole.services)
    }

    static func invalidStateReason(_ bytes: [UInt8]) -> String? {
        do {
            _ = try IncidentLog(stateFile: bytes, path: "x.state")
            return nil
        } catch {
            guard case .invalidState(let path, let offset, let reason) = error, path == "x.state", offset >= 0, offset <= bytes.count else {
                return "wrong error \(error)"
            }
            return reason
        }
    }

    /// The bytes with their checksum computed again: a file edited by someone who knew the format.
    static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        let end = bytes.count - 8
        let sum = StateFileFormat.checksum(bytes, end: end)
        for i in 0..<8 { bytes[end + i] = UInt8(truncatingIfNeeded: sum >> (8 * UInt64(i))) }
        return bytes
    }

    @Test func damagedFilesAreErrors() throws {
        let small = Self.part(Array(Self.log.rows.prefix(120)))
        let bytes = try readLog(small.csv, configuration: Self.configuration).stateFileBytes()
        // Every truncation.
        for length in 0..<bytes.count {
            let reason = Self.invalidStateReason(Array(bytes.prefix(length)))
            #expect(reason != nil && reason?.hasPrefix("wrong error") == false, "truncated to \(length): \(reason ?? "read")")
        }
        #expect(Self.invalidStateReason(bytes + [0]) == "has bytes after its end: the header gives a payload of \(bytes.count - 28) bytes, the file holds \(bytes.count - 27)")
        #expect(Self.invalidStateReason(Array("id,timestamp,event\n".utf8))?.hasPrefix("not an OpsMetrics state file") == true)
        // Every byte flipped, one at a time: the checksum (or the header) catches it.
        for i in bytes.indices {
            var damaged = bytes
            damaged[i] ^= 0x20
            let reason = Self.invalidStateReason(damaged)
            #expect(reason != nil && reason?.hasPrefix("wrong error") == false, "byte \(i) flipped")
        }
        var version = bytes
        version[8] = 1
        #expect(Self.invalidStateReason(Self.resealed(version)) == "state file version 1, expected 2: write it again with this opsmetrics")
    }

    /// In memory a record keeps its last resolution only when it is later than the first; in the
    /// file, as in the files written before, every resolved record's last resolution is there, and
    /// one that is missing or before the first is refused.
    @Test func lastResolutionsAreWholeInTheFileAndChecked() throws {
        let csv = """
            id,timestamp,event
            A,2024-05-01T00:00:00Z,resolved
            B,2024-05-01T00:00:00Z,resolved
            B,2024-05-02T00:00:00Z,resolved
            C,2024-05-01T00:00:00Z,opened

            """
        let log = try readLog(csv)
        let day: Int64 = 86_400_000_000
        let first = log.states[0].resolvedFirst
        let lastColumn = 7  // opened, impact start, detected, acknowledged, first response, recovered, first resolution
        let column = Self.timeColumn
        #expect(column(log.states, lastColumn) == [.min, first + day, .min], "in memory: only B's later one")
        #expect(column(log.states.inStateFileForm(), lastColumn) == [first, first + day, .min], "in the file: every one")
        let back = try Self.roundTrip(log)
        #expect(back.states.map(\.resolvedLast) == [first, first + day, .min])
        #expect(column(back.states, lastColumn) == [.min, first + day, .min])

        for (record, last) in [(2, first), (0, first - 1)] {
            var damaged = log
            var position = 0
            damaged.states.forEachColumn({ column in
                if position == lastColumn { column.set(last, at: record) }
                position += 1
            }, { _ in })
            #expect(Self.invalidStateReason(damaged.stateFileBytes()) == "record \(record): a last resolution that is missing, or before the first")
        }
    }

    /// The values of time column `index` of `states`, in the order of a state file's columns.
    static func timeColumn(_ states: IncidentStates, _ index: Int) -> [Int64] {
        var states = states
        let count = states.count
        var values: [Int64] = []
        var position = 0
        states.forEachColumn({ column in
            if position == index { values = (0..<count).map { column[$0] } }
            position += 1
        }, { _ in })
        return values
    }

    /// In memory a record keeps its first activity apart only when a last-of or status event
    /// came before its first-of times; in the file, as in the files written before, every
    /// record's first activity is there, and one after a first-of time is refused.
    @Test func firstActivitiesAreWholeInTheFileAndChecked() throws {
        let csv = """
            id,timestamp,event,status
            A,2024-05-01T00:00:00Z,opened,
            A,2024-05-01T02:00:00Z,recovered,
            B,2024-05-01T01:00:00Z,recovered,
            B,2024-05-01T03:00:00Z,opened,
            C,2024-05-01T05:00:00Z,status,In Progress
            C,2024-05-01T04:00:00Z,acknowledged,
            D,2024-05-01T06:00:00Z,note,

            """
        let log = try readLog(csv)
        let hour: Int64 = 3_600_000_000
        let start = try #require(log.states.first).opened
        let activityColumn = 10  // after the last resolution, the last reopen and the closure
        let none = IncidentState.noEarliest
        #expect(log.states.map(\.firstActivity) == [start, start + hour, start + 4 * hour, none])
        #expect(Self.timeColumn(log.states, activityColumn) == [none, start + hour, none, none], "in memory: only B's")
        let file = log.states.inStateFileForm()
        #expect(Self.timeColumn(file, activityColumn) == [start, start + hour, start + 4 * hour, none], "in the file: every one")
        let back = try Self.roundTrip(log)
        #expect(back.states.map(\.firstActivity) == log.states.map(\.firstActivity))
        #expect(Self.timeColumn(back.states, activityColumn) == [none, start + hour, none, none])

        var damaged = file
        var position = 0
        damaged.forEachColumn({ column in
            if position == activityColumn { column.set(start + 5 * hour, at: 2) }  // after C's acknowledgement
            position += 1
        }, { _ in })
        #expect(damaged.leaveStateFileForm() == "record 2: a first activity after one of its first-of times")
    }

    /// A resealed file with random bytes changed either reads (and then reports without a crash:
    /// ids, records and times were checked) or is an error.
    @Test func resealedDamageIsCheckedValueByValue() throws {
        let small = Self.part(Array(Self.log.rows.prefix(200)))
        let bytes = try readLog(small.csv, configuration: Self.configuration).stateFileBytes()
        var rng = SplitMix64(seed: Self.seed ^ 0xDA_3A6E)
        var errors = 0
        for _ in 0..<3_000 {
            var damaged = bytes
            for _ in 0..<(1 + rng.next() % 3) {
                let i = StateFileFormat.headerSize + Int(rng.next() % UInt64(bytes.count - StateFileFormat.headerSize - 8))
                damaged[i] = UInt8(truncatingIfNeeded: rng.next())
            }
            damaged = Self.resealed(damaged)
            guard let log = try? IncidentLog(stateFile: damaged, path: "x.state") else {
                errors += 1
                continue
            }
            let report = ReliabilityReport(log: log, configuration: Self.configuration)
            #expect(report.meta.inputAccounting.rowsRead == report.meta.inputAccounting.rowsUsed + report.meta.inputAccounting.rowsSkipped)
        }
        #expect(errors > 100, "some damage is caught by the value checks")
    }
}

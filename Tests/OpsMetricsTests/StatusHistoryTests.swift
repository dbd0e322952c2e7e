import Foundation
import Testing
@testable import OpsMetrics

/// The status history keeps every stay of every record, in time order, on every input path:
/// one pass, a file read in parts, NDJSON, and nested REST payloads.
@Suite("Status history")
struct StatusHistoryTests {
    /// A stay written plainly: status text, start and end in microseconds.
    struct Stay: Hashable, CustomStringConvertible {
        var status: String
        var start: Int64
        var end: Int64?
        var description: String { "\(status)@\(start)-\(end.map(String.init) ?? "…")" }
    }

    /// Every record's stays by id.
    static func stays(_ log: IncidentLog) throws -> [String: [Stay]] {
        let history = try #require(log.statusHistory)
        var result: [String: [Stay]] = [:]
        for (index, stays) in history.stays(count: log.recordCount).enumerated() where !stays.isEmpty {
            let id = String(decoding: log.ids.bytes(UInt32(index + 1)), as: UTF8.self)
            result[id] = stays.map { Stay(status: String(decoding: log.labels.bytes($0.status), as: UTF8.self), start: $0.start, end: $0.end) }
        }
        return result
    }

    static var keeping: ReportConfiguration {
        var configuration = ReportConfiguration()
        configuration.keepsStatusHistory = true
        return configuration
    }

    @Test("rows out of order, repeats, a row without a status and a tie at one time")
    func handComputed() throws {
        let csv = """
        id,timestamp,event,status
        A,2024-01-01T10:00:00Z,opened,New
        A,2024-01-01T12:00:00Z,note,Active
        A,2024-01-01T11:00:00Z,note,New
        A,2024-01-01T13:00:00Z,note,
        A,2024-01-01T14:00:00Z,note,Awaiting
        A,2024-01-01T14:00:00Z,note,Active
        A,2024-01-02T09:00:00Z,resolved,Resolved
        B,2024-01-01T10:30:00Z,opened,New

        """
        let log = try readLog(csv, configuration: Self.keeping)
        let h = 3_600_000_000 as Int64
        let day = micros("2024-01-01T00:00:00Z")
        #expect(try Self.stays(log) == [
            "A": [Stay(status: "New", start: day + 10 * h, end: day + 12 * h),
                  Stay(status: "Active", start: day + 12 * h, end: day + 14 * h),
                  Stay(status: "Awaiting", start: day + 14 * h, end: day + 14 * h),  // a tie: input order, zero length
                  Stay(status: "Active", start: day + 14 * h, end: day + 33 * h),
                  Stay(status: "Resolved", start: day + 33 * h, end: nil)],
            "B": [Stay(status: "New", start: day + 10 * h + h / 2, end: nil)],
        ])
        #expect(try readLog(csv).statusHistory == nil, "kept only when asked")
    }

    /// The stays a plain walk over the rows gives: per id, rows with a status in time order (ties
    /// in input order), a new stay at each change of status.
    static func reference(_ rows: [(id: String, time: Int64, status: String?)]) -> [String: [Stay]] {
        var byID: [String: [(time: Int64, order: Int, status: String)]] = [:]
        for (order, row) in rows.enumerated() {
            guard let status = row.status else { continue }
            byID[row.id, default: []].append((row.time, order, status))
        }
        return byID.mapValues { observations in
            var stays: [Stay] = []
            for o in observations.sorted(by: { ($0.time, $0.order) < ($1.time, $1.order) }) where stays.last?.status != o.status {
                if !stays.isEmpty { stays[stays.count - 1].end = o.time }
                stays.append(Stay(status: o.status, start: o.time, end: nil))
            }
            return stays
        }
    }

    @Test("random logs: one pass, chunks, parts on threads and NDJSON give the reference walk's stays", arguments: 0..<4)
    func randomLogs(round: Int) throws {
        var rng = SplitMix64(seed: SplitMix64.configuredSeed &+ UInt64(round))
        let statuses = ["New", "Active", "Awaiting, customer", "Resolved", "已完成"]
        var rows: [(id: String, time: Int64, status: String?)] = []
        for _ in 0..<2_000 {
            let id = "INC\(rng.next() % 60)"
            let time = micros("2024-03-01T00:00:00Z") + Int64(rng.next() % 500) * 60_000_000  // many ties
            let status = rng.next() % 6 == 0 ? nil : statuses[Int(rng.next() % UInt64(statuses.count))]
            rows.append((id, time, status))
        }
        func iso(_ t: Int64) -> String { Timestamp(microsecondsSinceEpoch: t).description }
        let csv = "id,timestamp,event,status\n" + rows.map { "\($0.id),\(iso($0.time)),note,\"\($0.status ?? "")\"\n" }.joined()
        let ndjson = rows.map { row in
            "{\"id\":\"\(row.id)\",\"timestamp\":\"\(iso(row.time))\",\"event\":\"note\"" + (row.status.map { ",\"status\":\"\($0)\"" } ?? "") + "}\n"
        }.joined()
        let expected = Self.reference(rows)
        #expect(try Self.stays(readLog(csv, configuration: Self.keeping)) == expected)
        #expect(try Self.stays(readLog(csv, configuration: Self.keeping, chunkSize: 97)) == expected)
        #expect(try Self.stays(readLog(ndjson, format: .ndjson, configuration: Self.keeping)) == expected)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("opsmetrics-history-\(UUID().uuidString).csv")
        try Data(csv.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var parts = Self.keeping
        parts.threads = 3
        parts.minimumPartBytes = 1_000
        #expect(try Self.stays(IncidentLog(contentsOfFile: url.path, configuration: parts)) == expected)
    }

    @Test("nested REST payloads: the Jira changelog's statuses are stays, in time order")
    func jiraREST() throws {
        let read = try DialectRead(fixture: "jira-rest-page.json") { $0.keepsStatusHistory = true }
        let stays = try Self.stays(read.log)
        // EE-14's changelog (+0800): To Do at creation 08:24:25.922, Resolved 09:22:30.323, To Do 12:58:47.975,
        // Open 13:01:20.966, Resolved 2020-06-15 16:59:51.341, Closed 2020-11-10, 已完成 2021-03-28.
        let ee14 = try #require(stays["EE-14"])
        #expect(ee14.map(\.status) == ["To Do", "Resolved", "To Do", "Open", "Resolved", "Closed", "已完成"])
        #expect(ee14.first?.start == micros("2020-06-12T00:24:25.922Z"))
        #expect(ee14[1].start == micros("2020-06-12T01:22:30.323Z"))
        #expect(ee14.last?.start == micros("2021-03-28T08:05:56.154Z"))
        #expect(ee14.last?.end == nil)
        for (a, b) in zip(ee14, ee14.dropFirst()) { #expect(a.end == b.start) }
        #expect(stays["K5-2"]?.map(\.status) == ["To Do"])
    }
}

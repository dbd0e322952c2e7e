extension ReliabilityReport {
    /// The report's JSON form, as the CLI's `--format json` prints it: byte for byte what
    /// Foundation's `JSONEncoder` makes of this `Codable` value with
    /// `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`, plus a final line feed.
    ///
    /// Written directly into one byte buffer (``JSONByteWriter``), keys in sorted order, so that
    /// a report of many services costs a few hundred bytes per service and no boxed tree.
    ///
    /// - Returns: The bytes, or `nil` when a number is NaN or infinite (which `JSONEncoder`
    ///   refuses to encode).
    /// - Complexity: O(*n*) in the size of the output.
    package func jsonBytes() -> [UInt8]? {
        var writer = JSONByteWriter(reservingCapacity: 4096 + 2400 * (services.count + 1))
        writer.beginObject()
        writer.key("data_quality")
        dataQuality.write(to: &writer)
        writer.key("meta")
        meta.write(to: &writer)
        writer.key("reasons")
        writer.beginArray()
        for reason in reasons {
            writer.element()
            reason.write(to: &writer)
        }
        writer.endArray()
        writer.key("schema_version")
        writer.int(schemaVersion)
        writer.key("services")
        writer.beginArray()
        for service in services {
            writer.element()
            service.write(to: &writer)
        }
        writer.endArray()
        writer.key("total")
        total.write(to: &writer)
        writer.endObject()
        guard !writer.hasNonFiniteNumber else { return nil }
        return writer.finish()
    }
}

extension DataQuality {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.key("record_issues")
        writer.beginArray()
        for issue in recordIssues {
            writer.element()
            writer.beginObject()
            writer.key("count")
            writer.int(issue.count)
            writer.key("effect")
            writer.string(issue.effect)
            writer.key("first_ids")
            writer.strings(issue.firstIDs)
            writer.key("issue")
            writer.string(issue.issue)
            writer.endObject()
        }
        writer.endArray()
        writer.key("records_without_lifecycle")
        writer.int(recordsWithoutLifecycle)
        writer.key("unmapped_detection_sources")
        writer.beginObject()
        for value in JSONByteWriter.sortedKeys(unmappedDetectionSources.keys) {
            writer.key(value)
            writer.int(unmappedDetectionSources[value] ?? 0)
        }
        writer.endObject()
        writer.endObject()
    }
}

extension ReportMeta {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.key("as_of")
        writer.string(asOf.description)
        writer.key("definitions")
        writer.beginObject()
        for key in JSONByteWriter.sortedKeys(definitions.keys) {
            writer.key(key)
            writer.string(definitions[key] ?? "")
        }
        writer.endObject()
        writer.key("input_accounting")
        inputAccounting.write(to: &writer)
        writer.key("inputs")
        writer.strings(inputs)
        writer.key("window_end")
        writer.string(windowEnd.description)
        writer.key("window_end_inclusive")
        writer.bool(windowEndInclusive)
        writer.key("window_source")
        writer.string(windowSource)
        writer.key("window_start")
        writer.string(windowStart.description)
        writer.endObject()
    }
}

extension InputAccounting {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.key("rows_read")
        writer.int(rowsRead)
        writer.key("rows_skipped")
        writer.int(rowsSkipped)
        writer.key("rows_used")
        writer.int(rowsUsed)
        writer.key("skipped")
        writer.beginObject()
        for reason in JSONByteWriter.sortedKeys(skipped.keys) {
            guard let skip = skipped[reason] else { continue }
            writer.key(reason)
            writer.beginObject()
            writer.key("count")
            writer.int(skip.count)
            writer.key("first_locations")
            writer.strings(skip.firstLocations)
            writer.key("first_message")
            writer.string(skip.firstMessage)
            writer.endObject()
        }
        writer.endObject()
        writer.endObject()
    }
}

extension ServiceReliability {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.key("detected_by")
        detectedBy.write(to: &writer)
        writer.key("downtime_seconds")
        writer.double(downtimeSeconds)
        writer.key("eligible_seconds")
        writer.double(eligibleSeconds)
        writer.key("failures")
        writer.int(failures)
        writer.key("incidents")
        writer.int(incidents)
        writer.key("mtbsi")
        mtbsi.write(to: &writer)
        writer.key("mtta")
        mtta.write(to: &writer)
        writer.key("mttd")
        mttd.write(to: &writer)
        writer.key("mttf_seconds")
        writer.double(mttfSeconds)
        writer.key("mttr")
        mttr.write(to: &writer)
        writer.key("ongoing_outages")
        writer.int(ongoingOutages)
        writer.key("open_age")
        openAge.write(to: &writer)
        writer.key("open_incidents")
        writer.int(openIncidents)
        writer.key("reasons")
        writer.beginArray()
        for reason in reasons {
            writer.element()
            reason.write(to: &writer)
        }
        writer.endArray()
        writer.key("service")
        writer.string(service)
        writer.key("time_to_resolve")
        timeToResolve.write(to: &writer)
        writer.key("uptime_percent")
        writer.double(uptimePercent)
        writer.endObject()
    }
}

extension DetectionCounts {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.key("missing")
        writer.int(missing)
        writer.key("monitoring")
        writer.int(monitoring)
        writer.key("monitoring_share")
        writer.double(monitoringShare)
        writer.key("unmapped")
        writer.int(unmapped)
        writer.key("user")
        writer.int(user)
        writer.endObject()
    }
}

extension ReasonBreakdown {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.key("downtime_seconds")
        writer.double(downtimeSeconds)
        writer.key("downtime_share")
        writer.double(downtimeShare)
        writer.key("episode_share")
        writer.double(episodeShare)
        writer.key("episodes")
        writer.int(episodes)
        writer.key("mttr")
        mttr.write(to: &writer)
        writer.key("reason")
        writer.string(reason)
        writer.endObject()
    }
}

extension DurationStatistics {
    func write(to writer: inout JSONByteWriter) {
        writer.beginObject()
        writer.key("max_seconds")
        writer.double(maxSeconds)
        writer.key("mean_seconds")
        writer.double(meanSeconds)
        writer.key("min_seconds")
        writer.double(minSeconds)
        writer.key("n")
        writer.int(count)
        writer.key("p50_seconds")
        writer.double(p50Seconds)
        writer.key("p90_seconds")
        writer.double(p90Seconds)
        writer.endObject()
    }
}

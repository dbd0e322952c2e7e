/// Failure records opened in the window, by their `detected_by` value's source (see
/// <doc:DetectionSource>). The four counts add up to ``ServiceReliability/incidents``.
public struct DetectionCounts: Sendable, Hashable, Codable {
    /// Found by monitoring.
    public var monitoring = 0
    /// Reported by a person.
    public var user = 0
    /// With a `detected_by` value that no map names (listed in ``DataQuality/unmappedDetectionSources``).
    public var unmapped = 0
    /// With no `detected_by` value.
    public var missing = 0

    public init() {}

    /// `monitoring / (monitoring + user)` (0...1): the share found by monitoring among the
    /// records whose source is known; `nil` when none is.
    public var monitoringShare: Double? {
        monitoring + user > 0 ? Double(monitoring) / Double(monitoring + user) : nil
    }

    /// Whether any record had a `detected_by` value.
    public var hasValues: Bool { monitoring + user + unmapped > 0 }

    mutating func count(_ detection: DetectionClassifier.Class) {
        switch detection {
        case .missing: missing += 1
        case .monitoring: monitoring += 1
        case .user: user += 1
        case .unmapped: unmapped += 1
        }
    }

    mutating func merge(_ other: DetectionCounts) {
        monitoring += other.monitoring
        user += other.user
        unmapped += other.unmapped
        missing += other.missing
    }

    enum CodingKeys: String, CodingKey {
        case monitoring, user, unmapped, missing
        case monitoringShare = "monitoring_share"
    }

    /// Encodes the counts and the share (JSON `null` when no source is known).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(monitoring, forKey: .monitoring)
        try container.encode(user, forKey: .user)
        try container.encode(unmapped, forKey: .unmapped)
        try container.encode(missing, forKey: .missing)
        try container.encode(monitoringShare, forKey: .monitoringShare)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        monitoring = try container.decode(Int.self, forKey: .monitoring)
        user = try container.decode(Int.self, forKey: .user)
        unmapped = try container.decode(Int.self, forKey: .unmapped)
        missing = try container.decode(Int.self, forKey: .missing)
    }
}

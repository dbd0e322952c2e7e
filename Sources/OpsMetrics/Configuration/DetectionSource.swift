/// Who found a problem: a monitoring system, or a person who reported it (see <doc:DetectionSource>).
///
/// A record's `detected_by` value (ServiceNow's `contact_type`, a PagerDuty trigger's channel, a
/// `source` column) is read as one of these through ``ReportConfiguration/detectionMap``, the
/// preset's map and the built-in spellings (``builtInSpellings``), in that order.
public enum DetectionSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// Found by a machine: an alert, an event, a monitoring integration.
    case monitoring
    /// Reported by a person: a phone call, an email, the portal, a chat.
    case user

    /// The source for `name` (`monitoring` or `user`, in any case), as `--detection-map` spells it.
    public init?(named name: String) {
        self.init(rawValue: name.lowercased())
    }

    /// The values read as each source when no map names them, compared after
    /// ``Field/normalize(_:)`` (case, spaces, `_`, `-` and `.` do not matter: `Self-service`,
    /// `self service` and `SELF_SERVICE` are one value).
    public static let builtInSpellings: [DetectionSource: [String]] = [
        .monitoring: [
            "monitoring", "monitor", "alert", "alerting", "alarm", "event", "eventmanagement", "integration",
            "automated", "automatic", "auto", "api", "eventsapi", "system",
            "nagios", "icinga", "zabbix", "prometheus", "alertmanager", "datadog", "newrelic", "dynatrace",
            "cloudwatch", "grafana", "splunk",
        ],
        .user: [
            "user", "phone", "telephone", "call", "voice", "ivr", "email", "mail", "selfservice", "portal", "web",
            "webform", "website", "webtrigger", "chat", "virtualagent", "walkin", "sms", "mobile", "servicedesk",
        ],
    ]
}

/// The detection source of each label: the configuration's map over the preset's over the
/// built-in spellings, all matched on normalized values.
struct DetectionClassifier: Sendable {
    /// What a record's `detected_by` says.
    enum Class: UInt8, Sendable {
        /// No value.
        case missing
        case monitoring
        case user
        /// A value no map names.
        case unmapped
    }

    private let sources: [String: DetectionSource]

    init(configuration: ReportConfiguration) {
        var sources: [String: DetectionSource] = [:]
        for (source, spellings) in DetectionSource.builtInSpellings {
            for spelling in spellings { sources[spelling] = source }
        }
        for (value, source) in configuration.preset?.detectionMap ?? [:] { sources[Field.normalize(value)] = source }
        for (value, source) in configuration.detectionMap { sources[Field.normalize(value)] = source }
        self.sources = sources
    }

    /// The class of `value` (a non-empty label).
    func classify(_ value: String) -> Class {
        switch sources[Field.normalize(value)] {
        case .monitoring: .monitoring
        case .user: .user
        case nil: .unmapped
        }
    }

    /// The class of every label id of `labels`, with `.missing` at 0 (no value).
    func classes(of labels: ByteInterner) -> [Class] {
        [.missing] + (0..<labels.count).map { classify(labels.string(UInt32($0 + 1))) }
    }
}

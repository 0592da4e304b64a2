import Foundation
import InvoiceDomain
package import Logging

/// A swift-log handler writing one line per record to stderr, as JSON or logfmt, with sensitive
/// metadata redacted: signature headers, tokens and secrets are dropped, emails and phone numbers masked.
package struct StructuredLogHandler: LogHandler {
    package typealias Format = LogFormat

    package var metadata: Logger.Metadata = [:]
    package var logLevel: Logger.Level
    private let label: String
    private let format: Format
    private let sink: @Sendable (String) -> Void

    package init(label: String, level: Logger.Level, format: Format, sink: @escaping @Sendable (String) -> Void = StructuredLogHandler.stderr) {
        self.label = label
        self.logLevel = level
        self.format = format
        self.sink = sink
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var fields: [(String, String)] = [
            ("ts", Self.timestamp()), ("level", event.level.rawValue), ("logger", label), ("msg", Self.redact(key: "msg", value: event.message.description)),
        ]
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        for key in merged.keys.sorted() {
            guard let value = merged[key] else { continue }
            fields.append((key, Self.redact(key: key, value: "\(value)")))
        }
        sink(format == .json ? Self.json(fields) : Self.logfmt(fields))
    }

    // MARK: - Redaction

    private static let secretKeys = ["secret", "token", "password", "authorization", "signature", "api_key", "apikey", "credential"]

    /// Masks values that must never reach logs. Keys naming a secret are replaced entirely;
    /// emails and E.164 numbers inside any value are masked.
    package static func redact(key: String, value: String) -> String {
        let lower = key.lowercased()
        if secretKeys.contains(where: { lower.contains($0) }) { return "[REDACTED]" }
        var result = value
        result = result.replacingOccurrences(of: #"[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,})"#, with: "***@$1", options: .regularExpression)
        result = result.replacingOccurrences(of: #"\+[1-9][0-9]{5,12}([0-9]{2})"#, with: "+***$1", options: .regularExpression)
        result = result.replacingOccurrences(of: #"whsec_[A-Za-z0-9+/=_]+"#, with: "whsec_[REDACTED]", options: .regularExpression)
        result = result.replacingOccurrences(of: #"(sk|rk)_(test|live)_[A-Za-z0-9]+"#, with: "$1_$2_[REDACTED]", options: .regularExpression)
        return result
    }

    // MARK: - Encoding

    private static func json(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(quote($0.0)):\(quote($0.1))" }.joined(separator: ",") + "}"
    }

    private static func logfmt(_ fields: [(String, String)]) -> String {
        fields.map { key, value in
            let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "=" || $0 == "\"" }
            return "\(key)=\(needsQuotes ? quote(value) : value)"
        }.joined(separator: " ")
    }

    private static func quote(_ s: String) -> String { JSONString.quoted(s) }

    private static func timestamp() -> String {
        Date().formatted(.iso8601.year().month().day().timeZone(separator: .omitted).time(includingFractionalSeconds: true).timeSeparator(.colon).dateSeparator(.dash))
    }

    package static let stderr: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

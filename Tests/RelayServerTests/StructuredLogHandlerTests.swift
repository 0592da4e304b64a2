import Foundation
import Logging
import RelayServer
import Testing

/// The log handler's own redaction, independent of what callers remember to leave out.
@Suite struct StructuredLogHandlerTests {
    @Test func secretsAndContactDetailsAreMaskedInMessagesAndMetadata() throws {
        let lines = LineSink()
        var handler = StructuredLogHandler(label: "t", level: .trace, format: .json, sink: { lines.append($0) })
        handler[metadataKey: "request"] = "r1"
        let logger = Logger(label: "t") { _ in handler }
        logger.warning(
            "sending to jane.doe@example.com with whsec_abcDEF123 and sk_live_51Hxyz",
            metadata: ["authorization": "Bearer irt_secret", "to": "+14155550123", "stripe-signature": "t=1,v1=ab"]
        )
        let line = try #require(lines.all.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["msg"] == "sending to ***@example.com with whsec_[REDACTED] and sk_live_[REDACTED]")
        #expect(object["authorization"] == "[REDACTED]")
        #expect(object["stripe-signature"] == "[REDACTED]")
        #expect(object["to"] == "+***23")
        #expect(object["request"] == "r1")
        #expect(object["level"] == "warning")
    }

    @Test func logfmtQuotesValuesWithSpaces() throws {
        let lines = LineSink()
        let handler = StructuredLogHandler(label: "t", level: .info, format: .logfmt, sink: { lines.append($0) })
        Logger(label: "t") { _ in handler }.info("two words", metadata: ["k": "v"])
        let line = try #require(lines.all.first)
        #expect(line.contains(#"msg="two words""#))
        #expect(line.contains("k=v"))
    }
}

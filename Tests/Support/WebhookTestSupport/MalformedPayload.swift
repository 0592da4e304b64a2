/// A webhook body that is not a well-formed JSON object, named by what is wrong with it: each must be refused
/// (400 `invalid_payload`, nothing stored) even when correctly signed.
package struct MalformedPayload: Sendable, CustomStringConvertible {
    package var name: String
    package var bytes: [UInt8]
    package var description: String { name }

    package static let all: [MalformedPayload] = [
        MalformedPayload(name: "empty body", bytes: []),
        MalformedPayload(name: "truncated JSON", bytes: Array(#"{"id":"evt_1","object":"event","type":"invoice.paid","created":17640"#.utf8)),
        MalformedPayload(name: "plain text", bytes: Array("payment received, thanks".utf8)),
        MalformedPayload(name: "invalid UTF-8", bytes: Array(#"{"id":"evt_"#.utf8) + [0xFF, 0xFE] + Array(#"","type":"invoice.paid"}"#.utf8)),
        MalformedPayload(
            name: "object then trailing garbage",
            bytes: Array(#"{"id":"evt_1","object":"event","type":"charge.succeeded","created":1764000000} trailing"#.utf8)
        ),
        MalformedPayload(name: "JSON array", bytes: Array(#"[{"id":"evt_1","type":"invoice.paid"}]"#.utf8)),
        MalformedPayload(name: "JSON string", bytes: Array(#""evt_1""#.utf8)),
    ]
}

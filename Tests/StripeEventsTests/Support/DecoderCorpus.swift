import Foundation
import InvoiceDomain
import WebhookTestSupport

/// Event bodies that reach every branch of ``StripeEventDecoder``, both paths: every input of the decoder's own tests,
/// the shared vectors, each read field set to each JSON type, JSON quirks the decoder's scanner lets through,
/// truncations, and seeded random mutations.
enum DecoderCorpus {
    struct Body: Sendable, CustomStringConvertible {
        var name: String
        var bytes: [UInt8]
        var description: String { name }
    }

    /// Everything but the random mutations.
    static func all() throws -> [Body] {
        try decoderTestInputs() + vectors() + fieldVariants() + jsonQuirks() + realisticVariants() + truncations()
    }

    private static func body(_ name: String, _ object: Any) -> Body {
        Body(name: name, bytes: StripeEventDecoderTests.json(object))
    }

    private static func event(_ name: String, type: String = "invoice.updated", invoice: [String: Any] = StripeEventDecoderTests.invoiceObject()) -> Body {
        Body(name: name, bytes: StripeEventDecoderTests.event(type: type, invoice: invoice))
    }

    // MARK: - The decoder tests' own inputs

    private static func decoderTestInputs() throws -> [Body] {
        var bodies = InvoiceEventKind.allCases.map { event("kind \($0.rawValue)", type: $0.rawValue) }
        let declined = StripeEventDecoderTests.invoice(with: ["last_finalization_error": ["message": "Your card was declined.", "code": "card_declined"]])
        bodies += [InvoiceEventKind.paymentFailed, .finalized].map { event("finalization error \($0)", type: $0.rawValue, invoice: declined) }
        bodies.append(event("minimal", type: "invoice.created", invoice: [
            "id": "in_min", "currency": "jpy", "amount_due": 500, "amount_paid": 0, "amount_remaining": 500, "status": "draft",
            "customer": NSNull(), "due_date": NSNull(), "customer_email": NSNull(), "customer_phone": "", "metadata": [:] as [String: Any],
        ]))
        bodies.append(event("expanded customer", invoice: StripeEventDecoderTests.invoice(with: [
            "customer": ["id": "cus_Expanded", "object": "customer", "email": "grace@example.org", "name": "Grace", "phone": "+12025550123", "preferred_locales": ["en-US"]],
            "customer_email": NSNull(), "customer_name": NSNull(), "customer_phone": NSNull(), "customer_preferred_locales": [String](),
        ])))
        bodies.append(event("expanded customer without id", invoice: StripeEventDecoderTests.invoice(with: ["customer": ["object": "customer"]])))
        bodies.append(event("locale from metadata", invoice: StripeEventDecoderTests.invoice(with: ["customer_preferred_locales": NSNull()])))
        var unknown = StripeEventDecoderTests.invoice(with: [
            "rendering": ["template": NSNull(), "pdf": ["page_size": "a4"]], "total_taxes": [["amount": 1]], "brand_new_flag": true,
            "amount_overpaid": 0, "parent": ["type": "subscription_details"], "status_transitions": ["paid_at": NSNull()],
        ])
        unknown["status_transitions"] = ["paid_at": NSNull()]
        bodies.append(Body(name: "unknown fields", bytes: StripeEventDecoderTests.event(
            invoice: unknown, extra: ["api_version": "2099-01-01.future", "context": "acct_x", "request": ["id": NSNull()], "pending_webhooks": 3]
        )))
        bodies.append(event("phone punctuation", invoice: StripeEventDecoderTests.invoice(with: ["customer_phone": "+1 (202) 555-0123"])))
        for type in ["customer.created", "invoice.upcoming", "invoiceitem.created", "charge.succeeded", "invoice.sent"] {
            bodies.append(body("unhandled \(type)", ["id": "evt_other", "object": "event", "type": type, "created": 1_764_000_001, "data": ["object": ["id": "x"]]]))
        }
        let changes: [[String: Any]] = [
            ["currency": "xyz"], ["amount_due": -1], ["amount_remaining": -500], ["customer_email": "not an email"],
            ["customer_email": "ada@@example.com"], ["customer_phone": "555-0100"], ["customer_phone": "+0123456"], ["attempt_count": -2],
            ["amount_due": "4200"], ["amount_paid": 10.5], ["amount_remaining": NSNull()], ["currency": 840], ["status": NSNull()],
            ["id": ""], ["customer": 42], ["customer_email": ["ada@example.com"]], ["due_date": "tomorrow"], ["metadata": "x"],
            ["object": "subscription"],
        ]
        for (index, change) in changes.enumerated() {
            bodies.append(event("change \(index) \(change.keys.sorted())", type: "invoice.paid", invoice: StripeEventDecoderTests.invoice(with: change)))
        }
        var everything = StripeEventDecoderTests.invoiceObject()
        everything["id"] = nil
        everything["currency"] = nil
        everything["amount_due"] = true
        bodies.append(event("every problem", invoice: everything))
        for text in [#"not json"#, "", "{", #"{"id":"evt_1","type":"invoice.paid""#, "\u{FF}\u{FE}", "null", "[1,2]", #""a string""#, "42"] {
            bodies.append(Body(name: "not an object: \(text.debugDescription)", bytes: Array(text.utf8)))
        }
        var invalidUTF8 = StripeEventDecoderTests.event()
        invalidUTF8.insert(0xFF, at: 10)
        bodies.append(Body(name: "invalid UTF-8 in a key", bytes: invalidUTF8))
        let deep = Array(repeating: UInt8(ascii: "["), count: 2_000) + Array(repeating: UInt8(ascii: "]"), count: 2_000)
        bodies.append(Body(name: "deep array", bytes: deep))
        bodies.append(Body(name: "deep data.object", bytes: Array(#"{"id":"evt_1","type":"invoice.paid","created":1,"data":{"object":"#.utf8) + deep + Array("}}".utf8)))
        let envelopes: [(String, [String: Any])] = [
            ("no data.object", ["id": "evt_2", "object": "event", "type": "invoice.paid", "created": 1_764_000_000, "data": [:] as [String: Any]]),
            ("no data", ["id": "evt_3", "type": "invoice.paid", "created": 1_764_000_000]),
            ("data.object a string", ["id": "evt_3", "type": "invoice.paid", "created": 1_764_000_000, "data": ["object": "in_1"]]),
            ("no id", ["type": "invoice.paid", "created": 1_764_000_000, "data": ["object": StripeEventDecoderTests.invoiceObject()]]),
            ("no type", ["id": "evt_4", "created": 1_764_000_000]),
            ("type a number", ["id": "evt_4", "type": 7]),
            ("no created", ["id": "evt_5", "type": "invoice.paid", "data": ["object": StripeEventDecoderTests.invoiceObject()]]),
        ]
        bodies += envelopes.map { body($0.0, $0.1) }
        bodies.append(Body(name: "created a string", bytes: StripeEventDecoderTests.event(extra: ["created": "1764000000"])))
        bodies.append(Body(name: "object invoice", bytes: StripeEventDecoderTests.event(extra: ["object": "invoice"])))
        return bodies
    }

    // MARK: - Shared vectors

    private static func vectors() throws -> [Body] {
        let vectors = try TestVectors.load()
        var bodies = [
            Body(name: "vector stripe", bytes: vectors.stripe.payload.bytes),
            Body(name: "vector stripe rotation", bytes: vectors.stripeRotation.payload.bytes),
            Body(name: "vector stripe-dotnet", bytes: try TestVectors.fileBytes(vectors.stripeOfficialDotnet.payloadFile)),
            Body(name: "vector github", bytes: vectors.githubOfficial.payload.bytes),
        ]
        bodies += vectors.allStandardWebhooks.map { Body(name: "vector \($0.source)", bytes: $0.payload.bytes) }
        return bodies
    }

    // MARK: - Each read field set to each kind of JSON value

    /// Values for a field; `nil` removes the key.
    private static func values() -> [(String, Any?)] {
        [
            ("absent", nil), ("null", NSNull()), ("empty", ""), ("string", "x"), ("currency", "usd"), ("event", "event"),
            ("invoice", "invoice"), ("handled type", "invoice.paid"), ("zero", 0), ("negative", -1), ("big", 9_000_000_000_000),
            ("fraction", 1.5), ("true", true), ("false", false), ("empty array", [Any]()), ("array of empty", [""]),
            ("array of locale", ["pt-BR", "en"]), ("array of number", [1]), ("array of null", [NSNull()]), ("empty object", [String: Any]()),
            ("customer object", ["id": "cus_V", "email": "v@example.com", "name": "V", "phone": "+1 (202) 555-0199", "preferred_locales": ["it"]]),
            ("message object", ["message": "Card expired", "locale": "es", "time_zone": "America/Lima"]),
        ]
    }

    private static func setting(_ dictionary: [String: Any], _ key: String, _ value: Any?) -> [String: Any] {
        var copy = dictionary
        copy[key] = value
        return copy
    }

    private static func fieldVariants() -> [Body] {
        var bodies: [Body] = []
        let invoice = StripeEventDecoderTests.invoiceObject()
        var contactless = invoice
        for key in ["customer_name", "customer_email", "customer_phone", "customer_preferred_locales"] { contactless[key] = NSNull() }
        let customer: [String: Any] = ["id": "cus_E", "object": "customer", "name": "Eve", "email": "eve@example.com", "phone": "+447700900999", "preferred_locales": ["nl"]]

        for (valueName, value) in values() {
            for key in ["id", "type", "created", "object", "api_version", "data"] {
                for type in ["invoice.payment_failed", "charge.succeeded"] {
                    var event: [String: Any] = [
                        "id": "evt_V", "object": "event", "type": type, "created": 1_764_000_000, "api_version": "2024-06-20", "data": ["object": invoice],
                    ]
                    event[key] = value
                    bodies.append(body("event.\(key) = \(valueName), \(type)", event))
                }
            }
            for key in ["data.object"] {
                bodies.append(body("\(key) = \(valueName)", ["id": "evt_V", "type": "invoice.paid", "created": 1, "data": setting([:], "object", value)]))
            }
            for key in invoice.keys.sorted() + ["customer_preferred_locales", "last_finalization_error"] {
                bodies.append(event("invoice.\(key) = \(valueName)", type: "invoice.payment_failed", invoice: setting(invoice, key, value)))
                bodies.append(event("contactless invoice.\(key) = \(valueName)", type: "invoice.finalized", invoice: setting(contactless, key, value)))
            }
            for key in customer.keys.sorted() {
                bodies.append(event("customer.\(key) = \(valueName)", invoice: setting(invoice, "customer", setting(customer, key, value))))
                bodies.append(event("contactless customer.\(key) = \(valueName)", invoice: setting(contactless, "customer", setting(customer, key, value))))
            }
            for key in ["locale", "time_zone"] {
                let metadata = setting(["locale": "fr-FR", "time_zone": "Europe/Paris"], key, value)
                bodies.append(event("metadata.\(key) = \(valueName)", invoice: setting(invoice, "metadata", metadata)))
                bodies.append(event("contactless metadata.\(key) = \(valueName)", invoice: setting(contactless, "metadata", metadata)))
            }
            bodies.append(event("last_finalization_error.message = \(valueName)", type: "invoice.payment_failed",
                                invoice: setting(invoice, "last_finalization_error", setting(["code": "x"], "message", value))))
        }
        return bodies
    }

    // MARK: - JSON the scanner accepts that a strict reader might not

    /// Values that `JSONDecoder` scans without complaint but converts, if asked, with an error (or not).
    static let unusualTokens: [String] = [
        #""\q""#, #""\ud800""#, #""\udc00x""#, #""\uDE00\uD83D""#, #""\uD83D\uDE00""#, #""\uZZZZ""#, #""\u00e9""#, #""\u0000""#,
        #""\/\b\f\n\r\t\"\\""#, "\"a\nb\"", "\"a\tb\"", "\"a\u{01}b\"", "\"a\u{7F}b\"", "\"José €\"", "\"\u{FFFF}\"",
        "01", "-01", "00", "1.", "1.e5", "1e", "1e+", "1E-", "1ee2", "1-2", "--1", "-", "1+", "1.5.5", "1e5e5", "0.0e",
        "2e308", "-1e400", "1e-400", "1e3", "1E2", "1.0", "-0", "-0.0", "0.5", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "123456789012345678901234567890", String(repeating: "9", count: 400),
        "true", "false", "null", "[1,]", "{\"k\":1,}", "[]", "{}",
    ]

    private static func jsonQuirks() -> [Body] {
        var bodies: [Body] = []
        let base = String(decoding: StripeEventDecoderTests.event(type: "invoice.paid"), as: UTF8.self)
        let ignored = #"{"id":"evt_I","object":"event","type":"charge.succeeded","created":1764000000,"data":{"object":{"id":"ch_1"}}}"#
        for token in unusualTokens {
            bodies.append(Body(name: "unknown field = \(token.debugDescription)", bytes: Array(("{\"zz\":\(token)," + base.dropFirst()).utf8)))
            bodies.append(Body(name: "unknown key ignored event = \(token.debugDescription)", bytes: Array(("{\"zz\":\(token)," + ignored.dropFirst()).utf8)))
            bodies.append(Body(name: "nested unknown = \(token.debugDescription)", bytes: Array(
                base.replacingOccurrences(of: #""livemode":false"#, with: "\"livemode\":[{\"deep\":\(token)}]").utf8
            )))
            for key in ["amount_due", "currency", "customer_email", "due_date", "number"] {
                bodies.append(Body(name: "\(key) = \(token.debugDescription)", bytes: Array(
                    base.replacingOccurrences(of: "\"\(key)\":", with: "\"\(key)\":\(token),\"\(key)_was\":").utf8
                )))
            }
        }
        let raw: [(String, String)] = [
            ("duplicate id", #"{"id":"evt_A","id":"evt_B","type":"invoice.voided","created":1}"#),
            ("duplicate type", #"{"id":"evt_A","type":"charge.failed","type":"invoice.paid","created":1}"#),
            ("escaped key", #"{"\u0069d":"evt_A","type":"invoice.voided","created":1}"#),
            ("escaped value", #"{"id":"evt_\u0041","type":"invoice\u002evoided","created":1}"#),
            ("escaped slash", #"{"id":"evt\/1","type":"invoice.voided","created":1}"#),
            ("trailing comma", #"{"id":"evt_A","type":"invoice.voided","created":1,}"#),
            ("whitespace", " \n\t{ \"id\" : \"evt_A\" ,\r\n \"type\":\"invoice.voided\" , \"created\" : 1 } \n"),
            ("byte order mark", "\u{FEFF}" + #"{"id":"evt_A","type":"invoice.voided","created":1}"#),
            ("trailing garbage", #"{"id":"evt_A","type":"invoice.voided","created":1} x"#),
            ("trailing NUL", #"{"id":"evt_A","type":"invoice.voided","created":1}"# + "\u{0}"),
            ("created fraction", #"{"id":"evt_A","type":"invoice.voided","created":1.0}"#),
            ("created exponent", #"{"id":"evt_A","type":"invoice.voided","created":1.7e9}"#),
            ("created huge", #"{"id":"evt_A","type":"invoice.voided","created":99999999999999999999}"#),
            ("object null", #"{"id":"evt_A","object":null,"type":"invoice.voided","created":1}"#),
            ("ignored with broken data", #"{"id":"evt_A","type":"charge.failed","created":1,"data":{"object":{"amount_due":"x","customer":7}}}"#),
            ("ignored without created", #"{"id":"evt_A","type":"charge.failed"}"#),
            ("ignored with api_version number", #"{"id":"evt_A","type":"charge.failed","api_version":3}"#),
            ("array top level of event", "[" + base + "]"),
            ("two events", base + base),
            ("missing colon", #"{"id" "evt_A","type":"invoice.voided","created":1}"#),
            ("missing comma", #"{"id":"evt_A" "type":"invoice.voided","created":1}"#),
            ("unclosed object", #"{"id":"evt_A","type":"invoice.voided","created":1"#),
            ("unclosed string", #"{"id":"evt_A","type":"invoice.voided","created":1,"zz":"abc}"#),
            ("unclosed nested array", #"{"id":"evt_A","type":"invoice.voided","created":1,"zz":[1,2}"#),
            ("mismatched brackets", #"{"id":"evt_A","type":"invoice.voided","created":1,"zz":{"a":1]}"#),
            ("literal typo", #"{"id":"evt_A","type":"invoice.voided","created":1,"zz":nul}"#),
            ("literal in read field", #"{"id":"evt_A","type":"invoice.voided","created":true}"#),
            ("key without value", #"{"id":"evt_A","type":"invoice.voided","created":}"#),
            ("empty", ""),
            ("only whitespace", " \n "),
            ("deep unknown nesting", "{\"zz\":" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "," + base.dropFirst()),
        ]
        bodies += raw.map { Body(name: $0.0, bytes: Array($0.1.utf8)) }
        bodies.append(Body(name: "invalid UTF-8 in unknown value", bytes: Array(#"{"zz":""#.utf8) + [0xC3, 0x28] + Array(("\"," + base.dropFirst()).utf8)))
        bodies.append(Body(name: "overlong UTF-8 in unknown value", bytes: Array(#"{"zz":""#.utf8) + [0xC0, 0xAF] + Array(("\"," + base.dropFirst()).utf8)))
        bodies.append(Body(name: "UTF-8 surrogate in unknown value", bytes: Array(#"{"zz":""#.utf8) + [0xED, 0xA0, 0x80] + Array(("\"," + base.dropFirst()).utf8)))
        bodies.append(Body(name: "valid UTF-8 in unknown value", bytes: Array(#"{"zz":""#.utf8) + [0xF0, 0x9F, 0x98, 0x80] + Array(("\"," + base.dropFirst()).utf8)))
        return bodies
    }

    // MARK: - A realistic Stripe event

    private static func realisticVariants() -> [Body] {
        let text = RealisticStripeEvent.invoicePaymentFailed
        var bodies = [Body(name: "realistic", bytes: RealisticStripeEvent.bytes)]
        for kind in InvoiceEventKind.allCases {
            bodies.append(Body(name: "realistic \(kind.rawValue)", bytes: Array(text.replacingOccurrences(of: "invoice.payment_failed", with: kind.rawValue).utf8)))
        }
        let expanded = #""customer": {"id": "cus_X", "object": "customer", "name": "Zoë", "email": "zoe@example.com", "phone": "+33 1 23 45 67 89", "preferred_locales": ["fr"]},"#
        let substitutions: [(String, String, String)] = [
            ("expanded customer", #""customer": "cus_Realistic0001","#, expanded),
            ("escapes in name", #""customer_name": "José Müller","#, #""customer_name": "Jos\u00e9 \"Pepe\" M\u00fcller\n","#),
            ("surrogate escape in line", "1 × Pro plan", #"1 \uD83D\uDE00 Pro plan"#),
            ("control character in line", "1 × Pro plan", "1 \u{01} Pro plan"),
            ("finalization error", #""last_finalization_error": null,"#, #""last_finalization_error": {"code": "x", "message": "Declined"},"#),
            ("bad email", "jose@example.com", "jose at example"),
            ("no metadata", #""locale": "de-DE","#, ""),
        ]
        for (name, target, replacement) in substitutions {
            bodies.append(Body(name: "realistic, \(name)", bytes: Array(text.replacingOccurrences(of: target, with: replacement).utf8)))
        }
        if let object = try? JSONSerialization.jsonObject(with: Data(RealisticStripeEvent.bytes)) {
            bodies.append(body("realistic, re-serialised", object))
        }
        return bodies
    }

    // MARK: - Truncations

    private static func truncations() throws -> [Body] {
        let vector = try TestVectors.load().stripe.payload.bytes
        let realistic = RealisticStripeEvent.bytes
        return (0..<vector.count).map { Body(name: "vector prefix \($0)", bytes: Array(vector.prefix($0))) }
            + stride(from: 0, to: realistic.count, by: 97).map { Body(name: "realistic prefix \($0)", bytes: Array(realistic.prefix($0))) }
    }

    // MARK: - Random mutations

    private static let snippets: [[UInt8]] = [
        "\"", "\\", "\\u", "\\uD800", "{", "}", "[", "]", ",", ":", "0", "01", "1e999", "-", ".", "e", "null", "true", ",\"x\":1",
        "\u{01}", "\n", " ", "é", "\u{FEFF}",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0x80], [0xED, 0xA0, 0x80]]

    /// `count` bodies, each `base` with one to three random edits (replace, insert or delete), reproducibly from `seed`.
    static func mutations(of base: [UInt8], count: Int, seed: UInt64) -> [Body] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { number in
            var bytes = base
            for _ in 0...Int.random(in: 0...2, using: &random) where !bytes.isEmpty {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                let snippet = snippets[Int.random(in: 0..<snippets.count, using: &random)]
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes.replaceSubrange(position..<min(bytes.count, position + snippet.count), with: snippet)
                case 1: bytes.insert(contentsOf: snippet, at: position)
                default: bytes.remove(at: position)
                }
            }
            return Body(name: "mutation \(number) of seed \(seed)", bytes: bytes)
        }
    }
}

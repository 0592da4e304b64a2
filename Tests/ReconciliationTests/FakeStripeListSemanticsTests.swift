import FakeProviders
import Foundation
import Testing

/// The fake's own contract, exercised over raw HTTP so it holds for any client, not just ours.
@Suite("Fake Stripe list semantics")
struct FakeStripeListSemanticsTests {
    private func ids(_ body: String) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let data = try #require(object["data"] as? [[String: Any]])
        return data.compactMap { $0["id"] as? String }
    }

    private func error(_ body: String) throws -> [String: String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        return try #require(object["error"] as? [String: String])
    }

    private func seed(_ fake: FakeStripe) {
        let types = ["invoice.paid", "invoice.created", "customer.created"]
        for n in 0..<9 {
            StripeFixtures.addEvent(fake, id: "evt_\(n)", type: types[n % 3], created: StripeFixtures.baseTime + Int64(n))
        }
    }

    @Test("envelope, default limit of 10, newest first")
    func envelope() async throws {
        try await StripeHarness.run { harness in
            for n in 0..<12 { StripeFixtures.addEvent(harness.fake, id: "evt_e\(n)", created: StripeFixtures.baseTime + Int64(n)) }
            let response = try await harness.rawGet("/v1/events")
            #expect(response.status == 200)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any])
            #expect(object["object"] as? String == "list")
            #expect(object["has_more"] as? Bool == true)
            #expect(object["url"] as? String == "/v1/events")
            #expect(try ids(response.body) == (2..<12).reversed().map { "evt_e\($0)" })
            #expect(response.headers.contains { $0.0.lowercased() == "request-id" && $0.1.hasPrefix("req_") })
            #expect(response.headers.contains { $0.0.lowercased() == "content-type" && $0.1 == "application/json" })
        }
    }

    @Test("types[] may be literal, percent-encoded or indexed", arguments: [
        "types[]=invoice.paid&types[]=customer.created",
        "types%5B%5D=invoice.paid&types%5B%5D=customer.created",
        "types[0]=invoice.paid&types[1]=customer.created",
        "types%5B0%5D=invoice.paid&types%5B1%5D=customer.created",
    ])
    func typesSpellings(query: String) async throws {
        try await StripeHarness.run { harness in
            seed(harness.fake)
            let response = try await harness.rawGet("/v1/events?limit=100&" + query)
            #expect(response.status == 200)
            #expect(try ids(response.body) == ["evt_8", "evt_6", "evt_5", "evt_3", "evt_2", "evt_0"])
        }
    }

    @Test("created filters", arguments: [
        ("created=1764000004", ["evt_4"]),
        ("created[gt]=1764000006", ["evt_8", "evt_7"]),
        ("created%5Bgte%5D=1764000007", ["evt_8", "evt_7"]),
        ("created[lt]=1764000002", ["evt_1", "evt_0"]),
        ("created[lte]=1764000001&created[gte]=1764000001", ["evt_1"]),
    ])
    func createdFilters(query: String, expected: [String]) async throws {
        try await StripeHarness.run { harness in
            seed(harness.fake)
            let response = try await harness.rawGet("/v1/events?" + query)
            #expect(response.status == 200)
            #expect(try ids(response.body) == expected)
        }
    }

    @Test("type= matches exactly, or a group with a trailing *")
    func typeWildcard() async throws {
        try await StripeHarness.run { harness in
            seed(harness.fake)
            let group = try await harness.rawGet("/v1/events?type=invoice.%2A")
            #expect(try ids(group.body) == ["evt_7", "evt_6", "evt_4", "evt_3", "evt_1", "evt_0"])
            let exact = try await harness.rawGet("/v1/events?type=invoice.created")
            #expect(try ids(exact.body) == ["evt_7", "evt_4", "evt_1"])
        }
    }

    @Test("starting_after and ending_before page both ways from a cursor")
    func cursors() async throws {
        try await StripeHarness.run { harness in
            seed(harness.fake)
            let after = try await harness.rawGet("/v1/events?limit=3&starting_after=evt_6")
            #expect(try ids(after.body) == ["evt_5", "evt_4", "evt_3"])
            #expect(after.body.contains(#""has_more": true"#))
            let before = try await harness.rawGet("/v1/events?limit=2&ending_before=evt_5")
            #expect(try ids(before.body) == ["evt_7", "evt_6"])
            #expect(before.body.contains(#""has_more": true"#))
            let first = try await harness.rawGet("/v1/events?limit=5&ending_before=evt_6")
            #expect(try ids(first.body) == ["evt_8", "evt_7"])
            #expect(first.body.contains(#""has_more": false"#))
        }
    }

    @Test("invalid parameters are 400 invalid_request_error naming the param", arguments: [
        ("/v1/events?limit=0", "limit", nil),
        ("/v1/events?limit=101", "limit", nil),
        ("/v1/events?limit=ten", "limit", nil),
        ("/v1/events?starting_after=evt_nope", "starting_after", "resource_missing"),
        ("/v1/invoices?ending_before=in_nope", "ending_before", "resource_missing"),
        ("/v1/events?starting_after=evt_1&ending_before=evt_2", "ending_before", nil),
        ("/v1/events?colour=blue", "colour", "parameter_unknown"),
        ("/v1/events?created[since]=1", "created[since]", "parameter_unknown"),
        ("/v1/events?created[gte]=soon", "created[gte]", nil),
        ("/v1/invoices?status=overdue", "status", nil),
    ] as [(String, String, String?)])
    func invalidParameters(path: String, param: String, code: String?) async throws {
        try await StripeHarness.run { harness in
            seed(harness.fake)
            let response = try await harness.rawGet(path)
            #expect(response.status == 400)
            let error = try error(response.body)
            #expect(error["type"] == "invalid_request_error")
            #expect(error["param"] == param)
            if let code { #expect(error["code"] == code) }
        }
    }

    @Test("authentication: missing, wrong, Basic and Bearer")
    func authentication() async throws {
        try await StripeHarness.run { harness in
            let missing = try await harness.rawGet("/v1/events", authorization: nil)
            #expect(missing.status == 401)
            #expect(try error(missing.body)["message"]?.hasPrefix("You did not provide an API key.") == true)

            let wrongKey = "sk_test_51QxNotTheRightKey123456789wxyz"
            let wrong = try await harness.rawGet("/v1/events", authorization: "Bearer \(wrongKey)")
            #expect(wrong.status == 401)
            #expect(try error(wrong.body) == ["message": "Invalid API Key provided: sk_test_****wxyz", "type": "invalid_request_error"])
            #expect(!wrong.body.contains(wrongKey))

            let basic = Data("\(StripeHarness.secretKey):".utf8).base64EncodedString()
            #expect(try await harness.rawGet("/v1/events", authorization: "Basic \(basic)").status == 200)
            #expect(try await harness.rawGet("/v1/events").status == 200)
        }
    }

    @Test("Stripe-Version is recorded and echoed; a malformed one is rejected")
    func stripeVersion() async throws {
        try await StripeHarness.run { harness in
            let echoed = try await harness.rawGet("/v1/events", headers: [("Stripe-Version", "2024-06-20")])
            #expect(echoed.headers.contains { $0.0.lowercased() == "stripe-version" && $0.1 == "2024-06-20" })
            #expect(harness.fake.requests().last?.header("Stripe-Version") == "2024-06-20")

            let defaulted = try await harness.rawGet("/v1/events")
            #expect(defaulted.headers.contains { $0.0.lowercased() == "stripe-version" && $0.1 == FakeStripe.defaultAPIVersion })

            let bad = try await harness.rawGet("/v1/events", headers: [("Stripe-Version", "latest")])
            #expect(bad.status == 400)
            #expect(try error(bad.body)["message"] == "Invalid Stripe API version: latest")
        }
    }

    @Test("unknown URLs and single objects answer like Stripe")
    func unknownURLsAndRetrieve() async throws {
        try await StripeHarness.run { harness in
            StripeFixtures.addEvent(harness.fake, id: "evt_one", created: StripeFixtures.baseTime)
            harness.fake.upsertInvoice(StripeFixtures.invoice("in_one"))
            let unknown = try await harness.rawGet("/v1/charges")
            #expect(unknown.status == 404)
            #expect(try error(unknown.body)["message"]?.hasPrefix("Unrecognized request URL (GET: /v1/charges).") == true)
            #expect(try await harness.rawGet("/v1/events/evt_one").status == 200)
            #expect(try await harness.rawGet("/v1/invoices/in_one").status == 200)
            let missing = try await harness.rawGet("/v1/invoices/in_two")
            #expect(missing.status == 404)
            #expect(try error(missing.body)["code"] == "resource_missing")
        }
    }

    @Test("invoices filter by customer")
    func invoicesByCustomer() async throws {
        try await StripeHarness.run { harness in
            harness.fake.upsertInvoice(StripeFixtures.invoice("in_a", created: StripeFixtures.baseTime, customer: "cus_A"))
            harness.fake.upsertInvoice(StripeFixtures.invoice("in_b", created: StripeFixtures.baseTime + 1, customer: "cus_B"))
            harness.fake.upsertInvoice(StripeFixtures.invoice("in_c", created: StripeFixtures.baseTime + 2, customer: "cus_A"))
            let response = try await harness.rawGet("/v1/invoices?customer=cus_A")
            #expect(try ids(response.body) == ["in_c", "in_a"])
        }
    }

    @Test("makeInvoiceEvent builds Stripe's event and invoice shape")
    func invoiceEventShape() async throws {
        try await StripeHarness.run { harness in
            let invoice = StripeFixtures.invoice("in_shape", status: "paid")
            let bytes = harness.fake.makeInvoiceEvent(id: "evt_shape", type: "invoice.paid", created: 1_764_000_000, invoice: invoice)
            let event = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            #expect(event["object"] as? String == "event")
            #expect(event["api_version"] as? String == FakeStripe.defaultAPIVersion)
            #expect(event["livemode"] as? Bool == false)
            #expect(event["type"] as? String == "invoice.paid")
            let data = try #require(event["data"] as? [String: Any])
            let object = try #require(data["object"] as? [String: Any])
            #expect(object["object"] as? String == "invoice")
            #expect(object["id"] as? String == "in_shape")
            #expect(object["currency"] as? String == "usd")
            #expect(object["amount_due"] as? Int == 12_500)
            #expect(object["amount_paid"] as? Int == 12_500)
            #expect(object["amount_remaining"] as? Int == 0)
            #expect(object["status"] as? String == "paid")
            #expect(object["customer_email"] as? String == "ada@example.com")
            #expect(object["customer_phone"] as? String == "+14155550100")
            #expect(object["due_date"] as? Int == Int(StripeFixtures.baseTime + 30 * 86_400))
            #expect((object["hosted_invoice_url"] as? String)?.hasPrefix("https://invoice.stripe.com/") == true)
            #expect(object["attempt_count"] as? Int == 1)
            #expect(object["number"] as? String == "INV-hape")
        }
    }

    @Test("addEvent(json:) reads the list keys and rejects JSON without them")
    func addEventFromJSON() async throws {
        try await StripeHarness.run { harness in
            let event = try harness.fake.addEvent(json: Array(#"{"id":"evt_j","object":"event","type":"invoice.paid","created":1764000001}"#.utf8))
            #expect(event.id == "evt_j")
            #expect(event.created == 1_764_000_001)
            #expect(throws: FakeStripeError.self) {
                try harness.fake.addEvent(json: Array(#"{"id":"evt_k","type":"invoice.paid"}"#.utf8))
            }
            #expect(harness.fake.events.map(\.id) == ["evt_j"])
        }
    }
}

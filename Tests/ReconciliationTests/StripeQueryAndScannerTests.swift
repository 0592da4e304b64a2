import Foundation
@testable import Reconciliation
import Testing

@Suite("Stripe query encoding and list slicing")
struct StripeQueryAndScannerTests {
    @Test("escape keeps only RFC 3986 unreserved characters", arguments: [
        ("types[]", "types%5B%5D"),
        ("invoice.paid", "invoice.paid"),
        ("a b+c&d=e/f", "a%20b%2Bc%26d%3De%2Ff"),
        ("évt~_-", "%C3%A9vt~_-"),
    ])
    func escape(raw: String, escaped: String) {
        #expect(StripeQuery.escape(raw) == escaped)
    }

    @Test("arrays, hashes and scalars keep their order")
    func encoded() {
        var query = StripeQuery()
        query.append("limit", "3")
        query.appendArray("types", ["x", "y"])
        query.appendHash("created", "gte", "10")
        #expect(query.encoded == "limit=3&types%5B%5D=x&types%5B%5D=y&created%5Bgte%5D=10")
        #expect(StripeQuery().encoded.isEmpty)
    }

    @Test("a page is split into the exact bytes of each element")
    func slicing() throws {
        let body = #"{ "object" : "list", "url": "/v1/x", "meta": {"data": [9]}, "data" : [ {"id":"a","s":"]},\"["} ,[1,[2]], "str", 42 , null ], "has_more": true }"#
        let page = try StripeListPage.parse(Array(body.utf8))
        #expect(page.hasMore)
        #expect(page.url == "/v1/x")
        #expect(page.elements.map { String(decoding: $0, as: UTF8.self) } == [#"{"id":"a","s":"]},\"["}"#, "[1,[2]]", #""str""#, "42", "null"])
    }

    @Test("bodies that are not lists are rejected", arguments: [
        #"{"object":"list","has_more":false}"#,
        #"{"object":"event","data":[],"has_more":false}"#,
        #"{"object":"list","data":[],"has_more":"no"}"#,
        #"{"object":"list","data":[{"id":"a"}"#,
        "",
    ])
    func notLists(body: String) {
        #expect(throws: StripeListPageError.self) { try StripeListPage.parse(Array(body.utf8)) }
    }
}

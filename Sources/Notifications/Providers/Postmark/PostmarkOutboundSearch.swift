/// Postmark's outbound message search answer: `{"TotalCount": n, "Messages": [{"MessageID": "…", …}]}`.
struct PostmarkOutboundSearch: Decodable {
    struct Message: Decodable {
        var MessageID: String?
    }

    var Messages: [Message]
}

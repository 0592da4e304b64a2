/// Twilio's Message list page: `{"messages": [{"sid", "to", "body", "status", …}], …}`.
struct TwilioMessageList: Decodable {
    struct Message: Decodable {
        var sid: String?
        var to: String?
        var body: String?
    }

    var messages: [Message]
}

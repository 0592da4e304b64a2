import Foundation

extension FakePostmark {
    /// Posts a Bounce webhook about an accepted message to `url` with the Basic credentials configured on the webhook,
    /// as Postmark does (`RecordType: Bounce`, `Type`, `Inactive`, `MessageID`, `Email`, `Metadata`).
    /// - Parameter hard: `HardBounce` (the address is deactivated) or `SoftBounce`.
    /// - Returns: the relay's status, or `nil` when it could not be reached.
    package func postBounce(for message: DeliveredMessage, hard: Bool, to url: String, username: String, password: String) async throws -> Int? {
        let record: [String: Any] = [
            "RecordType": "Bounce", "MessageStream": "outbound", "ID": Int.random(in: 1...Int(Int32.max)),
            "Type": hard ? "HardBounce" : "SoftBounce", "TypeCode": hard ? 1 : 4096, "Name": hard ? "Hard bounce" : "Soft bounce",
            "MessageID": message.providerMessageId, "Metadata": message.metadata, "Email": message.to, "From": message.from,
            "Description": hard ? "The server was unable to deliver your message (ex: unknown user, mailbox not found)." : "Temporary failure",
            "BouncedAt": ISO8601DateFormatter().string(from: Date()), "Inactive": hard, "CanActivate": true,
        ]
        let body = try JSONSerialization.data(withJSONObject: record)
        let credentials = Data("\(username):\(password)".utf8).base64EncodedString()
        return await WebhookPoster.post(Array(body), to: url, headers: [("Content-Type", "application/json"), ("Authorization", "Basic \(credentials)")])
    }
}

import Foundation

/// Postmark's JSON answer, success or error: `{"To","SubmittedAt","MessageID","ErrorCode","Message"}`.
struct PostmarkResponseBody: Decodable {
    var messageID: String?
    var errorCode: Int?
    var message: String?

    enum CodingKeys: String, CodingKey {
        case messageID = "MessageID"
        case errorCode = "ErrorCode"
        case message = "Message"
    }

    static func decode(_ body: [UInt8]) -> PostmarkResponseBody? {
        try? JSONDecoder().decode(PostmarkResponseBody.self, from: Data(body))
    }

    /// Postmark's "Bad or missing API token" error code.
    static let badServerTokenCode = 10
}

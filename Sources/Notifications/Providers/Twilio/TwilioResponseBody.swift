import Foundation

/// Twilio's JSON answer: a Message resource (`sid`) on success, `{"code","message","more_info","status"}` on error.
struct TwilioResponseBody: Decodable {
    var sid: String?
    var code: Int?
    var message: String?

    static func decode(_ body: [UInt8]) -> TwilioResponseBody? {
        try? JSONDecoder().decode(TwilioResponseBody.self, from: Data(body))
    }
}

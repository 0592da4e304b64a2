import InvoiceDomain
package import StoreSeams

/// A Twilio message status callback (`MessageSid`, `MessageStatus`, `ErrorCode`, `To`) as a status report.
package enum TwilioStatusCallback {
    /// - Returns: `nil` for a status that carries no news (e.g. `receiving`).
    /// - Throws: ``FeedbackError/invalidBody(_:)`` without `MessageSid` or `MessageStatus`.
    package static func report(_ form: FormParameters) throws -> ProviderStatusReport? {
        guard let sid = form["MessageSid"] ?? form["SmsSid"], !sid.isEmpty,
              let rawStatus = form["MessageStatus"] ?? form["SmsStatus"]
        else {
            throw FeedbackError.invalidBody("MessageSid and MessageStatus are required")
        }
        guard let status = ProviderStatus(twilio: rawStatus) else { return nil }
        let errorCode = form["ErrorCode"].flatMap { $0.isEmpty ? nil : $0 }
        let suppress = errorCode.flatMap(Int.init).map { SuppressionReason.twilioSuppressingErrorCodes.contains($0) } == true
        return ProviderStatusReport(
            provider: .twilio, references: [.providerMessageId(sid)], status: status, errorCode: errorCode,
            address: form["To"], suppress: suppress ? .carrier : nil
        )
    }
}

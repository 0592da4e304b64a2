import Foundation
import InvoiceDomain

/// Which delivery a provider's report is about.
package enum MessageReference: Sendable, Equatable {
    /// The id the provider gave when it accepted the message (Twilio `MessageSid`, SendGrid `sg_message_id`, Postmark
    /// `MessageID`).
    case providerMessageId(String)
    /// Our own key, echoed back by providers that carry metadata (SendGrid `custom_args`, Postmark `Metadata`).
    case idempotencyKey(String)
}

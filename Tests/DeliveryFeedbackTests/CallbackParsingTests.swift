@testable import DeliveryFeedback
import Foundation
import InvoiceDomain
import StoreSeams
import Testing

/// Provider callback bodies become status reports with the right references, statuses and suppressions.
@Suite struct CallbackParsingTests {
    @Test func twilioStatusCallbackFromTheVector() throws {
        let vector = try CallbackVectors.load().twilio_status_callback
        let report = try #require(try TwilioStatusCallback.report(FormParameters(body: Array(vector.form_body.utf8))))
        #expect(report.provider == .twilio)
        #expect(report.references == [.providerMessageId("SM0123456789abcdef0123456789abcdef")])
        #expect(report.status == .undelivered)
        #expect(report.errorCode == "30003")
        #expect(report.address == "+14155550123")
        #expect(report.suppress == .carrier)
    }

    @Test(arguments: [
        ("queued", ProviderStatus.queued), ("sent", .sent), ("delivered", .delivered), ("undelivered", .undelivered), ("failed", .failed),
    ])
    func twilioStatuses(raw: String, status: ProviderStatus) throws {
        let form = try FormParameters(body: Array("MessageSid=SM1&MessageStatus=\(raw)&To=%2B14155550100".utf8))
        let report = try #require(try TwilioStatusCallback.report(form))
        #expect(report.status == status)
        #expect(report.suppress == nil)
    }

    @Test func twilioStatusWithoutItsFieldsIsInvalid() throws {
        #expect(throws: FeedbackError.self) { try TwilioStatusCallback.report(FormParameters(body: Array("MessageStatus=sent".utf8))) }
        #expect(try TwilioStatusCallback.report(FormParameters(body: Array("MessageSid=SM1&MessageStatus=receiving".utf8))) == nil)
    }

    @Test func statusesNeverMoveBackwards() {
        #expect(ProviderStatus.delivered.rank > ProviderStatus.sent.rank)
        #expect(ProviderStatus.sent.rank > ProviderStatus.queued.rank)
        #expect(ProviderStatus.complained.rank > ProviderStatus.delivered.rank)
        #expect(ProviderStatus.undelivered.rank == ProviderStatus.delivered.rank)
    }

    @Test(arguments: [
        ("STOP", nil, InboundKeyword.stop), (" stop ", nil, .stop), ("StopAll", nil, .stop), ("unsubscribe", nil, .stop), ("CANCEL", nil, .stop),
        ("end", nil, .stop), ("quit", nil, .stop), ("START", nil, .start), ("yes", nil, .start), ("Unstop", nil, .start), ("help", nil, .help),
        ("please stop texting me", nil, .other), ("Arrêt", "STOP", .stop), ("hello", nil, .other), ("", "START", .start),
    ] as [(String, String?, InboundKeyword)])
    func inboundKeywords(body: String, optOutType: String?, keyword: InboundKeyword) {
        #expect(InboundKeyword(body: body, optOutType: optOutType) == keyword)
    }

    @Test func sendgridBatchFromTheVector() throws {
        let vector = try CallbackVectors.load().sendgrid_event_webhook
        let reports = try SendGridEvents.reports(Array(vector.payload.utf8))
        #expect(!reports.isEmpty)
        let delivered = try #require(reports.first)
        #expect(delivered.status == .delivered)
        #expect(delivered.references == [.idempotencyKey("in_1QxTestInvoice01|overdue-7d|email"), .providerMessageId("14c5d75ce93")])
        #expect(delivered.address == "ada@example.com")
        #expect(delivered.suppress == nil)
    }

    @Test(arguments: [
        (#"{"event":"bounce","type":"bounce","email":"a@b.co"}"#, ProviderStatus.bounced, SuppressionReason?.some(.hardBounce)),
        (#"{"event":"bounce","type":"blocked","email":"a@b.co"}"#, .bounced, nil),
        (#"{"event":"dropped","email":"a@b.co"}"#, .dropped, nil),
        (#"{"event":"deferred","email":"a@b.co"}"#, .deferred, nil),
        (#"{"event":"spamreport","email":"a@b.co"}"#, .complained, .complaint),
        (#"{"event":"unsubscribe","email":"a@b.co"}"#, .unsubscribed, .unsubscribe),
        (#"{"event":"group_unsubscribe","email":"a@b.co"}"#, .unsubscribed, .unsubscribe),
    ])
    func sendgridEventTypes(event: String, status: ProviderStatus, suppress: SuppressionReason?) throws {
        let report = try #require(try SendGridEvents.reports(Array("[\(event)]".utf8)).first)
        #expect(report.status == status)
        #expect(report.suppress == suppress)
    }

    @Test func sendgridIgnoresEngagementEventsAndRefusesNonArrays() throws {
        #expect(try SendGridEvents.reports(Array(#"[{"event":"open"},{"event":"processed"}]"#.utf8)).isEmpty)
        #expect(throws: FeedbackError.self) { try SendGridEvents.reports(Array(#"{"event":"delivered"}"#.utf8)) }
        #expect(throws: FeedbackError.self) { try SendGridEvents.reports(Array("[1]".utf8)) }
    }

    @Test func postmarkHardBounceFromTheVector() throws {
        let report = try #require(try PostmarkWebhook.report(CallbackVectors.postmarkBounce()))
        #expect(report.provider == .postmark)
        #expect(report.status == .bounced)
        #expect(report.suppress == .hardBounce)
        #expect(report.references == [.idempotencyKey("in_1QxTestInvoice02|overdue-7d|email"), .providerMessageId("883953f4-6105-42a2-a16a-77a8eac79483")])
        #expect(report.address == "john@example.com")
    }

    @Test func postmarkSoftBounceIsOnlyRecordedAndOpensAreIgnored() throws {
        let soft = try #require(try PostmarkWebhook.report(Array(#"{"RecordType":"Bounce","Type":"SoftBounce","Inactive":false,"MessageID":"m1","Email":"a@b.co"}"#.utf8)))
        #expect(soft.status == .bounced)
        #expect(soft.suppress == nil)
        #expect(try PostmarkWebhook.report(Array(#"{"RecordType":"Open","MessageID":"m1"}"#.utf8)) == nil)
        #expect(throws: FeedbackError.self) { try PostmarkWebhook.report(Array("[]".utf8)) }
    }

    @Test func twimlEscapesText() {
        #expect(TwiML.message("A & B <c>") == #"<?xml version="1.0" encoding="UTF-8"?><Response><Message>A &amp; B &lt;c&gt;</Message></Response>"#)
    }
}

import InvoiceDomain
import Testing

@Suite("Invoice validation")
struct InvoiceValidatorTests {
    static func snapshot(
        currency: String = "USD", due: Int64 = 100, paid: Int64 = 0, remaining: Int64 = 100, attempts: Int = 0,
        email: String? = nil, phone: String? = nil, id: String = "in_1"
    ) -> InvoiceSnapshot {
        InvoiceSnapshot(
            providerInvoiceId: id, customerEmail: email, customerPhone: phone, currency: currency,
            amountDue: due, amountPaid: paid, amountRemaining: remaining, providerStatus: "open", attemptCount: attempts
        )
    }

    @Test(arguments: ["USD", "EUR", "GBP", "JPY", "KWD", "BHD", "CLF", "CHF", "ZAR"])
    func knownCurrenciesAreValid(_ code: String) {
        #expect(InvoiceValidator.problems(in: Self.snapshot(currency: code)) == [])
    }

    @Test(arguments: ["XYZ", "", "US", "USDD", "U$D", "EURO", "123"])
    func unknownCurrenciesAreProblems(_ code: String) {
        #expect(InvoiceValidator.problems(in: Self.snapshot(currency: code)) == ["currency '\(code)' is not an ISO 4217 code"])
    }

    @Test func lowercaseCurrencyIsNotNormalised() {
        #expect(InvoiceValidator.problems(in: Self.snapshot(currency: "usd")) == ["currency 'usd' is not upper-case"])
    }

    @Test func zeroAmountsAreFine() {
        #expect(InvoiceValidator.problems(in: Self.snapshot(due: 0, paid: 0, remaining: 0)) == [])
    }

    @Test func negativeAmountsEachReported() {
        let problems = InvoiceValidator.problems(in: Self.snapshot(due: -1, paid: -2, remaining: -3, attempts: -1))
        #expect(problems == [
            "amount_due -1 is negative", "amount_paid -2 is negative", "amount_remaining -3 is negative", "attempt_count -1 is negative",
        ])
    }

    @Test func contactsAreOptionalButMustBeWellFormed() {
        #expect(InvoiceValidator.problems(in: Self.snapshot(email: nil, phone: nil)) == [])
        #expect(InvoiceValidator.problems(in: Self.snapshot(email: "a@b.co", phone: "+14155552671")) == [])
        #expect(InvoiceValidator.problems(in: Self.snapshot(email: "a@b", phone: "4155552671")) == [
            "customer email is not a valid address", "customer phone is not an E.164 number",
        ])
    }

    @Test func emptyIdIsAProblem() {
        #expect(InvoiceValidator.problems(in: Self.snapshot(id: "")) == ["invoice id is empty"])
    }

    @Test func problemsDoNotEchoContactDetails() {
        let problems = InvoiceValidator.problems(in: Self.snapshot(email: "secret person@example.com", phone: "+0 private"))
        #expect(problems.count == 2)
        #expect(!problems.joined().contains("secret person"))
        #expect(!problems.joined().contains("private"))
    }
}

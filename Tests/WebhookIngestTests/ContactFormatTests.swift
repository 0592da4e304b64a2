import InvoiceDomain
import Testing

@Suite("Contact formats")
struct ContactFormatTests {
    @Test(arguments: [
        "ada@example.com", "a@b.co", "first.last+tag@sub.example.co.uk", "o'brien@example.ie", "user_name@xn--bcher-kva.example",
        "\(String(repeating: "a", count: 64))@\(String(repeating: "b", count: 185)).com",
    ])
    func validEmails(_ email: String) {
        #expect(ContactFormat.isValidEmail(email))
    }

    @Test(arguments: [
        "", "ada", "ada@", "@example.com", "ada@example", "ada@@example.com", "ada@ex@ample.com", "ada @example.com",
        "ada@example .com", " ada@example.com", "ada@example.com\n", "ada@example.com\r\nBcc: x@y.z", "ada\t@example.com",
        "ada@.example.com", "ada@example.com.", "ada@example..com",
        "\(String(repeating: "a", count: 64))@\(String(repeating: "b", count: 186)).com",
    ])
    func invalidEmails(_ email: String) {
        #expect(!ContactFormat.isValidEmail(email))
    }

    @Test(arguments: ["+12", "+14155552671", "+447700900123", "+491701234567", "+" + String(repeating: "9", count: 15)])
    func validPhones(_ phone: String) {
        #expect(ContactFormat.isValidE164(phone))
    }

    @Test(arguments: [
        "", "+", "+1", "14155552671", "+014155552671", "+1 415 555 2671", "+1-415-555-2671", "+1415555267a",
        "+" + String(repeating: "9", count: 16), "++14155552671", "+١٢٣٤٥٦٧", "+14155552671\n", "tel:+14155552671",
    ])
    func invalidPhones(_ phone: String) {
        #expect(!ContactFormat.isValidE164(phone))
    }
}

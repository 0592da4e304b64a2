import InvoiceDomain

/// The body of SendGrid's `POST /v3/mail/send` (v3 Mail Send), only the parts we use.
struct SendGridMailSend: Encodable, Equatable {
    struct Address: Encodable, Equatable {
        var email: String
        var name: String?
    }

    struct Personalization: Encodable, Equatable {
        var to: [Address]
        /// Left out when empty (SendGrid refuses an empty `cc`).
        var cc: [Address]?
    }

    struct Content: Encodable, Equatable {
        var type: String
        var value: String
    }

    var personalizations: [Personalization]
    var from: Address
    var subject: String?
    /// `text/plain` first, then `text/html`: SendGrid rejects any other order.
    var content: [Content]
    /// Echoed back in SendGrid's event webhook; carries our idempotency key and tags.
    var customArgs: [String: String]

    enum CodingKeys: String, CodingKey {
        case personalizations, from, subject, content
        case customArgs = "custom_args"
    }

    /// The key under which our idempotency key travels in `custom_args`.
    static let idempotencyKeyArg = "idempotency_key"

    init(message: OutboundMessage, fromEmail: String, fromName: String?) {
        let cc = message.cc.filter { $0.lowercased() != message.to.lowercased() }.map { Address(email: $0, name: nil) }
        personalizations = [Personalization(to: [Address(email: message.to, name: message.toName.providerNonEmpty)], cc: cc.isEmpty ? nil : cc)]
        from = Address(email: fromEmail, name: fromName.providerNonEmpty)
        subject = message.subject
        var content: [Content] = []
        if !message.text.isEmpty || (message.html ?? "").isEmpty {
            content.append(Content(type: "text/plain", value: message.text))
        }
        if let html = message.html, !html.isEmpty {
            content.append(Content(type: "text/html", value: html))
        }
        self.content = content
        var args = message.tags
        args[Self.idempotencyKeyArg] = message.idempotencyKey
        customArgs = args
    }
}

extension SendGridMailSend {
    /// The JSON `JSONEncoder` writes for this body (fields in declaration order, `nil` fields left out,
    /// `custom_args` keys sorted), written directly: this is on every e-mail's path, and the `Encodable`
    /// machinery cost more than rendering the text it carries.
    var json: String {
        var json = "{\"personalizations\":["
        for (index, personalization) in personalizations.enumerated() {
            json += index == 0 ? "{\"to\":[" : ",{\"to\":["
            for (index, address) in personalization.to.enumerated() {
                if index > 0 { json += "," }
                Self.append(address, to: &json)
            }
            json += "]"
            if let cc = personalization.cc {
                json += ",\"cc\":["
                for (index, address) in cc.enumerated() {
                    if index > 0 { json += "," }
                    Self.append(address, to: &json)
                }
                json += "]"
            }
            json += "}"
        }
        json += "],\"from\":"
        Self.append(from, to: &json)
        if let subject {
            json += ",\"subject\":"
            JSONString.append(subject, to: &json)
        }
        json += ",\"content\":["
        for (index, part) in content.enumerated() {
            json += index == 0 ? "{\"type\":" : ",{\"type\":"
            JSONString.append(part.type, to: &json)
            json += ",\"value\":"
            JSONString.append(part.value, to: &json)
            json += "}"
        }
        json += "],\"custom_args\":"
        JSONString.append(object: customArgs, to: &json)
        return json + "}"
    }

    private static func append(_ address: Address, to json: inout String) {
        json += "{\"email\":"
        JSONString.append(address.email, to: &json)
        if let name = address.name {
            json += ",\"name\":"
            JSONString.append(name, to: &json)
        }
        json += "}"
    }
}

extension Optional where Wrapped == String {
    /// `nil` for `nil` or an empty string, so optional JSON fields are omitted rather than sent empty.
    var providerNonEmpty: String? {
        guard let value = self, !value.isEmpty else { return nil }
        return value
    }
}

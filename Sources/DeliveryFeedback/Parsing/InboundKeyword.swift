import Foundation

/// What an inbound SMS asks for, by the carrier keywords Twilio and the CTIA rules recognise.
package enum InboundKeyword: Sendable, Equatable {
    /// STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT: no more messages to this number.
    case stop
    /// START, YES, UNSTOP: messages again.
    case start
    /// HELP (or INFO): who is this, how to reach them.
    case help
    /// Anything else: nothing to do.
    case other

    /// Twilio's `OptOutType` when present (`STOP`, `START`, `HELP`), else the trimmed, case-insensitive body.
    package init(body: String?, optOutType: String?) {
        if let type = optOutType?.uppercased(), !type.isEmpty {
            switch type {
            case "STOP": self = .stop; return
            case "START": self = .start; return
            case "HELP": self = .help; return
            default: break
            }
        }
        switch (body ?? "").trimmingCharacters(in: .whitespacesAndNewlines).uppercased() {
        case "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT": self = .stop
        case "START", "YES", "UNSTOP": self = .start
        case "HELP", "INFO": self = .help
        default: self = .other
        }
    }
}

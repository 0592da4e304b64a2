import Foundation

/// Where a step falls relative to its anchor (the due date, or the event that triggered a follow-up).
///
/// - ``days(_:)``: calendar days in the business time zone, sent at the policy's `sendAt` local time (the
///   historical `offsetDays`), so a step keeps its local send time across daylight-saving changes.
/// - ``exact(seconds:)``: an exact duration from the anchor's instant (`"+2h"`, `"-90m"`, `"PT2H"`); `sendAt`
///   plays no part.
package enum ReminderOffset: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
    case days(Int)
    case exact(seconds: Int64)

    /// Parses `"-3d"`, `"+7d"`, `"+2h"`, `"-90m"`, `"+30s"`, `"45s"` (sign optional; units `w`, `d`, `h`, `m`, `s`,
    /// combinable: `"1d12h"`) or an ISO 8601 duration with an optional sign (`"PT2H"`, `"-P3D"`, `"P1DT30M"`, `"P2W"`).
    /// Years and months are refused: their length is not fixed.
    /// - Returns: an ``exact(seconds:)`` offset, or `nil` for anything else.
    package init?(parsing text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var sign: Int64 = 1
        if rest.first == "+" || rest.first == "-" {
            if rest.first == "-" { sign = -1 }
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty else { return nil }
        let seconds: Int64?
        if rest.first == "P" || rest.first == "p" {
            seconds = Self.iso8601(rest.dropFirst())
        } else {
            seconds = Self.units(rest, table: ["w": 604_800, "d": 86_400, "h": 3_600, "m": 60, "s": 1])
        }
        guard let seconds else { return nil }
        self = .exact(seconds: sign * seconds)
    }

    /// Seconds of `n<unit>n<unit>…` with each unit at most once, in the table's order (units compared in lower case).
    private static func units(_ text: Substring, table: KeyValuePairs<Character, Int64>) -> Int64? {
        var total: Int64 = 0
        var digits = ""
        var order = 0
        var any = false
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            let unit = Character(character.lowercased())
            guard let index = table.firstIndex(where: { $0.key == unit }), index >= order,
                  let value = Int64(digits), digits.count <= 12 else { return nil }
            total += value * table[index].value
            order = index + 1
            digits = ""
            any = true
        }
        return any && digits.isEmpty ? total : nil
    }

    /// Seconds of the part of an ISO 8601 duration after `P`: `nW`, or `nD` then `T` with `nH`, `nM`, `nS`.
    private static func iso8601(_ text: Substring) -> Int64? {
        let parts = text.uppercased().split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        guard let datePart = parts.first else { return nil }
        var total: Int64 = 0
        if !datePart.isEmpty {
            guard let days = units(Substring(datePart), table: ["w": 604_800, "d": 86_400]) else { return nil }
            total += days
        }
        if parts.count == 2 {
            guard !parts[1].isEmpty, let time = units(Substring(parts[1]), table: ["h": 3_600, "m": 60, "s": 1]) else { return nil }
            total += time
        }
        return datePart.isEmpty && parts.count == 1 ? nil : total
    }

    /// The offset as configuration writes it: `offsetDays` for ``days(_:)``, a signed duration (`+2h`, `-90m`) otherwise.
    package var description: String {
        switch self {
        case .days(let days): return "\(days) days"
        case .exact(let seconds):
            let sign = seconds < 0 ? "-" : "+"
            let magnitude = seconds.magnitude
            if magnitude % 86_400 == 0, magnitude > 0 { return "\(sign)\(magnitude / 86_400)d" }
            if magnitude % 3_600 == 0, magnitude > 0 { return "\(sign)\(magnitude / 3_600)h" }
            if magnitude % 60 == 0, magnitude > 0 { return "\(sign)\(magnitude / 60)m" }
            return "\(sign)\(magnitude)s"
        }
    }

    /// The earliest this offset can fall relative to its anchor, in seconds (a day offset may fall up to a day
    /// earlier than `days × 86 400` because of the send time): the planner's look-ahead.
    package var earliestSeconds: Double {
        switch self {
        case .days(let days): Double(days - 1) * 86_400
        case .exact(let seconds): Double(seconds)
        }
    }
}

import Foundation
import RelayAdmin

/// A plain-text table with left-aligned columns, for terminal output.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Cells longer than this are cut with `…`.
    var maxCellWidth = 60

    init(_ headers: String...) {
        self.headers = headers
    }

    mutating func add(_ cells: String...) {
        rows.append(cells)
    }

    func render() -> String {
        let cut = rows.map { $0.map(shorten) }
        var widths = headers.map(\.count)
        for row in cut {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(headers)] + cut.map(line)).joined(separator: "\n")
    }

    func print() {
        Swift.print(rows.isEmpty ? render() + "\n(none)" : render())
    }

    private func shorten(_ cell: String) -> String {
        let flat = cell.replacingOccurrences(of: "\n", with: " ")
        return flat.count > maxCellWidth ? String(flat.prefix(maxCellWidth - 1)) + "…" : flat
    }
}

enum Format {
    static func date(_ date: Date?) -> String {
        guard let date else { return "-" }
        return ISO8601DateFormatter().string(from: date)
    }

    static func text(_ value: String?) -> String {
        value.flatMap { $0.isEmpty ? nil : $0 } ?? "-"
    }

    static func int(_ value: (some BinaryInteger)?) -> String {
        value.map { String($0) } ?? "-"
    }
}
